using System;
using System.Collections.Immutable;
using System.Threading.Tasks;

namespace Pulumi.Utilities;

/// <summary>Reads what tests need to see of an output: its value, whether it is known, what it depends on.</summary>
public static class OutputUtilities
{
    public static async Task<T> GetValueAsync<T>(Output<T> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var data = await output.DataTask.ConfigureAwait(false);
        return data.Value;
    }

    public static async Task<bool> GetIsKnownAsync<T>(Output<T> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var data = await output.DataTask.ConfigureAwait(false);
        return data.IsKnown;
    }

    public static async Task<ImmutableHashSet<Resource>> GetDependenciesAsync<T>(Output<T> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var data = await output.DataTask.ConfigureAwait(false);
        return data.Resources;
    }

    public static Output<T> CreateUnknown<T>(T value)
        => Output<T>.FromData(new OutputData<T>(value, false, false, ImmutableHashSet<Resource>.Empty));

    public static Output<T> CreateUnknown<T>(Func<Task<T>> valueFactory)
    {
        ArgumentNullException.ThrowIfNull(valueFactory);
        return new Output<T>(UnknownAsync(valueFactory));
    }

    private static async Task<OutputData<T>> UnknownAsync<T>(Func<Task<T>> valueFactory)
        => new(await valueFactory().ConfigureAwait(false), false, false, ImmutableHashSet<Resource>.Empty);
}
