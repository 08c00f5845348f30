using System.Collections.Immutable;
using Frontend.Infra.Configuration;
using Pulumi;
using Pulumi.Kubernetes.Types.Inputs.Core.V1;
using Pulumi.Kubernetes.Types.Inputs.Meta.V1;

namespace Frontend.Infra.Components;

/// <summary>
/// A version's pod: hardened by default (non-root, no privilege escalation, no capabilities, read-only
/// root filesystem with a writable /tmp, RuntimeDefault seccomp), with requests, limits and probes, spread
/// across nodes and zones, and leaving gracefully: a drain delay before SIGTERM, within the grace period.
/// </summary>
internal static class PodTemplates
{
    /// <summary>The app's container; the autoscaler measures it alone.</summary>
    public const string ContainerName = "app";
    private const string ScratchVolume = "tmp";

    /// <summary>Istio's per-pod override of the mesh's proxy config.</summary>
    public const string ProxyConfigAnnotation = "proxy.istio.io/config";

    /// <param name="sidecar">False in ambient mode: the pod has no istio-proxy, so nothing here may configure one.</param>
    public static PodTemplateSpecArgs For(AppConfig app, VersionConfig version, bool sidecar = true) => new()
    {
        Metadata = new ObjectMetaArgs
        {
            Labels = WorkloadLabels.Pod(app.Name, version.Name),
            // The injected istio-proxy has no preStop hook: it gets SIGTERM when termination starts and exits after its
            // drain duration (Istio's default 5s), which would cut inbound traffic in the middle of a longer app drain.
            Annotations = sidecar && app.Shutdown.DrainSeconds > 0
                ? new InputMap<string> { [ProxyConfigAnnotation] = $"terminationDrainDuration: {app.Shutdown.DrainSeconds}s" }
                : null!,
        },
        Spec = new PodSpecArgs
        {
            AutomountServiceAccountToken = false,
            TerminationGracePeriodSeconds = app.Shutdown.TerminationGracePeriodSeconds,
            TopologySpreadConstraints = [.. SpreadKeys.Select(key => Spread(key, WorkloadLabels.Pod(app.Name, version.Name)))],
            SecurityContext = new PodSecurityContextArgs
            {
                RunAsNonRoot = true,
                RunAsUser = app.Security.RunAsUser,
                RunAsGroup = app.Security.RunAsUser,
                FsGroup = app.Security.RunAsUser,
                SeccompProfile = new SeccompProfileArgs { Type = "RuntimeDefault" },
            },
            Containers =
            {
                new ContainerArgs
                {
                    Name = ContainerName,
                    Image = version.Image,
                    Ports = { new ContainerPortArgs { Name = app.PortName, ContainerPortValue = app.ContainerPort, Protocol = "TCP" } },
                    Env = { new EnvVarArgs { Name = "APP_VERSION", Value = version.Name } },
                    StartupProbe = StartupProbe(app),
                    ReadinessProbe = HttpProbe(app, app.Probes.ReadinessPath),
                    LivenessProbe = HttpProbe(app, app.Probes.LivenessPath),
                    Lifecycle = app.Shutdown.DrainSeconds > 0
                        ? new LifecycleArgs { PreStop = new LifecycleHandlerArgs { Sleep = new SleepActionArgs { Seconds = app.Shutdown.DrainSeconds } } }
                        : null!,
                    Resources = new ResourceRequirementsArgs
                    {
                        Requests = { ["cpu"] = app.Resources.CpuRequest, ["memory"] = app.Resources.MemoryRequest },
                        Limits = { ["cpu"] = app.Resources.CpuLimit, ["memory"] = app.Resources.MemoryLimit },
                    },
                    SecurityContext = new SecurityContextArgs
                    {
                        RunAsNonRoot = true,
                        AllowPrivilegeEscalation = false,
                        Privileged = false,
                        ReadOnlyRootFilesystem = app.Security.ReadOnlyRootFilesystem,
                        Capabilities = new CapabilitiesArgs { Drop = { "ALL" } },
                        SeccompProfile = new SeccompProfileArgs { Type = "RuntimeDefault" },
                    },
                    VolumeMounts = { new VolumeMountArgs { Name = ScratchVolume, MountPath = "/tmp" } },
                },
            },
            Volumes = { new VolumeArgs { Name = ScratchVolume, EmptyDir = new EmptyDirVolumeSourceArgs { SizeLimit = "64Mi" } } },
        },
    };

    /// <summary>Nodes, then zones: a node or a zone going down takes only its share of a version. Zones count only where nodes carry the label.</summary>
    private static readonly string[] SpreadKeys = ["kubernetes.io/hostname", "topology.kubernetes.io/zone"];

    /// <summary>
    /// Spreads a version's pods at most one apart across the key's domains, as a preference (ScheduleAnyway): a
    /// small or single-zone cluster still schedules every pod. Per rollout revision (pod-template-hash), so a
    /// rolling update spreads the new pods instead of counting the old ones.
    /// </summary>
    private static TopologySpreadConstraintArgs Spread(string key, ImmutableDictionary<string, string> podLabels) => new()
    {
        TopologyKey = key,
        MaxSkew = 1,
        WhenUnsatisfiable = "ScheduleAnyway",
        LabelSelector = new LabelSelectorArgs { MatchLabels = podLabels },
        MatchLabelKeys = { "pod-template-hash" },
    };

    /// <summary>The liveness path, every period until it passes or the startup timeout runs out; a slow start is not a failed liveness.</summary>
    private static ProbeArgs StartupProbe(AppConfig app) => new()
    {
        HttpGet = new HTTPGetActionArgs { Path = app.Probes.LivenessPath, Port = app.PortName },
        PeriodSeconds = app.Probes.PeriodSeconds,
        FailureThreshold = (app.Probes.StartupTimeoutSeconds + app.Probes.PeriodSeconds - 1) / app.Probes.PeriodSeconds,
    };

    private static ProbeArgs HttpProbe(AppConfig app, string path) => new()
    {
        HttpGet = new HTTPGetActionArgs { Path = path, Port = app.PortName },
        InitialDelaySeconds = app.Probes.InitialDelaySeconds,
        PeriodSeconds = app.Probes.PeriodSeconds,
    };
}
