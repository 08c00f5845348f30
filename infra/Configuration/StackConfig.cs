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
    /// <summary>Unset deploys to the current kube context: refused in production, a warning elsewhere.</summary>
    public ClusterConfig? Cluster { get; init; }

    public NamespaceConfig Namespace { get; init; } = new();

    public AppConfig App { get; init; } = new();

    public required IReadOnlyList<VersionConfig> Versions { get; init; }

    /// <summary>Unset: every version runs its fixed <c>replicas</c>, unless its own block says otherwise.</summary>
    public AutoscalingConfig? Autoscaling { get; init; }

    /// <summary>The Service-wide DestinationRule traffic policy; unset leaves Istio's defaults.</summary>
    public TrafficPolicyConfig? TrafficPolicy { get; init; }

    public RoutingConfig Routing { get; init; } = new();

    /// <summary>Unset binds the VirtualService to <c>mesh</c> only: external traffic through a gateway misses the split.</summary>
    public IngressConfig? Ingress { get; init; }

    /// <summary>Unset splits every request afresh; set, a visitor stays on the version they first got.</summary>
    public StickinessConfig? Stickiness { get; init; }

    /// <summary>Unset declares no PeerAuthentication: the namespace's or mesh's policy applies.</summary>
    public MtlsConfig? Mtls { get; init; }

    /// <summary>Unset declares no PodDisruptionBudget.</summary>
    public DisruptionBudgetConfig? PodDisruptionBudget { get; init; }

    /// <summary>
    /// Production stacks must pin images by tag or digest. Unset means "the stack is named prod or prod-*".
    /// </summary>
    public bool? Production { get; init; }

    /// <summary>Unset: no progressive delivery; weights change only by hand. The program declares nothing from it.</summary>
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
    public string Name { get; init; } = "frontend";

    /// <summary>False uses an existing namespace, which must already carry the injection label.</summary>
    public bool Create { get; init; } = true;

    /// <summary>
    /// Set for revision-based (canary) Istio control planes: the namespace gets <c>istio.io/rev</c>
    /// instead of <c>istio-injection: enabled</c>.
    /// </summary>
    public string? IstioRevision { get; init; }
}

internal sealed record AppConfig
{
    public string Name { get; init; } = "frontend";

    [ConfigRange(1, 65535)]
    public int ContainerPort { get; init; } = 8080;

    [ConfigRange(1, 65535)]
    public int ServicePort { get; init; } = 80;

    /// <summary>
    /// Istio infers the protocol from the port name: <c>http</c>, <c>http-web</c>, <c>grpc</c>, ...
    /// </summary>
    public string PortName { get; init; } = "http";

    public ProbesConfig Probes { get; init; } = new();

    public ResourcesConfig Resources { get; init; } = new();

    public PodSecurityConfig Security { get; init; } = new();
}

internal sealed record VersionConfig
{
    public required string Name { get; init; }

    public required string Image { get; init; }

    /// <summary>The fixed pod count; ignored (left to the autoscaler) while the version is autoscaled.</summary>
    [ConfigRange(0, StackConfigValidator.MaxReplicas)]
    public int Replicas { get; init; } = 1;

    /// <summary>Overrides <c>frontend:autoscaling</c> for this version, key by key.</summary>
    public AutoscalingConfig? Autoscaling { get; init; }

    /// <summary>Share of traffic in percent; all versions' weights add up to exactly 100.</summary>
    [ConfigRange(0, 100)]
    public int Weight { get; init; }

    /// <summary>Overrides the Service-wide policy for this version's subset only.</summary>
    public TrafficPolicyConfig? TrafficPolicy { get; init; }
}

internal sealed record ProbesConfig
{
    public string ReadinessPath { get; init; } = "/healthz/ready";

    public string LivenessPath { get; init; } = "/healthz/live";

    [ConfigRange(0, 3600)]
    public int InitialDelaySeconds { get; init; } = 5;

    [ConfigRange(1, 3600)]
    public int PeriodSeconds { get; init; } = 10;
}

internal sealed record ResourcesConfig
{
    [JsonConverter(typeof(QuantityJsonConverter))]
    public string CpuRequest { get; init; } = "100m";

    [JsonConverter(typeof(QuantityJsonConverter))]
    public string MemoryRequest { get; init; } = "128Mi";

    [JsonConverter(typeof(QuantityJsonConverter))]
    public string CpuLimit { get; init; } = "500m";

    [JsonConverter(typeof(QuantityJsonConverter))]
    public string MemoryLimit { get; init; } = "256Mi";
}

internal sealed record PodSecurityConfig
{
    /// <summary>Any non-root UID except 1337, which Istio reserves for its sidecar proxy.</summary>
    [ConfigRange(1, int.MaxValue)]
    public int RunAsUser { get; init; } = 10001;

    /// <summary>
    /// Turn off only for an image that must write outside <c>/tmp</c>; the override shows in render's summary.
    /// </summary>
    public bool ReadOnlyRootFilesystem { get; init; } = true;
}
