using System;
using System.Collections.Immutable;
using System.Threading.Tasks;

namespace Pulumi;

/// <summary>
/// A value that becomes available once the resources it comes from are registered. Every output's task
/// is tracked by the running deployment, so a failure anywhere fails the run the way the real SDK does.
/// </summary>
public sealed class Output<T> : IOutput
{
    internal Output(Task<OutputData<T>> dataTask)
    {
        DataTask = dataTask;
        DeploymentContext.Current?.Runner.Track(dataTask);
    }

    internal Task<OutputData<T>> DataTask { get; }

    public static Output<T> Create(Task<T> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new Output<T>(FromTaskAsync(value, isSecret: false));
    }

    internal static Output<T> FromData(OutputData<T> data) => new(Task.FromResult(data));

    internal static async Task<OutputData<T>> FromTaskAsync(Task<T> value, bool isSecret)
    {
        var result = await value.ConfigureAwait(false);
        return new OutputData<T>(result, true, isSecret, ImmutableHashSet<Resource>.Empty);
    }

    async Task<OutputData<object?>> IOutput.GetDataAsync()
        => (await DataTask.ConfigureAwait(false)).Untyped();

    public Output<TResult> Apply<TResult>(Func<T, TResult> func)
        => new(ApplyAsync(value => Output.Create(func(value))));

    public Output<TResult> Apply<TResult>(Func<T, Task<TResult>> func)
        => new(ApplyAsync(value => Output.Create(func(value))));

    public Output<TResult> Apply<TResult>(Func<T, Input<TResult>?> func)
        => new(ApplyAsync(value => func(value)?.ToOutput()));

    public Output<TResult> Apply<TResult>(Func<T, Output<TResult>?> func)
        => new(ApplyAsync(func));

    public Output<ValueTuple> Apply(Func<T, Task> func)
        => new(ApplyAsync(value => Output.Create(RunAsync(func, value))));

    public override string ToString()
        => """
           Calling [ToString] on an [Output<T>] is not supported.

           To get the value of an Output<T> as an Output<string> consider:
           1. o.Apply(v => $"prefix{v}suffix")
           2. Output.Format($"prefix{hostname}suffix");

           See https://www.pulumi.com/docs/concepts/inputs-outputs for more details.
           This function may throw in a future version of Pulumi.
           """;

    private static async Task<ValueTuple> RunAsync(Func<T, Task> func, T value)
    {
        await func(value).ConfigureAwait(false);
        return default;
    }

    private async Task<OutputData<TResult>> ApplyAsync<TResult>(Func<T, Output<TResult>?> func)
    {
        var data = await DataTask.ConfigureAwait(false);
        if (!data.IsKnown)
        {
            return data.Unknown<TResult>();
        }

        var inner = func(data.Value);
        if (inner is null)
        {
            return data.With<TResult>(default!);
        }

        var innerData = await inner.DataTask.ConfigureAwait(false);
        return new OutputData<TResult>(
            innerData.Value,
            innerData.IsKnown,
            data.IsSecret || innerData.IsSecret,
            data.Resources.Union(innerData.Resources));
    }
}
