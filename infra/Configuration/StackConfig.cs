using System.ComponentModel;
using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace Frontend.Infra.Configuration;

/// <summary>
/// Everything the stack reads from its config, one property per top-level key under the project's
/// namespace (<c>frontend:namespace</c>, <c>frontend:app</c>, <c>frontend:versions</c>, ...).
/// Defaults live on the records, so a stack file holds only what differs.
/// </summary>
internal sealed record StackConfig
{
    [Description("The cluster the stack deploys to, through an explicit Kubernetes provider every resource uses. Unset deploys to the current kube context: refused in production, a warning elsewhere.")]
    public ClusterConfig? Cluster { get; init; }

    [Description("The Kubernetes namespace of every resource, and whether the stack creates it.")]
    public NamespaceConfig Namespace { get; init; } = new();

    [Description("What every version shares: the app's name, ports, probes, resources and security settings.")]
    public AppConfig App { get; init; } = new();

    [Description("The app's versions, in route order: each becomes a Deployment and a DestinationRule subset, with a share of the traffic.")]
    public required IReadOnlyList<VersionConfig> Versions { get; init; }

    [Description("Autoscaling for every version: a HorizontalPodAutoscaler per version, which then owns its replicas. Unset: every version runs its fixed replicas, unless its own block says otherwise.")]
    public AutoscalingConfig? Autoscaling { get; init; }

    [Description("The Service-wide DestinationRule traffic policy; unset leaves Istio's defaults.")]
    public TrafficPolicyConfig? TrafficPolicy { get; init; }

    [Description("The routes of both VirtualServices (in-mesh and ingress), built once: match routes first, then the weighted split; retries and timeout apply to every route. The only key that may hold secure values.")]
    public RoutingConfig Routing { get; init; } = new();

    [Description("The external hosts and the ingress gateways that carry them, in a VirtualService of their own (bound to the gateways only, never mesh). Unset: only the in-mesh VirtualService exists, and external traffic through a gateway misses the split.")]
    public IngressConfig? Ingress { get; init; }

    [Description("Keeps a visitor on the version they first got, with a cookie. Unset splits every request afresh.")]
    public StickinessConfig? Stickiness { get; init; }

    [Description("Which Istio API declares the split (istio: VirtualService and DestinationRule subsets; gateway-api: HTTPRoutes to a Service per version) and which data plane runs it (sidecar or ambient). Unset: istio on sidecars.")]
    public MeshConfig Mesh { get; init; } = new();

    [Description("Mutual TLS for the app's workloads, as a PeerAuthentication. Unset declares none: the namespace's or mesh's policy applies.")]
    public MtlsConfig? Mtls { get; init; }

    [Description("A PodDisruptionBudget per version. Unset declares none.")]
    public DisruptionBudgetConfig? PodDisruptionBudget { get; init; }

    [Description("Production stacks must pin images by tag or digest and name their cluster. Unset means the stack is named prod or prod-*.")]
    public bool? Production { get; init; }

    [Description("A rollout plan for progressive delivery (rollout status|promote|rollback). Unset: weights change only by hand. The program declares nothing from it.")]
    public RolloutConfig? Rollout { get; init; }

    /// <summary>
    /// The top-level keys that hold a <c>secure:</c> value (from <c>PULUMI_CONFIG_SECRET_KEYS</c>): what they
    /// reach is passed to resources as secrets, so Pulumi's state and previews hold ciphertext. Not a config key.
    /// </summary>
    [JsonIgnore]
    public IReadOnlySet<string> SecretKeys { get; init; } = ImmutableSortedSet<string>.Empty;

    /// <summary>
    /// The <c>secure:</c> leaves an offline render passed as <see cref="SecretRules.OfflinePlaceholder"/>
    /// (<c>routing.matches[0].cookie.value</c>): their format cannot be checked. Only the render tool sets them;
    /// <c>pulumi up</c> decrypts every secret, so it leaves this empty. Not a config key.
    /// </summary>
    [JsonIgnore]
    public IReadOnlySet<string> UndecryptedSecrets { get; init; } = ImmutableSortedSet<string>.Empty;
}

internal sealed record NamespaceConfig
{
    [Description("The namespace, a DNS-1123 label.")]
    public string Name { get; init; } = "frontend";

    [Description("False uses an existing namespace, which must already carry the injection label (in ambient mode, istio.io/dataplane-mode: ambient).")]
    public bool Create { get; init; } = true;

    [Description("For revision-based (canary) Istio control planes: the namespace gets istio.io/rev with this value instead of istio-injection: enabled; in ambient mode the waypoint gets it, which picks the waypoint's control plane.")]
    public string? IstioRevision { get; init; }
}

internal sealed record AppConfig
{
    [Description("The app's name: the app label, the Service and the prefix of each Deployment.")]
    public string Name { get; init; } = "frontend";

    [Description("The port the app listens on in its container.")]
    [ConfigRange(1, 65535)]
    public int ContainerPort { get; init; } = 8080;

    [Description("The port the Service exposes.")]
    [ConfigRange(1, 65535)]
    public int ServicePort { get; init; } = 80;

    [Description("The Service port's name; Istio infers the protocol from it: http, http-web, grpc, ...")]
    public string PortName { get; init; } = "http";

    [Description("The startup, readiness and liveness probes of every version's pods.")]
    public ProbesConfig Probes { get; init; } = new();

    [Description("How a pod leaves: a drain delay before SIGTERM and the grace period before it is killed.")]
    public ShutdownConfig Shutdown { get; init; } = new();

    [Description("CPU and memory requests and limits of every version's app container.")]
    public ResourcesConfig Resources { get; init; } = new();

    [Description("The pods' hardened security context; every override shows in render's summary.")]
    public PodSecurityConfig Security { get; init; } = new();
}

internal sealed record VersionConfig
{
    [Description("A DNS-1123 label; names the subset, the version label and the Deployment <app>-<name>.")]
    public required string Name { get; init; }

    [Description("The container image; in production a tag other than latest, or a digest.")]
    public required string Image { get; init; }

    [Description("Pods of this version, 0 to 1000; a version with a weight needs at least 1. Ignored (left to the autoscaler) while the version is autoscaled.")]
    [ConfigRange(0, StackConfigValidator.MaxReplicas)]
    public int Replicas { get; init; } = 1;

    [Description("Overrides frontend:autoscaling for this version, key by key.")]
    public AutoscalingConfig? Autoscaling { get; init; }

    [Description("Share of traffic in whole percent, 0 to 100; all versions' weights add up to exactly 100.")]
    [ConfigRange(0, 100)]
    public int Weight { get; init; }

    [Description("Overrides the Service-wide traffic policy for this version's subset only (same keys).")]
    public TrafficPolicyConfig? TrafficPolicy { get; init; }
}

internal sealed record ProbesConfig
{
    [Description("HTTP path of the readiness probe.")]
    public string ReadinessPath { get; init; } = "/healthz/ready";

    [Description("HTTP path of the liveness probe.")]
    public string LivenessPath { get; init; } = "/healthz/live";

    [Description("Seconds before the first probe.")]
    [ConfigRange(0, 3600)]
    public int InitialDelaySeconds { get; init; } = 5;

    [Description("Seconds between probes.")]
    [ConfigRange(1, 3600)]
    public int PeriodSeconds { get; init; } = 10;

    [Description("Seconds a starting pod has to pass its startup probe (the liveness path) before Kubernetes restarts it; liveness and readiness probes wait for it. Default 120.")]
    [ConfigRange(1, 3600)]
    public int StartupTimeoutSeconds { get; init; } = 120;
}

internal sealed record ResourcesConfig
{
    [Description("CPU request, a Kubernetes quantity such as 100m.")]
    [JsonConverter(typeof(QuantityJsonConverter))]
    public string CpuRequest { get; init; } = "100m";

    [Description("Memory request, a Kubernetes quantity such as 128Mi.")]
    [JsonConverter(typeof(QuantityJsonConverter))]
    public string MemoryRequest { get; init; } = "128Mi";

    [Description("CPU limit, a Kubernetes quantity such as 500m.")]
    [JsonConverter(typeof(QuantityJsonConverter))]
    public string CpuLimit { get; init; } = "500m";

    [Description("Memory limit, a Kubernetes quantity such as 256Mi.")]
    [JsonConverter(typeof(QuantityJsonConverter))]
    public string MemoryLimit { get; init; } = "256Mi";
}

internal sealed record PodSecurityConfig
{
    [Description("The UID the app runs as: any non-root UID except 1337, which Istio reserves for its sidecar proxy.")]
    [ConfigRange(1, int.MaxValue)]
    public int RunAsUser { get; init; } = 10001;

    [Description("Turn off only for an image that must write outside /tmp.")]
    public bool ReadOnlyRootFilesystem { get; init; } = true;
}
