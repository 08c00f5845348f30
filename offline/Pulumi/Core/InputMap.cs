using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;

namespace Pulumi;

/// <summary>A string-keyed map input: each value may itself be an output.</summary>
public sealed class InputMap<TValue> : Input<ImmutableDictionary<string, TValue>>,
    IAsyncEnumerable<Input<KeyValuePair<string, TValue>>>, IEnumerable
{
    public InputMap()
        : this(Output.Create(ImmutableDictionary<string, TValue>.Empty))
    {
    }

    private InputMap(Output<ImmutableDictionary<string, TValue>> values)
        : base(values)
    {
    }

    /// <summary>Adds, as the real SDK does: setting a key twice fails the run.</summary>
    public Input<TValue> this[string key]
    {
        set => Add(key, value);
    }

    public void Add(string key, Input<TValue> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        OutputValue = Output.Tuple(OutputValue, value.ToOutput()).Apply(pair => pair.Item1.Add(key, pair.Item2));
    }

    public void Add(InputMap<TValue> values) => AddRange(values);

    public void AddRange(InputMap<TValue> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        OutputValue = Output.Tuple(OutputValue, values.OutputValue).Apply(pair => pair.Item1.AddRange(pair.Item2));
    }

    /// <summary>A new map with the entries of both; where both have a key, the second's value wins.</summary>
    public static InputMap<TValue> Merge(InputMap<TValue> first, InputMap<TValue> second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        return new InputMap<TValue>(Output.Tuple(first.OutputValue, second.OutputValue).Apply(pair => pair.Item1.SetItems(pair.Item2)));
    }

    public async IAsyncEnumerator<Input<KeyValuePair<string, TValue>>> GetAsyncEnumerator(CancellationToken cancellationToken)
    {
        var data = await OutputValue.DataTask.ConfigureAwait(false);
        foreach (var pair in data.IsKnown && data.Value is not null ? data.Value : ImmutableDictionary<string, TValue>.Empty)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return pair;
        }
    }

    IEnumerator IEnumerable.GetEnumerator()
        => throw new NotSupportedException(
            $"A {GetType().FullName} cannot be synchronously enumerated. Use {nameof(GetAsyncEnumerator)} instead.");

    public static implicit operator InputMap<TValue>(Dictionary<string, TValue> values)
        => values.ToImmutableDictionary();

    public static implicit operator InputMap<TValue>(ImmutableDictionary<string, TValue> values)
        => new(Output.Create(values));

    public static implicit operator InputMap<TValue>(Output<Dictionary<string, TValue>> values)
        => new(values.Apply(dictionary => dictionary.ToImmutableDictionary()));

    public static implicit operator InputMap<TValue>(Output<IDictionary<string, TValue>> values)
        => new(values.Apply(dictionary => dictionary.ToImmutableDictionary()));

    public static implicit operator InputMap<TValue>(Output<ImmutableDictionary<string, TValue>> values)
        => new(values);
}
