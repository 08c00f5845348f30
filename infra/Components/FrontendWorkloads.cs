using System.Collections.Immutable;
using Frontend.Infra.Configuration;
using Pulumi;
using Deployment = Pulumi.Kubernetes.Apps.V1.Deployment;
using Pulumi.Kubernetes.Autoscaling.V2;
using Pulumi.Kubernetes.Core.V1;
using Pulumi.Kubernetes.Policy.V1;
using Pulumi.Kubernetes.Types.Inputs.Apps.V1;
using Pulumi.Kubernetes.Types.Inputs.Autoscaling.V2;
using Pulumi.Kubernetes.Types.Inputs.Core.V1;
using Pulumi.Kubernetes.Types.Inputs.Meta.V1;
using Pulumi.Kubernetes.Types.Inputs.Policy.V1;

namespace Frontend.Infra.Components;

/// <summary>
/// The app's workloads: a Deployment per version, labelled <c>app</c> and <c>version</c>, optionally a
/// PodDisruptionBudget and a HorizontalPodAutoscaler per version, and the one Service in front of all of them, selecting <c>app</c>
/// only so that Istio, not Kubernetes, splits traffic.
/// </summary>
internal sealed class FrontendWorkloads : ComponentResource
{
    public const string TypeToken = "frontend:app:Workloads";

    /// <summary>
    /// pulumi-kubernetes' annotation that makes its server-side apply force field conflicts, so a Deployment at fixed
    /// replicas always takes <c>spec.replicas</c> back. Once an autoscaler has scaled a Deployment,
    /// kube-controller-manager owns that field (through the scale subresource), and declaring it again after
    /// autoscaling is switched off fails the apply with a conflict, halting every later deploy. Whether an autoscaler
    /// owned it is known only to the cluster, not to the program (a render or a preview has no previous state), so
    /// every fixed-count Deployment carries it, not just the one being switched: what a fixed Deployment declares is
    /// the stack's to own, and a conflict there is always drift (an autoscaler's leftover, a kubectl scale) that the
    /// next <c>pulumi up</c> means to undo. An autoscaled Deployment does not carry it: it declares no replicas, and
    /// nothing else it declares should be forced from under another manager.
    /// </summary>
    public const string PatchForceAnnotation = "pulumi.com/patchForce";

    public FrontendWorkloads(string name, FrontendWorkloadsArgs args, ComponentResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        var app = args.App;
        VersionScaling Scaling(VersionConfig version) =>
            version.Name == args.ParkedVersion ? VersionScaling.Parked : VersionScaling.For(args.Autoscaling, version);
        Deployments = args.Versions
            .Select(version => (Version: version, Scaling: Scaling(version)))
            .Select(pair => new Deployment(
                $"{name}-{pair.Version.Name}",
                new DeploymentArgs
                {
                    Metadata = DeploymentMetadata($"{app.Name}-{pair.Version.Name}", args.Namespace, WorkloadLabels.Pod(app.Name, pair.Version.Name), pair.Scaling),
                    Spec = new DeploymentSpecArgs
                    {
                        // Left out for an autoscaled version: a declared count would reset the autoscaler's on every pulumi up.
                        Replicas = Optional.Of(pair.Scaling.Autoscaled ? null : pair.Scaling.MinReplicas),
                        Selector = new LabelSelectorArgs { MatchLabels = WorkloadLabels.Pod(app.Name, pair.Version.Name) },
                        Template = PodTemplates.For(app, pair.Version, sidecar: !args.Ambient),
                    },
                },
                new CustomResourceOptions { Parent = this }))
            .ToImmutableArray();
        DeploymentsByVersion = args.Versions
            .Zip(Deployments, (version, deployment) => (version.Name, Deployment: (Resource)deployment))
            .ToImmutableDictionary(pair => pair.Name, pair => pair.Deployment, StringComparer.Ordinal);

        DisruptionBudgets = args.DisruptionBudget is { } budget
            ? [.. args.Versions.Select(version => new PodDisruptionBudget(
                $"{name}-{version.Name}",
                new PodDisruptionBudgetArgs
                {
                    Metadata = Metadata($"{app.Name}-{version.Name}", args.Namespace, WorkloadLabels.Pod(app.Name, version.Name)),
                    Spec = new PodDisruptionBudgetSpecArgs
                    {
                        MaxUnavailable = budget.MaxUnavailable,
                        // A crash-looping pod is not protecting anything: with the default (IfHealthyBudget) it would
                        // count against the budget and block every node drain while the version is unhealthy.
                        UnhealthyPodEvictionPolicy = "AlwaysAllow",
                        Selector = new LabelSelectorArgs { MatchLabels = WorkloadLabels.Pod(app.Name, version.Name) },
                    },
                },
                new CustomResourceOptions { Parent = this }))]
            : [];

        Autoscalers = [.. args.Versions
            .Select(version => (Version: version, Scaling: Scaling(version)))
            .Where(pair => pair.Scaling.Autoscaled)
            .Select(pair => Autoscaler($"{name}-{pair.Version.Name}", $"{app.Name}-{pair.Version.Name}", args.Namespace, WorkloadLabels.Pod(app.Name, pair.Version.Name), pair.Scaling))];

        Service = DeclareService(name, app.Name, args, WorkloadLabels.App(app.Name), WorkloadLabels.App(app.Name));
        VersionServices = args.VersionServices
            ? args.Versions.ToImmutableDictionary(
                version => version.Name,
                version => DeclareService($"{name}-{version.Name}", VersionServiceName(app.Name, version.Name), args, WorkloadLabels.Pod(app.Name, version.Name), WorkloadLabels.Pod(app.Name, version.Name)),
                StringComparer.Ordinal)
            : ImmutableDictionary<string, Service>.Empty;

        ServiceName = Service.Metadata.Apply(m => m.Name);
        RegisterOutputs(new Dictionary<string, object?>
        {
            ["serviceName"] = ServiceName,
            ["deployments"] = Output.All(Deployments.Select(d => d.Metadata.Apply(m => m.Name))),
        });
    }

    public ImmutableArray<Deployment> Deployments { get; }

    /// <summary>The same Deployments keyed by version name, for what must wait for a version's pods.</summary>
    public ImmutableDictionary<string, Resource> DeploymentsByVersion { get; }

    /// <summary>One per version, so a node drain never takes a whole version down; empty when not configured.</summary>
    public ImmutableArray<PodDisruptionBudget> DisruptionBudgets { get; }

    /// <summary>One per autoscaled version, scaling that version's Deployment; empty when none is.</summary>
    public ImmutableArray<HorizontalPodAutoscaler> Autoscalers { get; }

    public Service Service { get; }

    public Output<string> ServiceName { get; }

    /// <summary>Each version's own Service by version name; empty unless the Gateway API routes to them.</summary>
    public ImmutableDictionary<string, Service> VersionServices { get; }

    /// <summary>A version's own Service: <c>{app}-{version}</c>, the Deployment's name.</summary>
    public static string VersionServiceName(string appName, string versionName) => $"{appName}-{versionName}";

    /// <summary>
    /// A Service on the app's port. The shared one selects every version (so without routes Kubernetes spreads requests
    /// by pod count); a version's own selects its pods only. In ambient, each is bound to the waypoint, which is what
    /// applies its routes: without the label the routes would be ignored.
    /// </summary>
    private Service DeclareService(string resourceName, string serviceName, FrontendWorkloadsArgs args, ImmutableDictionary<string, string> labels, ImmutableDictionary<string, string> selector) =>
        new(
            resourceName,
            new ServiceArgs
            {
                Metadata = Metadata(serviceName, args.Namespace, args.Waypoint is { } waypoint ? labels.SetItem(WorkloadLabels.UseWaypointKey, waypoint) : labels),
                Spec = new ServiceSpecArgs
                {
                    Selector = selector,
                    Ports =
                    {
                        new ServicePortArgs
                        {
                            Name = args.App.PortName,
                            Port = args.App.ServicePort,
                            TargetPort = args.App.PortName,
                            Protocol = "TCP",
                        },
                    },
                },
            },
            new CustomResourceOptions { Parent = this });

    /// <summary>An autoscaling/v2 autoscaler for one version's Deployment, on the app container's CPU and optionally memory utilisation.</summary>
    private HorizontalPodAutoscaler Autoscaler(string resourceName, string deploymentName, Input<string> ns, ImmutableDictionary<string, string> labels, VersionScaling scaling)
    {
        var metrics = new InputList<MetricSpecArgs> { Utilisation("cpu", scaling.TargetCpuUtilization) };
        if (scaling.TargetMemoryUtilization is { } memory)
        {
            metrics.Add(Utilisation("memory", memory));
        }

        return new HorizontalPodAutoscaler(
            resourceName,
            new HorizontalPodAutoscalerArgs
            {
                Metadata = Metadata(deploymentName, ns, labels),
                Spec = new HorizontalPodAutoscalerSpecArgs
                {
                    ScaleTargetRef = new CrossVersionObjectReferenceArgs { ApiVersion = "apps/v1", Kind = "Deployment", Name = deploymentName },
                    MinReplicas = scaling.MinReplicas,
                    MaxReplicas = scaling.MaxReplicas,
                    Metrics = metrics,
                },
            },
            new CustomResourceOptions { Parent = this });
    }

    /// <summary>
    /// Utilisation of the <c>app</c> container alone (<c>ContainerResource</c>), not the pod's average: the pod also
    /// holds the istio-proxy sidecar, whose own use and request would otherwise move the figure the target is about.
    /// </summary>
    private static MetricSpecArgs Utilisation(string resource, int percent) => new()
    {
        Type = "ContainerResource",
        ContainerResource = new ContainerResourceMetricSourceArgs
        {
            Container = PodTemplates.ContainerName,
            Name = resource,
            Target = new MetricTargetArgs { Type = "Utilization", AverageUtilization = percent },
        },
    };

    private static ObjectMetaArgs Metadata(string name, Input<string> ns, ImmutableDictionary<string, string> labels) =>
        new() { Name = name, Namespace = ns, Labels = labels };

    private static ObjectMetaArgs DeploymentMetadata(string name, Input<string> ns, ImmutableDictionary<string, string> labels, VersionScaling scaling)
    {
        var metadata = Metadata(name, ns, labels);
        if (!scaling.Autoscaled)
        {
            metadata.Annotations = new InputMap<string> { [PatchForceAnnotation] = "true" };
        }

        return metadata;
    }
}
