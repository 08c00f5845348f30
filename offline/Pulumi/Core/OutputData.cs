using System.Collections.Immutable;

namespace Pulumi;

/// <summary>What an output resolves to: the engine's view of a value that may not be known yet.</summary>
internal sealed record OutputData<T>(T Value, bool IsKnown, bool IsSecret, ImmutableHashSet<Resource> Resources)
{
    public static OutputData<T> Known(T value) => new(value, true, false, ImmutableHashSet<Resource>.Empty);

    public OutputData<TResult> With<TResult>(TResult value) => new(value, IsKnown, IsSecret, Resources);

    public OutputData<TResult> Unknown<TResult>() => new(default!, false, IsSecret, Resources);

    public OutputData<object?> Untyped() => new(Value, IsKnown, IsSecret, Resources);
}
