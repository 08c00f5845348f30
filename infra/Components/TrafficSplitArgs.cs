using Frontend.Infra.Configuration;
using Pulumi;

namespace Frontend.Infra.Components;

internal sealed record TrafficSplitArgs
{
    public required Input<string> Namespace { get; init; }

    /// <summary>The app's name: the shared Service's (the in-mesh HTTPRoute's parent) and the prefix of each version's Service.</summary>
    public required string AppName { get; init; }

    /// <summary>The API of the in-mesh routes (<see cref="MeshApis"/>): VirtualService and subsets, or HTTPRoutes to version Services.</summary>
    public string Api { get; init; } = MeshApis.Istio;

    /// <summary>The API of the external routes and the stack's own Gateway; the mesh's unless a migration holds it back.</summary>
    public string IngressApi { get; init; } = MeshApis.Istio;

    /// <summary>The cluster has the Gateway API's experimental channel, so HTTPRoute rules carry <c>retry</c>.</summary>
    public bool GatewayApiRetries { get; init; }

    /// <summary>Each version's own Service by version name, which the Gateway API's routes name and wait for; empty with the Istio API.</summary>
    public IReadOnlyDictionary<string, VersionService> VersionServices { get; init; } = new Dictionary<string, VersionService>();

    /// <summary>Where a route sends a version's requests: its own Service, or with the Istio API its subset of the shared Service.</summary>
    public (Input<string> Host, string? Subset) DestinationOf(string version) =>
        VersionServices.TryGetValue(version, out var own) ? (own.Host, null) : (ServiceHost, version);

    /// <summary>The Service's cluster-local FQDN, the host both Istio resources are about.</summary>
    public required Input<string> ServiceHost { get; init; }

    public required int ServicePort { get; init; }

    /// <summary>Which routes Istio applies to the Service's port: HTTP routes, or a weighted TCP route.</summary>
    public RouteKind RouteKind { get; init; } = RouteKind.Http;

    public required IReadOnlyList<VersionConfig> Versions { get; init; }

    public TrafficPolicyConfig? TrafficPolicy { get; init; }

    public required RoutingConfig Routing { get; init; }

    /// <summary>External hosts and the gateways that carry them; null binds the routes to the sidecars only.</summary>
    public IngressConfig? Ingress { get; init; }

    /// <summary>Null splits every request afresh.</summary>
    public StickinessConfig? Stickiness { get; init; }

    /// <summary>The rollout plan, whose canary's sticky cookie names the attempt; null without one.</summary>
    public RolloutConfig? Rollout { get; init; }

    /// <summary>
    /// <c>frontend:routing</c> holds a secure value (a tester's header or cookie): everything taken from it
    /// reaches the VirtualService as a secret. Pulumi marks secrecy per top-level key, so all of it is.
    /// </summary>
    public bool RoutingIsSecret { get; init; }

    /// <summary>
    /// Each version's Deployment by version name. The VirtualService waits for those of the versions it
    /// routes to, so a weight goes live only once Pulumi has seen that version's pods ready.
    /// </summary>
    public required IReadOnlyDictionary<string, Resource> Workloads { get; init; }
}

/// <summary>A version's own Service and its cluster-local FQDN.</summary>
internal sealed record VersionService(Resource Service, Input<string> Host);
