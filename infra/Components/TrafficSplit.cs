using System.Collections.Immutable;
using Frontend.Infra.Configuration;
using Pulumi;
using Pulumi.Crds.Networking.V1;
using Pulumi.Kubernetes.Types.Inputs.Meta.V1;
using Pulumi.Kubernetes.Types.Inputs.Networking.V1;

namespace Frontend.Infra.Components;

/// <summary>
/// How Istio sends traffic to the versions: a DestinationRule with a subset per version (and the traffic
/// policies), and a VirtualService with the match routes first and the weighted split last.
/// The VirtualService depends on the DestinationRule, so a new subset exists before any route uses it.
/// </summary>
internal sealed class TrafficSplit : ComponentResource
{
    public const string TypeToken = "frontend:istio:TrafficSplit";

    public TrafficSplit(string name, TrafficSplitArgs args, ComponentResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        DestinationRule = new DestinationRule(
            name,
            new DestinationRuleArgs
            {
                Metadata = new ObjectMetaArgs { Name = name, Namespace = args.Namespace },
                Spec = new DestinationRuleSpecArgs
                {
                    Host = args.ServiceHost,
                    TrafficPolicy = TrafficPolicies.ForService(args.TrafficPolicy),
                    Subsets = [.. args.Versions.Select(Subset)],
                },
            },
            new CustomResourceOptions { Parent = this });

        VirtualService = new VirtualService(
            name,
            new VirtualServiceArgs
            {
                Metadata = new ObjectMetaArgs { Name = name, Namespace = args.Namespace },
                Spec = new VirtualServiceSpecArgs
                {
                    Hosts = { args.ServiceHost },
                    Http = [.. Routes.For(args)],
                },
            },
            new CustomResourceOptions { Parent = this, DependsOn = { DestinationRule } });

        SubsetNames = [.. args.Versions.Select(v => v.Name)];
        RegisterOutputs(new Dictionary<string, object?>
        {
            ["destinationRule"] = DestinationRule.Metadata.Apply(m => m.Name),
            ["virtualService"] = VirtualService.Metadata.Apply(m => m.Name),
            ["subsets"] = SubsetNames,
        });
    }

    public DestinationRule DestinationRule { get; }

    public VirtualService VirtualService { get; }

    public ImmutableArray<string> SubsetNames { get; }

    private static DestinationRuleSpecSubsetsArgs Subset(VersionConfig version) => new()
    {
        Name = version.Name,
        Labels = WorkloadLabels.Subset(version.Name),
        TrafficPolicy = TrafficPolicies.ForSubset(version.TrafficPolicy),
    };
}
