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

    public FrontendWorkloads(string name, FrontendWorkloadsArgs args, ComponentResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        var app = args.App;
        Deployments = args.Versions
            .Select(version => new Deployment(
                $"{name}-{version.Name}",
                new DeploymentArgs
                {
                    Metadata = Metadata($"{app.Name}-{version.Name}", args.Namespace, WorkloadLabels.Pod(app.Name, version.Name)),
                    Spec = new DeploymentSpecArgs
                    {
                        // Left out for an autoscaled version: a declared count would reset the autoscaler's on every pulumi up.
                        Replicas = Optional.Of(VersionScaling.For(args.Autoscaling, version) is { Autoscaled: false } fixedScale ? fixedScale.MinReplicas : null),
                        Selector = new LabelSelectorArgs { MatchLabels = WorkloadLabels.Pod(app.Name, version.Name) },
                        Template = PodTemplates.For(app, version),
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
                        Selector = new LabelSelectorArgs { MatchLabels = WorkloadLabels.Pod(app.Name, version.Name) },
                    },
                },
                new CustomResourceOptions { Parent = this }))]
            : [];

        Autoscalers = [.. args.Versions
            .Select(version => (Version: version, Scaling: VersionScaling.For(args.Autoscaling, version)))
            .Where(pair => pair.Scaling.Autoscaled)
            .Select(pair => Autoscaler($"{name}-{pair.Version.Name}", $"{app.Name}-{pair.Version.Name}", args.Namespace, WorkloadLabels.Pod(app.Name, pair.Version.Name), pair.Scaling))];

        Service = new Service(
            name,
            new ServiceArgs
            {
                Metadata = Metadata(app.Name, args.Namespace, WorkloadLabels.App(app.Name)),
                Spec = new ServiceSpecArgs
                {
                    Selector = WorkloadLabels.App(app.Name),
                    Ports =
                    {
                        new ServicePortArgs
                        {
                            Name = app.PortName,
                            Port = app.ServicePort,
                            TargetPort = app.PortName,
                            Protocol = "TCP",
                        },
                    },
                },
            },
            new CustomResourceOptions { Parent = this });

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

    /// <summary>An autoscaling/v2 autoscaler for one version's Deployment, on CPU and optionally memory utilisation.</summary>
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

    private static MetricSpecArgs Utilisation(string resource, int percent) => new()
    {
        Type = "Resource",
        Resource = new ResourceMetricSourceArgs
        {
            Name = resource,
            Target = new MetricTargetArgs { Type = "Utilization", AverageUtilization = percent },
        },
    };

    private static ObjectMetaArgs Metadata(string name, Input<string> ns, ImmutableDictionary<string, string> labels) =>
        new() { Name = name, Namespace = ns, Labels = labels };
}
