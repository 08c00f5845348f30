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

    /// <summary>
    /// By type, then name: registrations of resources that do not depend on each other reach the mocks
    /// concurrently, in an order the SDK does not keep, and what is rendered must not vary from run to run.
    /// </summary>
    public IReadOnlyList<MockResourceArgs> Registered =>
        [.. _registered.OrderBy(r => r.Type, StringComparer.Ordinal).ThenBy(r => r.Name, StringComparer.Ordinal)];

    public Task<(string? id, object state)> NewResourceAsync(MockResourceArgs args)
    {
        _registered.Enqueue(args);
        return Task.FromResult<(string? id, object state)>(($"{args.Name}-id", args.Inputs));
    }

    public Task<object> CallAsync(MockCallArgs args) =>
        throw new InvalidOperationException($"The program called '{args.Token}', which needs a cluster; rendering works only for programs that make no calls.");
}
