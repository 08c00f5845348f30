using System.Collections.Concurrent;
using System.Collections.Immutable;
using Pulumi.Testing;

namespace SdkBehaviour.Tests.Support;

/// <summary>
/// Records every call the engine makes and answers each resource with its own inputs as state, so a test
/// can assert on exactly what the program declared. A hook lets a test hold one resource's registration open.
/// </summary>
internal sealed class RecordingMocks : IMocks
{
    private readonly ConcurrentQueue<MockResourceArgs> _resources = new();
    private readonly ConcurrentQueue<MockRegisterResourceOutputsRequest> _registeredOutputs = new();
    private readonly ConcurrentQueue<string> _events = new();

    public Func<MockResourceArgs, Task>? BeforeReturning { get; init; }

    public IReadOnlyList<MockResourceArgs> Resources => [.. _resources];

    public IReadOnlyList<MockRegisterResourceOutputsRequest> RegisteredOutputs => [.. _registeredOutputs];

    /// <summary>"start name" when a resource's registration reaches the mocks, "end name" when it returns.</summary>
    public IReadOnlyList<string> Events => [.. _events];

    public MockResourceArgs Single(string name) => Resources.Single(resource => resource.Name == name);

    public async Task<(string? id, object state)> NewResourceAsync(MockResourceArgs args)
    {
        _events.Enqueue($"start {args.Name}");
        _resources.Enqueue(args);
        if (BeforeReturning is not null)
        {
            await BeforeReturning(args);
        }

        _events.Enqueue($"end {args.Name}");
        return ($"{args.Name}-id", args.Inputs);
    }

    public Task<object> CallAsync(MockCallArgs args) => Task.FromResult<object>(ImmutableDictionary<string, object>.Empty);

    public Task RegisterResourceOutputs(MockRegisterResourceOutputsRequest args)
    {
        _registeredOutputs.Enqueue(args);
        return Task.CompletedTask;
    }
}
