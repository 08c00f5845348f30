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

        Gateway = args.Ingress?.Gateway is { } gateway ? DeclareGateway(name, args.Namespace, args.Ingress.Hosts, gateway) : null;

        VirtualService = new VirtualService(
            name,
            new VirtualServiceArgs
            {
                Metadata = new ObjectMetaArgs { Name = name, Namespace = args.Namespace },
                Spec = new VirtualServiceSpecArgs
                {
                    Hosts = [args.ServiceHost, .. args.Ingress?.Hosts ?? []],
                    Gateways = Gateways(name, args),
                    Http = args.RouteKind == RouteKind.Tcp ? null! : [.. Routes.For(args)],
                    Tcp = args.RouteKind == RouteKind.Tcp ? [Routes.TcpSplit(args)] : null!,
                },
            },
            new CustomResourceOptions { Parent = this, DependsOn = [DestinationRule, .. RoutedWorkloads(args), .. Gateway is null ? [] : new Resource[] { Gateway }] });

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

    /// <summary>The stack's own ingress Gateway, when the config declares one.</summary>
    public Pulumi.Crds.Networking.V1.Gateway? Gateway { get; }

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

    /// <summary>The Deployments of the versions a route names or a mirror copies to, in config order.</summary>
    private static IEnumerable<Resource> RoutedWorkloads(TrafficSplitArgs args)
    {
        var routed = RoutedVersions.Of(args.Versions, args.Routing);
        return args.Versions
            .Where(v => routed.Contains(v.Name) || v.Name == args.Routing.Mirror?.Version)
            .Select(v => args.Workloads[v.Name]);
    }

    /// <summary>
    /// Unset (bound to the sidecars only) without ingress; otherwise the shared gateways, the stack's own, and
    /// <c>mesh</c>, so external visitors and in-mesh callers get the same routes.
    /// </summary>
    private static InputList<string> Gateways(string name, TrafficSplitArgs args)
    {
        if (args.Ingress is not { } ingress)
        {
            return null!;
        }

        var gateways = new InputList<string>();
        foreach (var shared in ingress.Gateways)
        {
            gateways.Add(shared);
        }

        if (ingress.Gateway is not null)
        {
            gateways.Add(Output.Format($"{args.Namespace}/{name}"));
        }

        gateways.Add(IngressRules.MeshGateway);
        return gateways;
    }

    /// <summary>HTTPS on 443 with the stack's TLS credential and, unless turned off, HTTP on 80 redirecting to it; the ingress hosts on both.</summary>
    private Pulumi.Crds.Networking.V1.Gateway DeclareGateway(string name, Input<string> ns, IReadOnlyList<string> hosts, GatewayConfig gateway)
    {
        var servers = new InputList<GatewaySpecServersArgs>
        {
            new GatewaySpecServersArgs
            {
                Name = "https",
                Port = new GatewaySpecServersPortArgs { Number = 443, Name = "https", Protocol = "HTTPS" },
                Hosts = [.. hosts],
                Tls = new GatewaySpecServersTlsArgs { Mode = "SIMPLE", CredentialName = gateway.CredentialName },
            },
        };
        if (gateway.HttpsRedirect)
        {
            servers.Add(new GatewaySpecServersArgs
            {
                Name = "http",
                Port = new GatewaySpecServersPortArgs { Number = 80, Name = "http", Protocol = "HTTP" },
                Hosts = [.. hosts],
                Tls = new GatewaySpecServersTlsArgs { HttpsRedirect = true },
            });
        }

        return new Pulumi.Crds.Networking.V1.Gateway(
            name,
            new GatewayArgs
            {
                Metadata = new ObjectMetaArgs { Name = name, Namespace = ns },
                Spec = new GatewaySpecArgs { Selector = gateway.Selector.ToImmutableDictionary(), Servers = servers },
            },
            new CustomResourceOptions { Parent = this });
    }

    private static DestinationRuleSpecSubsetsArgs Subset(VersionConfig version) => new()
    {
        Name = version.Name,
        Labels = WorkloadLabels.Subset(version.Name),
        TrafficPolicy = TrafficPolicies.ForSubset(version.TrafficPolicy),
    };
}
