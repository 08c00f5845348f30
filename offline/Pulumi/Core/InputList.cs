using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;

namespace Pulumi;

/// <summary>A list input: each element may itself be an output; the whole list resolves when they all do.</summary>
public sealed class InputList<T> : Input<ImmutableArray<T>>, IAsyncEnumerable<Input<T>>, IEnumerable
{
    public InputList()
        : this(Output.Create(ImmutableArray<T>.Empty))
    {
    }

    private InputList(Output<ImmutableArray<T>> values)
        : base(values)
    {
    }

    public void Add(params Input<T>[] inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        Add(FromInputs(inputs));
    }

    public void Add(InputList<T> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        OutputValue = Concat(OutputValue, inputs.OutputValue);
    }

    public void AddRange(InputList<T> inputs) => Add(inputs);

    public InputList<T> Concat(InputList<T> other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new InputList<T>(Concat(OutputValue, other.OutputValue));
    }

    public async IAsyncEnumerator<Input<T>> GetAsyncEnumerator(CancellationToken cancellationToken)
    {
        var data = await OutputValue.DataTask.ConfigureAwait(false);
        foreach (var value in data.IsKnown && !data.Value.IsDefault ? data.Value : ImmutableArray<T>.Empty)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return value;
        }
    }

    IEnumerator IEnumerable.GetEnumerator()
        => throw new NotSupportedException(
            $"A {GetType().FullName} cannot be synchronously enumerated. Use {nameof(GetAsyncEnumerator)} instead.");

    public static implicit operator InputList<T>(T value) => ImmutableArray.Create(value);

    public static implicit operator InputList<T>(T[] values) => ImmutableArray.Create(values);

    public static implicit operator InputList<T>(List<T> values) => values.ToImmutableArray();

    public static implicit operator InputList<T>(ImmutableArray<T> values) => new(Output.Create(values));

    public static implicit operator InputList<T>(Input<T> value) => FromInputs([value]);

    public static implicit operator InputList<T>(Input<T>[] values) => FromInputs(values);

    public static implicit operator InputList<T>(List<Input<T>> values) => FromInputs(values);

    public static implicit operator InputList<T>(List<Output<T>> values) => FromInputs(values.Select(value => (Input<T>)value));

    public static implicit operator InputList<T>(ImmutableArray<Input<T>> values) => FromInputs(values);

    public static implicit operator InputList<T>(ImmutableArray<Output<T>> values) => FromInputs(values.Select(value => (Input<T>)value));

    public static implicit operator InputList<T>(Output<T> value) => FromInputs([value]);

    public static implicit operator InputList<T>(Output<T>[] values) => FromInputs(values.Select(value => (Input<T>)value));

    public static implicit operator InputList<T>(Output<T[]> values) => new(values.Apply(array => array.ToImmutableArray()));

    public static implicit operator InputList<T>(Output<List<T>> values) => new(values.Apply(list => list.ToImmutableArray()));

    public static implicit operator InputList<T>(Output<IEnumerable<T>> values) => new(values.Apply(items => items.ToImmutableArray()));

    public static implicit operator InputList<T>(Output<ImmutableArray<T>> values) => new(values);

    private static InputList<T> FromInputs(IEnumerable<Input<T>> inputs)
        => new(Output.All(inputs));

    private static Output<ImmutableArray<T>> Concat(Output<ImmutableArray<T>> first, Output<ImmutableArray<T>> second)
        => Output.Tuple(first, second).Apply(pair => pair.Item1.AddRange(pair.Item2));
}
