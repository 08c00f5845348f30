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

    public Input<TValue> this[string key]
    {
        set => OutputValue = Output.Tuple(OutputValue, value.ToOutput()).Apply(pair => pair.Item1.SetItem(key, pair.Item2));
    }

    public void Add(string key, Input<TValue> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        OutputValue = Output.Tuple(OutputValue, value.ToOutput()).Apply(pair => pair.Item1.Add(key, pair.Item2));
    }

    public void Add(InputMap<TValue> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        OutputValue = Combine(OutputValue, values.OutputValue);
    }

    public void AddRange(InputMap<TValue> values) => Add(values);

    public static InputMap<TValue> Merge(InputMap<TValue> first, InputMap<TValue> second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        return new InputMap<TValue>(Combine(first.OutputValue, second.OutputValue));
    }

    public async IAsyncEnumerator<Input<KeyValuePair<string, TValue>>> GetAsyncEnumerator(CancellationToken cancellationToken)
    {
        var data = await OutputValue.DataTask.ConfigureAwait(false);
        foreach (var pair in data.Value ?? ImmutableDictionary<string, TValue>.Empty)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return pair;
        }
    }

    IEnumerator IEnumerable.GetEnumerator()
        => throw new NotSupportedException(
            "A InputMap cannot be synchronously enumerated. Use GetAsyncEnumerator instead.");

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

    private static Output<ImmutableDictionary<string, TValue>> Combine(
        Output<ImmutableDictionary<string, TValue>> first, Output<ImmutableDictionary<string, TValue>> second)
        => Output.Tuple(first, second).Apply(pair => pair.Item1.SetItems(pair.Item2));
}
