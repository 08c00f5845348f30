using System.Collections.Concurrent;
using Pulumi.Testing;

namespace Frontend.Cli.Evaluation;

/// <summary>
/// Stands in for the engine while rendering: every resource's state is what the program asked for,
/// which is exactly what a manifest is. Calls are refused because the program makes none; a call would
/// mean it now depends on the cluster and cannot be rendered offline.
/// </summary>
internal sealed class RenderMocks : IMocks
{
    private readonly ConcurrentQueue<MockResourceArgs> _registered = new();

    public IReadOnlyList<MockResourceArgs> Registered => [.. _registered];

    public Task<(string? id, object state)> NewResourceAsync(MockResourceArgs args)
    {
        _registered.Enqueue(args);
        return Task.FromResult<(string? id, object state)>(($"{args.Name}-id", args.Inputs));
    }

    public Task<object> CallAsync(MockCallArgs args) =>
        throw new InvalidOperationException($"The program called '{args.Token}', which needs a cluster; rendering works only for programs that make no calls.");
}
