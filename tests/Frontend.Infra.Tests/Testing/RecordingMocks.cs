using System.Collections.Concurrent;
using System.Collections.Immutable;
using Pulumi.Testing;

namespace Frontend.Infra.Tests.Testing;

/// <summary>
/// A strict recording mock: records every resource the program registers, fails on a resource type
/// the test did not expect, and returns the inputs as the resource's state.
/// </summary>
internal sealed class RecordingMocks : IMocks
{
    /// <summary>Every type the stack may declare; anything else is a defect in the program.</summary>
    public static readonly ImmutableHashSet<string> StackTypes =
    [
        "pulumi:providers:kubernetes",
        "kubernetes:core/v1:Namespace",
        "kubernetes:core/v1:Service",
        "kubernetes:apps/v1:Deployment",
        "kubernetes:policy/v1:PodDisruptionBudget",
        "kubernetes:autoscaling/v2:HorizontalPodAutoscaler",
        "kubernetes:networking.istio.io/v1:DestinationRule",
        "kubernetes:networking.istio.io/v1:VirtualService",
        "kubernetes:networking.istio.io/v1:Gateway",
        "kubernetes:security.istio.io/v1:PeerAuthentication",
        "kubernetes:gateway.networking.k8s.io/v1:Gateway",
        "kubernetes:gateway.networking.k8s.io/v1:HTTPRoute",
        "frontend:app:Workloads",
        "frontend:istio:TrafficSplit",
    ];

    private readonly ConcurrentQueue<MockResourceArgs> _registered = new();
    private readonly ImmutableHashSet<string> _expectedTypes;

    public RecordingMocks(ImmutableHashSet<string>? expectedTypes = null)
    {
        _expectedTypes = expectedTypes ?? StackTypes;
    }

    /// <summary>
    /// The resources in the order their registrations reached the mocks: concurrent for resources that do not
    /// depend on each other, so look one up by type and name, never by position.
    /// </summary>
    public IReadOnlyList<MockResourceArgs> Registered => [.. _registered];

    public Task<(string? id, object state)> NewResourceAsync(MockResourceArgs args)
    {
        if (args.Type is null || !_expectedTypes.Contains(args.Type))
        {
            throw new InvalidOperationException($"The program registered an unexpected resource type '{args.Type}' (name '{args.Name}').");
        }

        _registered.Enqueue(args);
        return Task.FromResult<(string? id, object state)>(($"{args.Name}-id", args.Inputs));
    }

    public Task<object> CallAsync(MockCallArgs args) =>
        throw new InvalidOperationException($"The program made an unexpected call to '{args.Token}'.");
}
