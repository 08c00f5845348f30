using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using Frontend.Infra.Configuration;
using Pulumi;
using Pulumi.Crds.Networking.V1;
using Pulumi.Kubernetes.Types.Inputs.Meta.V1;
using Pulumi.Kubernetes.Types.Inputs.Networking.V1;

namespace Frontend.Infra.Components;

/// <summary>
/// How Istio sends traffic to the versions: a DestinationRule with a subset per version (and the traffic
/// policies), and a VirtualService with the match routes first and the weighted split last.
/// Make before break, in both directions, within one <c>pulumi up</c>:
/// <list type="bullet">
/// <item>the VirtualService depends on the DestinationRule and on the Deployment of every version it
/// routes to, so a route goes live only once its subset exists and its pods are ready, and a failed
/// rollout leaves the old routes in place;</item>
/// <item>the DestinationRule's name carries a hash of its subset names, so adding or removing a version
/// replaces it create-before-delete: the new rule exists before the VirtualService changes, and Pulumi
/// deletes the old one (with the removed subset) only at the end of the update, after the VirtualService
/// has stopped routing to it. Istio merges two rules for one host while both exist.</item>
/// </list>
/// </summary>
internal sealed class TrafficSplit : ComponentResource
{
    public const string TypeToken = "frontend:istio:TrafficSplit";

    /// <summary>Hex digits of the subset hash in the DestinationRule's name: short to read, long enough never to collide in practice.</summary>
    private const int SubsetHashLength = 8;

    public TrafficSplit(string name, TrafficSplitArgs args, ComponentResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        DestinationRule = new DestinationRule(
            name,
            new DestinationRuleArgs
            {
                Metadata = new ObjectMetaArgs { Name = DestinationRuleName(name, args.Versions), Namespace = args.Namespace },
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
            new CustomResourceOptions { Parent = this, DependsOn = [DestinationRule, .. RoutedWorkloads(args)] });

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

    /// <summary>
    /// <c>{name}-{hash of the subset names}</c>: the same set of versions always gives the same name (a
    /// weight or policy change updates the rule in place), a different set gives a new one.
    /// </summary>
    public static string DestinationRuleName(string name, IEnumerable<VersionConfig> versions)
    {
        var subsets = string.Join('\n', versions.Select(v => v.Name).Order(StringComparer.Ordinal));
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(subsets)));
        return $"{name}-{hash[..SubsetHashLength]}";
    }

    /// <summary>The Deployments of the versions a route names, in config order.</summary>
    private static IEnumerable<Resource> RoutedWorkloads(TrafficSplitArgs args)
    {
        var routed = RoutedVersions.Of(args.Versions, args.Routing);
        return args.Versions.Where(v => routed.Contains(v.Name)).Select(v => args.Workloads[v.Name]);
    }

    private static DestinationRuleSpecSubsetsArgs Subset(VersionConfig version) => new()
    {
        Name = version.Name,
        Labels = WorkloadLabels.Subset(version.Name),
        TrafficPolicy = TrafficPolicies.ForSubset(version.TrafficPolicy),
    };
}
