using Frontend.Infra.Configuration;
using Pulumi.Kubernetes.Types.Inputs.Core.V1;
using Pulumi.Kubernetes.Types.Inputs.Meta.V1;

namespace Frontend.Infra.Components;

/// <summary>
/// A version's pod: hardened by default (non-root, no privilege escalation, no capabilities, read-only
/// root filesystem with a writable /tmp, RuntimeDefault seccomp), with requests, limits and probes.
/// </summary>
internal static class PodTemplates
{
    /// <summary>The app's container; the autoscaler measures it alone.</summary>
    public const string ContainerName = "app";
    private const string ScratchVolume = "tmp";

    public static PodTemplateSpecArgs For(AppConfig app, VersionConfig version) => new()
    {
        Metadata = new ObjectMetaArgs { Labels = WorkloadLabels.Pod(app.Name, version.Name) },
        Spec = new PodSpecArgs
        {
            AutomountServiceAccountToken = false,
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
                    ReadinessProbe = HttpProbe(app, app.Probes.ReadinessPath),
                    LivenessProbe = HttpProbe(app, app.Probes.LivenessPath),
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

    private static ProbeArgs HttpProbe(AppConfig app, string path) => new()
    {
        HttpGet = new HTTPGetActionArgs { Path = path, Port = app.PortName },
        InitialDelaySeconds = app.Probes.InitialDelaySeconds,
        PeriodSeconds = app.Probes.PeriodSeconds,
    };
}
