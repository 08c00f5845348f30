using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;

namespace Pulumi;

public static class Output
{
    public static Output<T> Create<T>(T value) => Output<T>.FromData(OutputData<T>.Known(value));

    public static Output<T> Create<T>(Task<T> value) => Output<T>.Create(value);

    public static Output<T> CreateSecret<T>(T value)
        => Output<T>.FromData(OutputData<T>.Known(value) with { IsSecret = true });

    public static Output<T> CreateSecret<T>(Task<T> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new Output<T>(Output<T>.FromTaskAsync(value, isSecret: true));
    }

    public static Output<T> CreateSecret<T>(Output<T> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new Output<T>(WithSecretAsync(value, isSecret: true));
    }

    public static Output<T> Unsecret<T>(Output<T> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        return new Output<T>(WithSecretAsync(output, isSecret: false));
    }

    public static async Task<bool> IsSecretAsync<T>(Output<T> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var data = await output.DataTask.ConfigureAwait(false);
        return data.IsSecret;
    }

    public static Output<ImmutableArray<T>> All<T>(params Input<T>[] inputs)
        => All(inputs.AsEnumerable());

    public static Output<ImmutableArray<T>> All<T>(IEnumerable<Input<T>> inputs)
        => All(inputs.Select(input => input.ToOutput()));

    public static Output<ImmutableArray<T>> All<T>(params Output<T>[] outputs)
        => All(outputs.AsEnumerable());

    public static Output<ImmutableArray<T>> All<T>(IEnumerable<Output<T>> outputs)
        => new(AllAsync(outputs.ToImmutableArray()));

    public static Output<(T1, T2)> Tuple<T1, T2>(Output<T1> item1, Output<T2> item2)
        => new(TupleAsync(item1, item2));

    public static Output<(T1, T2)> Tuple<T1, T2>(Input<T1> item1, Input<T2> item2)
        => Tuple(item1.ToOutput(), item2.ToOutput());

    public static Output<(T1, T2, T3)> Tuple<T1, T2, T3>(Output<T1> item1, Output<T2> item2, Output<T3> item3)
        => Tuple(Tuple(item1, item2), item3).Apply(pair => (pair.Item1.Item1, pair.Item1.Item2, pair.Item2));

    public static Output<(T1, T2, T3)> Tuple<T1, T2, T3>(Input<T1> item1, Input<T2> item2, Input<T3> item3)
        => Tuple(item1.ToOutput(), item2.ToOutput(), item3.ToOutput());

    public static Output<(T1, T2, T3, T4)> Tuple<T1, T2, T3, T4>(Output<T1> item1, Output<T2> item2, Output<T3> item3, Output<T4> item4)
        => Tuple(Tuple(item1, item2), Tuple(item3, item4))
            .Apply(pair => (pair.Item1.Item1, pair.Item1.Item2, pair.Item2.Item1, pair.Item2.Item2));

    public static Output<(T1, T2, T3, T4)> Tuple<T1, T2, T3, T4>(Input<T1> item1, Input<T2> item2, Input<T3> item3, Input<T4> item4)
        => Tuple(item1.ToOutput(), item2.ToOutput(), item3.ToOutput(), item4.ToOutput());

    public static Output<string> Format(FormattableString formattableString)
    {
        ArgumentNullException.ThrowIfNull(formattableString);
        var arguments = formattableString.GetArguments()
            .Select(argument => argument switch
            {
                IInput input => input.ToOutput(),
                IOutput output => output,
                _ => new Output<object?>(Task.FromResult(OutputData<object?>.Known(argument))),
            })
            .ToImmutableArray();
        return new Output<string>(FormatAsync(formattableString.Format, arguments));
    }

    private static async Task<OutputData<string>> FormatAsync(string format, ImmutableArray<IOutput> arguments)
    {
        var data = await AllAsync(arguments.Select(argument => argument.GetDataAsync())).ConfigureAwait(false);
        var text = data.IsKnown
            ? string.Format(CultureInfo.InvariantCulture, format, data.Value.ToArray())
            : default!;
        return data.With(text);
    }

    private static async Task<OutputData<T>> WithSecretAsync<T>(Output<T> output, bool isSecret)
        => await output.DataTask.ConfigureAwait(false) with { IsSecret = isSecret };

    private static async Task<OutputData<(T1, T2)>> TupleAsync<T1, T2>(Output<T1> item1, Output<T2> item2)
    {
        var first = await item1.DataTask.ConfigureAwait(false);
        var second = await item2.DataTask.ConfigureAwait(false);
        return new OutputData<(T1, T2)>(
            (first.Value, second.Value),
            first.IsKnown && second.IsKnown,
            first.IsSecret || second.IsSecret,
            first.Resources.Union(second.Resources));
    }

    private static Task<OutputData<ImmutableArray<T>>> AllAsync<T>(ImmutableArray<Output<T>> outputs)
        => AllAsync(outputs.Select(output => output.DataTask));

    private static async Task<OutputData<ImmutableArray<T>>> AllAsync<T>(IEnumerable<Task<OutputData<T>>> tasks)
    {
        var all = await Task.WhenAll(tasks).ConfigureAwait(false);
        return new OutputData<ImmutableArray<T>>(
            all.Select(data => data.Value).ToImmutableArray(),
            all.All(data => data.IsKnown),
            all.Any(data => data.IsSecret),
            all.Aggregate(ImmutableHashSet<Resource>.Empty, (resources, data) => resources.Union(data.Resources)));
    }
}
