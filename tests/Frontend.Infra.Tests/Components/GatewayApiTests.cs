using System.Collections.Immutable;
using Frontend.Infra.Components;
using Frontend.Infra.Configuration;
using Frontend.Infra.Tests.Testing;
using Pulumi.Testing;

namespace Frontend.Infra.Tests.Components;

/// <summary>
/// The same canary with the Gateway API: a Service per version, HTTPRoutes that are the route plan's second emission,
/// DestinationRules per version host for the policies, and, in ambient mode, a waypoint and no sidecar assumptions.
/// </summary>
public sealed class GatewayApiTests
{
    private const string HttpRouteType = "kubernetes:gateway.networking.k8s.io/v1:HTTPRoute";
    private const string GatewayType = "kubernetes:gateway.networking.k8s.io/v1:Gateway";
    private const string ServiceType = "kubernetes:core/v1:Service";
    private const string DestinationRuleType = "kubernetes:networking.istio.io/v1:DestinationRule";
    private const string VirtualServiceType = "kubernetes:networking.istio.io/v1:VirtualService";

    private static readonly MatchRouteConfig Testers = new() { Name = "testers", Header = new HeaderMatchConfig { Name = "x-canary", Exact = "always" }, Version = "v2" };

    private static StackConfig GatewayApi(StackConfig config, string channel = GatewayApiChannels.Standard, string dataplane = MeshDataplanes.Sidecar) =>
        config with { Mesh = new MeshConfig { Api = MeshApis.GatewayApi, GatewayApiChannel = channel, Dataplane = dataplane } };

    private static StackConfig Canary() => GatewayApi(SampleConfigs.TwoVersions(v1Weight: 90, v2Weight: 10) with
    {
        Routing = new RoutingConfig { Matches = [Testers], Timeout = "1.5s" },
        Stickiness = new StickinessConfig { Cookie = "frontend-version" },
        Ingress = new IngressConfig { Hosts = ["www.example.com"], Gateway = new GatewayConfig { CredentialName = "frontend-tls" } },
    });

    private static List<ImmutableDictionary<string, object>> Rules(MockResourceArgs route) =>
        [.. route.Inputs.List("spec.rules").Cast<ImmutableDictionary<string, object>>()];

    private static MockResourceArgs Named(StackRun run, string type, string name) =>
        Assert.Single(run.OfType(type), r => (string?)r.Inputs.At("metadata.name") == name);

    [Fact]
    public async Task Declare_GatewayApi_DeclaresAServicePerVersionSelectingOnlyThatVersion()
    {
        var run = await StackRun.DeclareAsync(Canary());

        var shared = Named(run, ServiceType, "frontend");
        var v2 = Named(run, ServiceType, "frontend-v2");
        Assert.Equal(new Dictionary<string, string> { ["app"] = "frontend" }, shared.Inputs.Labels("spec.selector"));
        Assert.Equal(new Dictionary<string, string> { ["app"] = "frontend", ["version"] = "v2" }, v2.Inputs.Labels("spec.selector"));
        Assert.Equal(80.0, v2.Inputs.At("spec.ports.0.port"));
        Assert.Equal("http", v2.Inputs.At("spec.ports.0.targetPort"));
        Assert.Empty(run.OfType(VirtualServiceType));
        Assert.DoesNotContain(run.OfType(DestinationRuleType), dr => dr.Inputs.At("spec.subsets") is not null);
    }

    [Fact]
    public async Task Declare_GatewayApi_MeshRouteHasTheServiceAsParentAndThePlansRulesInOrder()
    {
        var run = await StackRun.DeclareAsync(Canary());

        var mesh = Named(run, HttpRouteType, "frontend");
        Assert.Equal("Service", mesh.Inputs.At("spec.parentRefs.0.kind"));
        Assert.Equal("", mesh.Inputs.At("spec.parentRefs.0.group"));
        Assert.Equal("frontend", mesh.Inputs.At("spec.parentRefs.0.name"));
        Assert.Equal(80.0, mesh.Inputs.At("spec.parentRefs.0.port"));
        Assert.Null(mesh.Inputs.At("spec.hostnames"));

        var plan = RoutePlan.For(Canary().Versions, Canary().Routing, Canary().Stickiness, Canary().Rollout);
        Assert.Equal(plan.Routes.Select(r => r.Name), Rules(mesh).Select(r => (string)r["name"]));
        Assert.Equal(["testers", "sticky-v1", "sticky-v2", MatchRouteRules.WeightedRouteName], Rules(mesh).Select(r => (string)r["name"]));
    }

    [Fact]
    public async Task Declare_GatewayApi_SplitRuleWeighsTheVersionServicesAndEachAddsItsCookie()
    {
        var run = await StackRun.DeclareAsync(Canary());

        var split = Rules(Named(run, HttpRouteType, "frontend"))[^1];
        var backends = split.List("backendRefs").Cast<ImmutableDictionary<string, object>>().ToList();
        Assert.Equal(["frontend-v1", "frontend-v2"], backends.Select(b => (string)b["name"]));
        Assert.Equal([90.0, 10.0], backends.Select(b => (double)b["weight"]));
        Assert.All(backends, b => Assert.Equal("ResponseHeaderModifier", b.At("filters.0.type")));
        Assert.StartsWith("frontend-version=v2;", (string)backends[1].At("filters.0.responseHeaderModifier.add.0.value")!, StringComparison.Ordinal);
        Assert.Equal("set-cookie", backends[1].At("filters.0.responseHeaderModifier.add.0.name"));
    }

    [Fact]
    public async Task Declare_GatewayApi_MatchRoutesAreHeaderMatchesAndCookiesARegexOnTheCookieHeader()
    {
        var run = await StackRun.DeclareAsync(Canary());

        var rules = Rules(Named(run, HttpRouteType, "frontend"));
        Assert.Equal("Exact", rules[0].At("matches.0.headers.0.type"));
        Assert.Equal("x-canary", rules[0].At("matches.0.headers.0.name"));
        Assert.Equal("always", rules[0].At("matches.0.headers.0.value"));
        Assert.Equal("frontend-v2", rules[0].At("backendRefs.0.name"));
        Assert.Null(rules[0].At("backendRefs.0.weight"));
        Assert.Equal("RegularExpression", rules[1].At("matches.0.headers.0.type"));
        Assert.Equal("cookie", rules[1].At("matches.0.headers.0.name"));
        Assert.Equal(@"^(.*;\s*)?frontend-version=v1(;.*)?$", rules[1].At("matches.0.headers.0.value"));
    }

    [Fact]
    public async Task Declare_HeaderPrefix_BecomesTheRegexIstioMeans()
    {
        var config = Canary() with
        {
            Routing = new RoutingConfig { Matches = [Testers with { Header = new HeaderMatchConfig { Name = "x-canary", Prefix = "beta.(1)" } }] },
        };

        var run = await StackRun.DeclareAsync(config);

        var rule = Rules(Named(run, HttpRouteType, "frontend"))[0];
        Assert.Equal("RegularExpression", rule.At("matches.0.headers.0.type"));
        Assert.Equal(@"beta\.\(1\).*", rule.At("matches.0.headers.0.value"));
    }

    [Fact]
    public async Task Declare_Timeout_IsTheGatewayApisDurationAndStandardChannelCarriesNoRetry()
    {
        var run = await StackRun.DeclareAsync(Canary());

        Assert.All(Rules(Named(run, HttpRouteType, "frontend")), rule =>
        {
            Assert.Equal("1s500ms", rule.At("timeouts.request"));
            Assert.Null(rule.At("timeouts.backendRequest"));
            Assert.Null(rule.At("retry"));
        });
    }

    [Fact]
    public async Task Declare_ExperimentalChannel_CarriesTheRetriesAsCodesAndThePerTryTimeout()
    {
        var config = GatewayApi(Canary(), GatewayApiChannels.Experimental) with
        {
            Routing = new RoutingConfig { Timeout = "10s", Retries = new RetriesConfig { Attempts = 3, PerTryTimeout = "2s", RetryOn = "connect-failure,502,503" } },
        };

        var run = await StackRun.DeclareAsync(config);

        Assert.All(Rules(Named(run, HttpRouteType, "frontend")), rule =>
        {
            Assert.Equal(3.0, rule.At("retry.attempts"));
            Assert.Equal([502.0, 503.0], rule.List("retry.codes").Cast<double>());
            Assert.Equal("2s", rule.At("timeouts.backendRequest"));
            Assert.Equal("10s", rule.At("timeouts.request"));
        });
    }

    [Fact]
    public async Task Declare_ExperimentalChannelWithoutRetries_CarriesTheSafeDefaultOfA503()
    {
        var run = await StackRun.DeclareAsync(GatewayApi(Canary(), GatewayApiChannels.Experimental));

        var rule = Rules(Named(run, HttpRouteType, "frontend"))[^1];
        Assert.Equal(2.0, rule.At("retry.attempts"));
        Assert.Equal([503.0], rule.List("retry.codes").Cast<double>());
    }

    [Theory]
    [InlineData(10, 10, null, null)]
    [InlineData(0.5, null, 5, 1000)]
    [InlineData(12.25, null, 1225, 10000)]
    public async Task Declare_Mirror_IsAPercentOrAnExactFractionOnTheSplitRulesOnly(double percent, int? whole, int? numerator, int? denominator)
    {
        var config = Canary() with { Routing = new RoutingConfig { Matches = [Testers], Mirror = new MirrorConfig { Version = "v2", Percent = percent } } };

        var run = await StackRun.DeclareAsync(config);

        var rules = Rules(Named(run, HttpRouteType, "frontend"));
        Assert.Null(rules[0].At("filters"));
        var mirror = rules[^1];
        Assert.Equal("RequestMirror", mirror.At("filters.0.type"));
        Assert.Equal("frontend-v2", mirror.At("filters.0.requestMirror.backendRef.name"));
        Assert.Equal(whole is null ? null : (double)whole, mirror.At("filters.0.requestMirror.percent"));
        Assert.Equal(numerator is null ? null : (double)numerator, mirror.At("filters.0.requestMirror.fraction.numerator"));
        Assert.Equal(denominator is null ? null : (double)denominator, mirror.At("filters.0.requestMirror.fraction.denominator"));
    }

    [Fact]
    public async Task Declare_OwnGateway_IsAGatewayApiGatewayWithHttpsAndARedirectRouteOnHttp()
    {
        var run = await StackRun.DeclareAsync(Canary());

        var gateway = Named(run, GatewayType, "frontend");
        Assert.Equal("istio", gateway.Inputs.At("spec.gatewayClassName"));
        Assert.Equal("https", gateway.Inputs.At("spec.listeners.0.name"));
        Assert.Equal("HTTPS", gateway.Inputs.At("spec.listeners.0.protocol"));
        Assert.Equal("frontend-tls", gateway.Inputs.At("spec.listeners.0.tls.certificateRefs.0.name"));
        Assert.Equal("Same", gateway.Inputs.At("spec.listeners.0.allowedRoutes.namespaces.from"));
        Assert.Equal("http", gateway.Inputs.At("spec.listeners.1.name"));

        var ingress = Named(run, HttpRouteType, "frontend-ingress");
        Assert.Equal(["www.example.com"], ingress.Inputs.List("spec.hostnames").Cast<string>());
        Assert.Equal("https", ingress.Inputs.At("spec.parentRefs.0.sectionName"));
        Assert.Equal(Rules(Named(run, HttpRouteType, "frontend")).Select(r => r["name"]), Rules(ingress).Select(r => r["name"]));

        var redirect = Named(run, HttpRouteType, "frontend-https-redirect");
        Assert.Equal("http", redirect.Inputs.At("spec.parentRefs.0.sectionName"));
        Assert.Equal("https", redirect.Inputs.At("spec.rules.0.filters.0.requestRedirect.scheme"));
        Assert.Equal(301.0, redirect.Inputs.At("spec.rules.0.filters.0.requestRedirect.statusCode"));
        Assert.Null(redirect.Inputs.At("spec.rules.0.backendRefs"));
    }

    [Fact]
    public async Task Declare_SharedGateways_AreParentRefsWithTheirNamespace()
    {
        var config = Canary() with { Ingress = new IngressConfig { Hosts = ["www.example.com"], Gateways = ["istio-ingress/public-gateway"] } };

        var run = await StackRun.DeclareAsync(config);

        var ingress = Named(run, HttpRouteType, "frontend-ingress");
        Assert.Equal("gateway.networking.k8s.io", ingress.Inputs.At("spec.parentRefs.0.group"));
        Assert.Equal("Gateway", ingress.Inputs.At("spec.parentRefs.0.kind"));
        Assert.Equal("istio-ingress", ingress.Inputs.At("spec.parentRefs.0.namespace"));
        Assert.Equal("public-gateway", ingress.Inputs.At("spec.parentRefs.0.name"));
        Assert.DoesNotContain(run.OfType(HttpRouteType), r => (string?)r.Inputs.At("metadata.name") == "frontend-https-redirect");
        Assert.Empty(run.OfType(GatewayType));
    }

    [Fact]
    public async Task Declare_TrafficPolicies_AreOneDestinationRulePerVersionHostWithTheVersionsBlocksOverTheService()
    {
        var config = Canary() with
        {
            TrafficPolicy = new TrafficPolicyConfig { LoadBalancer = new LoadBalancerConfig { Simple = "LEAST_REQUEST" }, OutlierDetection = new OutlierDetectionConfig { Consecutive5xxErrors = 5 } },
        };
        config = config with { Versions = [config.Versions[0], config.Versions[1] with { TrafficPolicy = new TrafficPolicyConfig { LoadBalancer = new LoadBalancerConfig { Simple = "ROUND_ROBIN" } } }] };

        var run = await StackRun.DeclareAsync(config);

        var v1 = Named(run, DestinationRuleType, "frontend-v1");
        var v2 = Named(run, DestinationRuleType, "frontend-v2");
        Assert.Equal("frontend-v1.frontend-dev.svc.cluster.local", v1.Inputs.At("spec.host"));
        Assert.Equal("LEAST_REQUEST", v1.Inputs.At("spec.trafficPolicy.loadBalancer.simple"));
        Assert.Equal("ROUND_ROBIN", v2.Inputs.At("spec.trafficPolicy.loadBalancer.simple"));
        Assert.Equal(5.0, v2.Inputs.At("spec.trafficPolicy.outlierDetection.consecutive5xxErrors"));
    }

    [Fact]
    public async Task Declare_NoTrafficPolicy_DeclaresNoDestinationRule()
    {
        var run = await StackRun.DeclareAsync(Canary());

        Assert.Empty(run.OfType(DestinationRuleType));
    }

    [Fact]
    public async Task Declare_Ambient_LabelsTheNamespaceDeclaresTheWaypointAndBindsEveryService()
    {
        var run = await StackRun.DeclareAsync(GatewayApi(Canary(), dataplane: MeshDataplanes.Ambient));

        var ns = Assert.Single(run.OfType("kubernetes:core/v1:Namespace"));
        Assert.Equal(new Dictionary<string, string> { ["istio.io/dataplane-mode"] = "ambient" }, ns.Inputs.Labels("metadata.labels"));

        var waypoint = Named(run, GatewayType, "waypoint");
        Assert.Equal("istio-waypoint", waypoint.Inputs.At("spec.gatewayClassName"));
        Assert.Equal("HBONE", waypoint.Inputs.At("spec.listeners.0.protocol"));
        Assert.Equal(15008.0, waypoint.Inputs.At("spec.listeners.0.port"));
        Assert.Equal("service", waypoint.Inputs.Labels("metadata.labels")["istio.io/waypoint-for"]);

        Assert.All(run.OfType(ServiceType), service => Assert.Equal("waypoint", service.Inputs.Labels("metadata.labels")["istio.io/use-waypoint"]));
        Assert.Equal(3, run.OfType(ServiceType).Count);
    }

    [Fact]
    public async Task Declare_AmbientWithARevision_PutsTheRevisionOnTheWaypointNotTheNamespace()
    {
        var config = GatewayApi(Canary(), dataplane: MeshDataplanes.Ambient);
        config = config with { Namespace = config.Namespace with { IstioRevision = "1-30-3" } };

        var run = await StackRun.DeclareAsync(config);

        Assert.Equal("1-30-3", Named(run, GatewayType, "waypoint").Inputs.Labels("metadata.labels")["istio.io/rev"]);
        Assert.DoesNotContain("istio.io/rev", Assert.Single(run.OfType("kubernetes:core/v1:Namespace")).Inputs.Labels("metadata.labels").Keys);
    }

    [Fact]
    public async Task Declare_Ambient_NoPodCarriesSidecarConfig()
    {
        var run = await StackRun.DeclareAsync(GatewayApi(Canary(), dataplane: MeshDataplanes.Ambient));

        Assert.All(run.OfType("kubernetes:apps/v1:Deployment"), deployment =>
            Assert.Null(deployment.Inputs.At("spec.template.metadata.annotations")));
    }

    [Fact]
    public async Task Declare_AmbientWithAnExistingWaypoint_BindsToItAndDeclaresNone()
    {
        var config = GatewayApi(Canary(), dataplane: MeshDataplanes.Ambient);
        config = config with { Mesh = config.Mesh with { Waypoint = new WaypointConfig { Name = "shared-waypoint", Create = false } } };

        var run = await StackRun.DeclareAsync(config);

        Assert.DoesNotContain(run.OfType(GatewayType), g => g.Inputs.At("spec.gatewayClassName") as string == "istio-waypoint");
        Assert.All(run.OfType(ServiceType), service => Assert.Equal("shared-waypoint", service.Inputs.Labels("metadata.labels")["istio.io/use-waypoint"]));
    }

    [Fact]
    public async Task Declare_IngressKeptOnIstio_TheIngressVirtualServiceRoutesToTheVersionServices()
    {
        var config = Canary() with { Ingress = new IngressConfig { Hosts = ["www.example.com"], Gateways = ["istio-ingress/public-gateway"], Api = MeshApis.Istio } };

        var run = await StackRun.DeclareAsync(config);

        var vs = Assert.Single(run.OfType(VirtualServiceType));
        Assert.Equal("frontend-ingress", vs.Inputs.At("metadata.name"));
        var split = vs.Inputs.List("spec.http").Cast<ImmutableDictionary<string, object>>().Last();
        Assert.Equal("frontend-v1.frontend-dev.svc.cluster.local", split.At("route.0.destination.host"));
        Assert.Null(split.At("route.0.destination.subset"));
        Assert.Equal(["frontend"], run.OfType(HttpRouteType).Select(r => (string)r.Inputs.At("metadata.name")!));
    }
}
