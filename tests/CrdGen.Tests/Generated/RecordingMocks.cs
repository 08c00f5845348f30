using System.Collections.Concurrent;
using System.Collections.Immutable;
using Pulumi.Testing;

namespace CrdGen.Tests.Generated;

/// <summary>A strict mock engine: records each registration, refuses unexpected types, and returns inputs as state.</summary>
internal sealed class RecordingMocks(params string[] expectedTypes) : IMocks
{
    private readonly ConcurrentQueue<MockResourceArgs> registered = new();

    public IReadOnlyList<MockResourceArgs> Registered => [.. registered];

    public Task<(string? id, object state)> NewResourceAsync(MockResourceArgs args)
    {
        if (!expectedTypes.Contains(args.Type, StringComparer.Ordinal))
        {
            throw new InvalidOperationException($"Unexpected resource type {args.Type} for {args.Name}.");
        }

        registered.Enqueue(args);
        return Task.FromResult<(string?, object)>(($"{args.Name}-id", args.Inputs));
    }

    public Task<object> CallAsync(MockCallArgs args) =>
        Task.FromResult<object>(ImmutableDictionary<string, object>.Empty);
}
