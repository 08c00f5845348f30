using System.ComponentModel;

namespace Frontend.Infra.Configuration;

/// <summary>
/// Which of Istio's APIs and data planes the stack targets (<c>frontend:mesh</c>). Unset is today's Istio API on
/// sidecars: a VirtualService and DestinationRule subsets. The Gateway API routes the same plan with HTTPRoutes to a
/// Service per version; in ambient mode it is the only supported way to route L7 traffic, applied by a waypoint.
/// </summary>
internal sealed record MeshConfig
{
    [Description("How the split is declared: istio (a VirtualService routing to DestinationRule subsets) or gateway-api (HTTPRoutes routing to a Service per version, what Istio recommends and what ambient requires).")]
    public string Api { get; init; } = MeshApis.Istio;

    [Description("sidecar (an istio-proxy in every pod, injected by the namespace's label) or ambient (ztunnel on each node, and a waypoint that applies the routes; needs api: gateway-api).")]
    public string Dataplane { get; init; } = MeshDataplanes.Sidecar;

    [Description("Required with api: gateway-api, and no default: the channel of the Gateway API v1.5.1 CRDs installed in the cluster, standard or experimental (kubectl get crd httproutes.gateway.networking.k8s.io -o jsonpath='{.metadata.annotations.gateway\\.networking\\.k8s\\.io/channel}'). What that channel lacks (retries need experimental) is refused, never sent to be dropped.")]
    public string? GatewayApiChannel { get; init; }

    [Description("Ambient only: the waypoint that applies the routes and policies to the app's Services. Unset: a waypoint named waypoint that the stack declares.")]
    public WaypointConfig? Waypoint { get; init; }
}

/// <summary>The ambient waypoint the app's Services are bound to with <c>istio.io/use-waypoint</c>.</summary>
internal sealed record WaypointConfig
{
    [Description("The waypoint Gateway's name, in the app's namespace.")]
    public string Name { get; init; } = "waypoint";

    [Description("True declares the waypoint (gatewayClassName istio-waypoint, HBONE on 15008); false binds to one that already exists, such as one istioctl waypoint apply created.")]
    public bool Create { get; init; } = true;
}

internal static class MeshApis
{
    public const string Istio = "istio";
    public const string GatewayApi = "gateway-api";
    public static readonly IReadOnlyList<string> All = [Istio, GatewayApi];

    /// <summary>Ingress only, during a migration: both APIs' gateways carry the hosts, so DNS can move between them.</summary>
    public const string Both = "both";
    public static readonly IReadOnlyList<string> ForIngress = [Istio, GatewayApi, Both];

    public static bool IncludesIstio(string api) => api is Istio or Both;

    public static bool IncludesGatewayApi(string api) => api is GatewayApi or Both;
}

internal static class MeshDataplanes
{
    public const string Sidecar = "sidecar";
    public const string Ambient = "ambient";
    public static readonly IReadOnlyList<string> All = [Sidecar, Ambient];
}

/// <summary>The Gateway API release's two CRD bundles: standard is a subset of experimental.</summary>
internal static class GatewayApiChannels
{
    public const string Standard = "standard";
    public const string Experimental = "experimental";
    public static readonly IReadOnlyList<string> All = [Standard, Experimental];
}
