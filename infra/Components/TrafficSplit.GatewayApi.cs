using System.Collections.Immutable;
using Frontend.Infra.Configuration;
using Pulumi;
using Pulumi.Crds.Gateway.V1;
using Pulumi.Crds.Networking.V1;
using Pulumi.Kubernetes.Types.Inputs.Gateway.V1;
using Pulumi.Kubernetes.Types.Inputs.Meta.V1;
using Pulumi.Kubernetes.Types.Inputs.Networking.V1;

namespace Frontend.Infra.Components;

/// <summary>
/// The split with the Kubernetes Gateway API, as Istio reads it in both data planes: a Service per version instead of
/// subsets, HTTPRoutes instead of VirtualServices, a Gateway API Gateway (class <c>istio</c>) instead of an Istio one.
/// The traffic policies stay in DestinationRules, one per version Service host, which Istio applies on sidecars and
/// waypoints alike.
/// </summary>
internal sealed partial class TrafficSplit
{
    /// <summary>The Gateway API group, which parentRefs to a Gateway name.</summary>
    public const string GatewayApiGroup = "gateway.networking.k8s.io";

    /// <summary>The redirect route of the stack's own Gateway is named <c>{name}-https-redirect</c>.</summary>
    public const string RedirectSuffix = "https-redirect";

    /// <summary>The listeners of the stack's own Gateway: the routes attach to them by name.</summary>
    public const string HttpsListener = "https";
    public const string HttpListener = "http";

    /// <summary>One per version whose effective traffic policy is not empty (Gateway API); empty otherwise.</summary>
    public ImmutableArray<DestinationRule> VersionDestinationRules { get; private set; } = [];

    /// <summary>The routes in-mesh callers get, with the shared Service as parent (Gateway API); null with the Istio API.</summary>
    public HTTPRoute? MeshRoute { get; private set; }

    /// <summary>The same rules for the ingress hosts, on the ingress Gateways (Gateway API); null without ingress or while it keeps the Istio API.</summary>
    public HTTPRoute? IngressRoute { get; private set; }

    /// <summary>The stack's own Gateway API Gateway, when the config declares one.</summary>
    public Pulumi.Crds.Gateway.V1.Gateway? IngressGateway { get; private set; }

    private void DeclareGatewayApi(string name, TrafficSplitArgs args)
    {
        VersionDestinationRules = [.. args.Versions
            .Select(version => (version, policy: TrafficPolicies.ForVersion(args.TrafficPolicy, version.TrafficPolicy)))
            .Where(pair => pair.policy is not null)
            .Select(pair => VersionDestinationRule(name, args, pair.version, pair.policy!))];

        // A route waits for every version it names to have its Service, its policy and ready pods.
        var routed = RoutedVersionNames(args).ToList();
        IReadOnlyList<Resource> waitsFor = [.. VersionDestinationRules, .. routed.Select(v => args.VersionServices[v].Service), .. routed.Select(v => args.Workloads[v])];
        var rules = HttpRouteRules.For(args).ToImmutableArray();
        MeshRoute = DeclareHttpRoute(
            name,
            args,
            [new HTTPRouteSpecParentRefsArgs { Group = "", Kind = "Service", Name = args.AppName, Port = args.ServicePort }],
            hostnames: null,
            rules,
            waitsFor);

        if (args.Ingress is { Hosts.Count: > 0 } ingress)
        {
            if (MeshApis.IncludesIstio(args.IngressApi))
            {
                // A migration step: the external entry point keeps its Istio Gateway and VirtualService, now routing to the version Services.
                Gateway = ingress.Gateway is { } istioGateway ? DeclareGateway(name, args.Namespace, ingress.Hosts, istioGateway) : null;
                IngressVirtualService = DeclareVirtualService($"{name}-{IngressSuffix}", args, [.. ingress.Hosts], IngressGateways(name, args.Namespace, ingress), [.. Routes.For(args)], null, [.. waitsFor, .. Gateway is null ? [] : new Resource[] { Gateway }]);
            }

            if (MeshApis.IncludesGatewayApi(args.IngressApi))
            {
                DeclareGatewayApiIngress(name, args, ingress, rules, waitsFor);
            }
        }

        RegisterOutputs(new Dictionary<string, object?>
        {
            ["meshRoute"] = MeshRoute.Metadata.Apply(m => m.Name),
            ["ingressRoute"] = IngressRoute?.Metadata.Apply(m => m.Name),
            ["ingressVirtualService"] = IngressVirtualService?.Metadata.Apply(m => m.Name),
            ["versionServices"] = ImmutableArray.CreateRange(args.Versions.Select(v => FrontendWorkloads.VersionServiceName(args.AppName, v.Name))),
        });
    }

    /// <summary>
    /// The external routes: the stack's own Gateway (if any), an HTTPRoute with the ingress hosts on it and on the shared
    /// Gateways, and, on the own Gateway's plain-HTTP listener, a route that only redirects to HTTPS.
    /// </summary>
    private void DeclareGatewayApiIngress(string name, TrafficSplitArgs args, IngressConfig ingress, ImmutableArray<HTTPRouteSpecRulesArgs> rules, IReadOnlyList<Resource> waitsFor)
    {
        IngressGateway = ingress.Gateway is { } gateway ? DeclareGatewayApiGateway(name, args.Namespace, gateway) : null;
        var parents = new List<HTTPRouteSpecParentRefsArgs>();
        if (IngressGateway is not null)
        {
            parents.Add(new HTTPRouteSpecParentRefsArgs { Group = GatewayApiGroup, Kind = "Gateway", Name = name, SectionName = HttpsListener });
        }

        foreach (var shared in ingress.Gateways)
        {
            var (ns, gatewayName) = (shared.Split('/')[0], shared.Split('/')[1]);
            parents.Add(new HTTPRouteSpecParentRefsArgs { Group = GatewayApiGroup, Kind = "Gateway", Namespace = ns, Name = gatewayName });
        }

        var ownGateway = IngressGateway is null ? [] : new Resource[] { IngressGateway };
        IngressRoute = DeclareHttpRoute($"{name}-{IngressSuffix}", args, parents, [.. ingress.Hosts], rules, [.. waitsFor, .. ownGateway]);
        if (ingress.Gateway is { HttpsRedirect: true })
        {
            DeclareHttpRoute(
                $"{name}-{RedirectSuffix}",
                args,
                [new HTTPRouteSpecParentRefsArgs { Group = GatewayApiGroup, Kind = "Gateway", Name = name, SectionName = HttpListener }],
                [.. ingress.Hosts],
                [
                    new HTTPRouteSpecRulesArgs
                    {
                        Filters =
                        [
                            new HTTPRouteSpecRulesFiltersArgs
                            {
                                Type = "RequestRedirect",
                                RequestRedirect = new HTTPRouteSpecRulesFiltersRequestRedirectArgs { Scheme = "https", StatusCode = 301 },
                            },
                        ],
                    },
                ],
                ownGateway);
        }
    }

    private HTTPRoute DeclareHttpRoute(
        string name,
        TrafficSplitArgs args,
        IReadOnlyList<HTTPRouteSpecParentRefsArgs> parents,
        IReadOnlyList<string>? hostnames,
        IReadOnlyList<HTTPRouteSpecRulesArgs> rules,
        IReadOnlyList<Resource> waitsFor) =>
        new(
            name,
            new HTTPRouteArgs
            {
                Metadata = new ObjectMetaArgs { Name = name, Namespace = args.Namespace },
                Spec = new HTTPRouteSpecArgs
                {
                    ParentRefs = [.. parents],
                    Hostnames = hostnames is null ? null! : [.. hostnames],
                    Rules = [.. rules],
                },
            },
            new CustomResourceOptions { Parent = this, DependsOn = [.. waitsFor] });

    /// <summary>
    /// HTTPS on 443 with the stack's certificate Secret (in this namespace, the Gateway's own) and, unless turned off, HTTP
    /// on 80 whose only route redirects to HTTPS. No listener hostname: the routes' hostnames select the hosts, and only
    /// routes in this namespace may attach (<c>allowedRoutes</c> says so explicitly rather than by default).
    /// </summary>
    private Pulumi.Crds.Gateway.V1.Gateway DeclareGatewayApiGateway(string name, Input<string> ns, GatewayConfig gateway)
    {
        GatewaySpecListenersAllowedRoutesArgs SameNamespace() => new() { Namespaces = new GatewaySpecListenersAllowedRoutesNamespacesArgs { From = "Same" } };
        var listeners = new InputList<GatewaySpecListenersArgs>
        {
            new GatewaySpecListenersArgs
            {
                Name = HttpsListener,
                Port = 443,
                Protocol = "HTTPS",
                Tls = new GatewaySpecListenersTlsArgs
                {
                    Mode = "Terminate",
                    CertificateRefs = [new GatewaySpecListenersTlsCertificateRefsArgs { Group = "", Kind = "Secret", Name = gateway.CredentialName }],
                },
                AllowedRoutes = SameNamespace(),
            },
        };
        if (gateway.HttpsRedirect)
        {
            listeners.Add(new GatewaySpecListenersArgs { Name = HttpListener, Port = 80, Protocol = "HTTP", AllowedRoutes = SameNamespace() });
        }

        return new Pulumi.Crds.Gateway.V1.Gateway(
            name,
            new Pulumi.Kubernetes.Types.Inputs.Gateway.V1.GatewayArgs
            {
                Metadata = new ObjectMetaArgs { Name = name, Namespace = ns },
                Spec = new Pulumi.Kubernetes.Types.Inputs.Gateway.V1.GatewaySpecArgs { GatewayClassName = "istio", Listeners = listeners },
            },
            new CustomResourceOptions { Parent = this });
    }

    /// <summary>A version Service's traffic policy: <c>{app}-{version}</c>, for that Service's host only.</summary>
    private DestinationRule VersionDestinationRule(string name, TrafficSplitArgs args, VersionConfig version, TrafficPolicyConfig policy) =>
        new(
            $"{name}-{version.Name}",
            new DestinationRuleArgs
            {
                Metadata = new ObjectMetaArgs { Name = FrontendWorkloads.VersionServiceName(args.AppName, version.Name), Namespace = args.Namespace },
                Spec = new DestinationRuleSpecArgs
                {
                    Host = args.VersionServices[version.Name].Host,
                    TrafficPolicy = TrafficPolicies.ForService(policy),
                },
            },
            new CustomResourceOptions { Parent = this });
}
