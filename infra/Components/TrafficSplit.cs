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
/// How Istio sends traffic to the versions, with either of its APIs (<see cref="TrafficSplitArgs.Api"/>); both emit the
/// same route plan (<see cref="RoutePlan"/>): match routes first, the weighted split last, once for in-mesh callers and,
/// with ingress, once for external visitors.
/// <list type="bullet">
/// <item>The Istio API: a DestinationRule with a subset per version (and the traffic policies), and two VirtualServices:
/// one for in-mesh callers (the Service host, bound to <c>mesh</c>) and one for external visitors (the ingress hosts,
/// bound to the gateways only, so sidecars never route the public host past the gateway).</item>
/// <item>The Gateway API (<c>TrafficSplit.GatewayApi.cs</c>): HTTPRoutes to a Service per version, one with the shared
/// Service as its parent (in-mesh callers, GAMMA) and one on the ingress Gateways; a DestinationRule per version Service
/// carries the traffic policies.</item>
/// </list>
/// Make before break, in both directions, within one <c>pulumi up</c>:
/// <list type="bullet">
/// <item>each route depends on the DestinationRules and on the Deployment (and, with the Gateway API, the Service) of
/// every version it routes to, so a route goes live only once its subset or Service exists and its pods are ready, and
/// a failed rollout leaves the old routes in place;</item>
/// <item>the subset DestinationRule's name carries a hash of its subset names, so adding or removing a version
/// replaces it create-before-delete: the new rule exists before the VirtualServices change, and Pulumi
/// deletes the old one (with the removed subset) only at the end of the update, after the VirtualServices
/// have stopped routing to it. Istio merges two rules for one host while both exist, and for a field both set the
/// older rule's wins: a traffic-policy change in the same change as a rename takes effect only once the old rule is gone.
/// A removed version's Service and DestinationRule are likewise deleted only at the end, after the routes have left them.</item>
/// </list>
/// </summary>
internal sealed partial class TrafficSplit : ComponentResource
{
    public const string TypeToken = "frontend:istio:TrafficSplit";

    /// <summary>Hex digits of the subset hash in the DestinationRule's name: short to read, long enough never to collide in practice.</summary>
    private const int SubsetHashLength = 8;

    /// <summary>The ingress VirtualService is named <c>{name}-ingress</c>.</summary>
    public const string IngressSuffix = "ingress";

    private const string ExportToEveryNamespace = "*";

    public TrafficSplit(string name, TrafficSplitArgs args, ComponentResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        SubsetNames = [.. args.Versions.Select(v => v.Name)];
        if (args.Api == MeshApis.GatewayApi)
        {
            DeclareGatewayApi(name, args);
            return;
        }

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

        // One route list, declared once and given to both VirtualServices, so in-mesh callers and external visitors
        // get the same match routes, stickiness, mirroring, retries and timeout.
        ImmutableArray<VirtualServiceSpecHttpArgs>? http = args.RouteKind == RouteKind.Tcp ? null : [.. Routes.For(args)];
        var tcp = args.RouteKind == RouteKind.Tcp ? Routes.TcpSplit(args) : null;
        var routedWorkloads = RoutedWorkloads(args).ToList();
        VirtualService = DeclareVirtualService(name, args, [args.ServiceHost], [IngressRules.MeshGateway], http, tcp, [DestinationRule, .. routedWorkloads]);
        IngressVirtualService = args.Ingress is { Hosts.Count: > 0 } ingress
            ? DeclareVirtualService($"{name}-{IngressSuffix}", args, [.. ingress.Hosts], IngressGateways(name, args.Namespace, ingress), http, tcp, [DestinationRule, .. routedWorkloads, .. Gateway is null ? [] : new Resource[] { Gateway }])
            : null;

        RegisterOutputs(new Dictionary<string, object?>
        {
            ["destinationRule"] = DestinationRule.Metadata.Apply(m => m.Name),
            ["virtualService"] = VirtualService.Metadata.Apply(m => m.Name),
            ["ingressVirtualService"] = IngressVirtualService?.Metadata.Apply(m => m.Name),
            ["subsets"] = SubsetNames,
        });
    }

    /// <summary>The subsets and the Service-wide policy (Istio API); null with the Gateway API.</summary>
    public DestinationRule? DestinationRule { get; }

    /// <summary>The routes in-mesh callers get: the Service host, bound to <c>mesh</c> only (Istio API); null with the Gateway API.</summary>
    public VirtualService? VirtualService { get; private set; }

    /// <summary>The same routes for external visitors: the ingress hosts, bound to the ingress gateways only; null without ingress or with the Gateway API's.</summary>
    public VirtualService? IngressVirtualService { get; private set; }

    /// <summary>The stack's own Istio ingress Gateway, when the config declares one and ingress uses the Istio API.</summary>
    public Pulumi.Crds.Networking.V1.Gateway? Gateway { get; private set; }

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
    private static IEnumerable<Resource> RoutedWorkloads(TrafficSplitArgs args) => RoutedVersionNames(args).Select(v => args.Workloads[v]);

    /// <summary>The versions a route names or a mirror copies to, in config order.</summary>
    private static IEnumerable<string> RoutedVersionNames(TrafficSplitArgs args)
    {
        var routed = RoutedVersions.Of(args.Versions, args.Routing);
        return args.Versions
            .Where(v => routed.Contains(v.Name) || v.Name == args.Routing.Mirror?.Version)
            .Select(v => v.Name);
    }

    /// <summary>
    /// A VirtualService for one entry point. Both wait for <paramref name="waitsFor"/>: the DestinationRules, the
    /// routed versions' Deployments (and, for the ingress one, the stack's own Gateway), so neither routes to a subset or pods that are not there yet.
    /// <c>exportTo: ["*"]</c>, said explicitly: the mesh one must reach callers in every namespace, or they would
    /// bypass the split and reach every version by pod count; the ingress one must reach the gateway proxies, whose
    /// namespace a Gateway's <c>&lt;ns&gt;/&lt;name&gt;</c> does not tell (a wrong guess would silently drop the routes
    /// from the gateway), and sidecars never apply it, because it does not bind <c>mesh</c>.
    /// </summary>
    private VirtualService DeclareVirtualService(
        string name,
        TrafficSplitArgs args,
        InputList<string> hosts,
        InputList<string> gateways,
        ImmutableArray<VirtualServiceSpecHttpArgs>? http,
        VirtualServiceSpecTcpArgs? tcp,
        IReadOnlyList<Resource> waitsFor) =>
        new(
            name,
            new VirtualServiceArgs
            {
                Metadata = new ObjectMetaArgs { Name = name, Namespace = args.Namespace },
                Spec = new VirtualServiceSpecArgs
                {
                    Hosts = hosts,
                    Gateways = gateways,
                    ExportTo = [ExportToEveryNamespace],
                    Http = http is { } routes ? [.. routes] : null!,
                    Tcp = tcp is null ? null! : [tcp],
                },
            },
            new CustomResourceOptions { Parent = this, DependsOn = [.. waitsFor] });

    /// <summary>The shared gateways, then the stack's own: never <c>mesh</c>, so sidecars do not get the external hosts.</summary>
    private static InputList<string> IngressGateways(string name, Input<string> ns, IngressConfig ingress)
    {
        var gateways = new InputList<string>();
        foreach (var shared in ingress.Gateways)
        {
            gateways.Add(shared);
        }

        if (ingress.Gateway is not null)
        {
            gateways.Add(Output.Format($"{ns}/{name}"));
        }

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
