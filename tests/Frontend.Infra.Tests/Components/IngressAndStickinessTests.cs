using System.Collections.Immutable;
using Frontend.Infra.Configuration;
using Frontend.Infra.Tests.Testing;

namespace Frontend.Infra.Tests.Components;

/// <summary>
/// Real user traffic: the split holds at the ingress gateway, visitors stay on the version they first got,
/// and a version can be shadowed with a copy of the split's requests.
/// </summary>
public sealed class IngressAndStickinessTests
{
    private const string VirtualServiceType = "kubernetes:networking.istio.io/v1:VirtualService";
    private const string GatewayType = "kubernetes:networking.istio.io/v1:Gateway";
    private const string Host = "frontend.frontend-dev.svc.cluster.local";

    private static readonly MatchRouteConfig Testers = new() { Name = "testers", Header = new HeaderMatchConfig { Name = "x-canary", Exact = "always" }, Version = "v2" };

    /// <summary>The in-mesh VirtualService (named after the app); with ingress there is a second, <c>frontend-ingress</c>.</summary>
    private static async Task<ImmutableDictionary<string, object>> VirtualServiceAsync(StackConfig config, string name = "frontend") =>
        Assert.Single((await StackRun.DeclareAsync(config)).OfType(VirtualServiceType), vs => (string?)vs.Inputs.At("metadata.name") == name).Inputs;

    private static readonly IngressConfig SharedGateway = new() { Hosts = ["www.example.com"], Gateways = ["istio-ingress/public-gateway"] };

    private static List<ImmutableDictionary<string, object>> Routes(ImmutableDictionary<string, object> vs) =>
        [.. vs.List("spec.http").Cast<ImmutableDictionary<string, object>>()];

    private static StackConfig ThreeVersions(int v1, int v2, int v3, StickinessConfig? stickiness = null)
    {
        var config = SampleConfigs.TwoVersions();
        return config with
        {
            Versions =
            [
                config.Versions[0] with { Weight = v1 },
                config.Versions[1] with { Weight = v2 },
                new VersionConfig { Name = "v3", Image = "ghcr.io/acme/frontend:1.6.0", Weight = v3 },
            ],
            Stickiness = stickiness,
        };
    }

    [Fact]
    public async Task Declare_SharedGateway_MeshVirtualServiceHasOnlyTheServiceHostOnMesh()
    {
        var vs = await VirtualServiceAsync(SampleConfigs.TwoVersions() with { Ingress = SharedGateway });

        Assert.Equal(["mesh"], vs.List("spec.gateways").Cast<string>());
        Assert.Equal([Host], vs.List("spec.hosts").Cast<string>());
    }

    [Fact]
    public async Task Declare_SharedGateway_IngressVirtualServiceHasOnlyTheExternalHostsOnTheGateway()
    {
        var vs = await VirtualServiceAsync(SampleConfigs.TwoVersions() with { Ingress = SharedGateway }, "frontend-ingress");

        Assert.Equal(["istio-ingress/public-gateway"], vs.List("spec.gateways").Cast<string>());
        Assert.Equal(["www.example.com"], vs.List("spec.hosts").Cast<string>());
    }

    [Theory]
    [InlineData("frontend")]
    [InlineData("frontend-ingress")]
    public async Task Declare_SharedGateway_EachVirtualServiceIsExportedToEveryNamespace(string name)
    {
        var vs = await VirtualServiceAsync(SampleConfigs.TwoVersions() with { Ingress = SharedGateway }, name);

        Assert.Equal(["*"], vs.List("spec.exportTo").Cast<string>());
    }

    [Fact]
    public async Task Declare_SharedGateway_BothVirtualServicesCarryTheSameRoutes()
    {
        var config = SampleConfigs.TwoVersions(v1Weight: 90, v2Weight: 10) with
        {
            Ingress = SharedGateway,
            Stickiness = new StickinessConfig(),
            Routing = new RoutingConfig
            {
                Matches = [Testers],
                Mirror = new MirrorConfig { Version = "v2", Percent = 5 },
                Retries = new RetriesConfig { Attempts = 1 },
                Timeout = "5s",
            },
        };

        var run = await StackRun.DeclareAsync(config);

        var routes = run.OfType(VirtualServiceType).Select(vs => System.Text.Json.JsonSerializer.Serialize(vs.Inputs.List("spec.http"))).ToList();
        Assert.Equal(2, routes.Count);
        Assert.Equal(routes[0], routes[1]);
    }

    [Fact]
    public async Task Declare_NoIngress_OneVirtualServiceBoundToMeshOnly()
    {
        var run = await StackRun.DeclareAsync(SampleConfigs.TwoVersions());

        var vs = Assert.Single(run.OfType(VirtualServiceType)).Inputs;
        Assert.Equal(["mesh"], vs.List("spec.gateways").Cast<string>());
        Assert.Equal([Host], vs.List("spec.hosts").Cast<string>());
    }

    [Fact]
    public async Task Declare_OwnGateway_ServesHttpsWithTheCredentialAndRedirectsHttp()
    {
        var config = SampleConfigs.TwoVersions() with
        {
            Ingress = new IngressConfig { Hosts = ["frontend.dev.example.com"], Gateway = new GatewayConfig { CredentialName = "frontend-dev-tls", Selector = new Dictionary<string, string> { ["istio"] = "ingress" } } },
        };

        var run = await StackRun.DeclareAsync(config);

        var gateway = Assert.Single(run.OfType(GatewayType)).Inputs;
        Assert.Equal("frontend", gateway.At("metadata.name"));
        Assert.Equal("frontend-dev", gateway.At("metadata.namespace"));
        Assert.Equal(new Dictionary<string, string> { ["istio"] = "ingress" }, gateway.Labels("spec.selector"));
        var servers = gateway.List("spec.servers").Cast<ImmutableDictionary<string, object>>().ToList();
        Assert.Equal(2, servers.Count);
        Assert.Equal((443.0, "HTTPS"), ((double)servers[0].At("port.number")!, (string)servers[0].At("port.protocol")!));
        Assert.Equal(("SIMPLE", "frontend-dev-tls"), ((string)servers[0].At("tls.mode")!, (string)servers[0].At("tls.credentialName")!));
        Assert.Equal((80.0, "HTTP", true), ((double)servers[1].At("port.number")!, (string)servers[1].At("port.protocol")!, (bool)servers[1].At("tls.httpsRedirect")!));
        Assert.All(servers, s => Assert.Equal(["frontend.dev.example.com"], s.List("hosts").Cast<string>()));
        Assert.Equal(["frontend-dev/frontend"], Assert.Single(run.OfType(VirtualServiceType), vs => (string?)vs.Inputs.At("metadata.name") == "frontend-ingress").Inputs.List("spec.gateways").Cast<string>());
    }

    [Fact]
    public async Task Declare_Stickiness_TesterRouteThenOneCookieRoutePerWeightedVersionThenTheSplit()
    {
        var config = SampleConfigs.TwoVersions(v1Weight: 90, v2Weight: 10) with
        {
            Routing = new RoutingConfig { Matches = [Testers] },
            Stickiness = new StickinessConfig(),
        };

        var routes = Routes(await VirtualServiceAsync(config));

        Assert.Equal(["testers", "sticky-v1", "sticky-v2", "weighted"], routes.Select(r => r.At("name")));
        Assert.Equal("^(.*;\\s*)?frontend-version=v1(;.*)?$", routes[1].At("match.0.headers.cookie.regex"));
        Assert.Equal("v1", routes[1].At("route.0.destination.subset"));
        Assert.Equal("v2", routes[2].At("route.0.destination.subset"));
    }

    [Fact]
    public async Task Declare_Stickiness_EachWeightedDestinationAddsACookieNamingItsVersion()
    {
        var config = SampleConfigs.TwoVersions(v1Weight: 90, v2Weight: 10) with { Stickiness = new StickinessConfig() };

        var split = Routes(await VirtualServiceAsync(config))[^1];

        var destinations = split.List("route").Cast<ImmutableDictionary<string, object>>().ToList();
        Assert.Equal("frontend-version=v1; Max-Age=86400; Path=/; Secure; HttpOnly; SameSite=Lax", destinations[0].At("headers.response.add.set-cookie"));
        Assert.Equal("frontend-version=v2; Max-Age=86400; Path=/; Secure; HttpOnly; SameSite=Lax", destinations[1].At("headers.response.add.set-cookie"));
        // Added, never set: the app's own Set-Cookie headers must survive.
        Assert.All(destinations, d => Assert.False(d.Map("headers.response").ContainsKey("set")));
    }

    [Fact]
    public async Task Declare_StickinessWithThreeVersions_RoutesEachVersionsVisitorsBack()
    {
        var routes = Routes(await VirtualServiceAsync(ThreeVersions(60, 30, 10, new StickinessConfig { Cookie = "ver" })));

        Assert.Equal(["sticky-v1", "sticky-v2", "sticky-v3", "weighted"], routes.Select(r => r.At("name")));
        Assert.Equal(["v1", "v2", "v3"], routes.Take(3).Select(r => r.At("route.0.destination.subset")));
        Assert.Equal(
            ["ver=v1", "ver=v2", "ver=v3"],
            routes[^1].List("route").Cast<ImmutableDictionary<string, object>>().Select(d => ((string)d.At("headers.response.add.set-cookie")!).Split(';')[0]));
    }

    [Fact]
    public async Task Declare_VersionDrainedToZero_LosesItsStickyRouteAndCookie()
    {
        var routes = Routes(await VirtualServiceAsync(ThreeVersions(70, 30, 0, new StickinessConfig())));

        // v3's returning visitors no longer match a route of their own: they are split afresh between v1 and v2.
        Assert.Equal(["sticky-v1", "sticky-v2", "weighted"], routes.Select(r => r.At("name")));
        Assert.Equal(["v1", "v2"], routes[^1].List("route").Cast<ImmutableDictionary<string, object>>().Select(d => d.At("destination.subset")));
    }

    [Fact]
    public async Task Declare_Mirror_CopiesTheSplitsTrafficButNotTheTesters()
    {
        var config = ThreeVersions(90, 10, 0, new StickinessConfig()) with
        {
            Routing = new RoutingConfig { Matches = [Testers], Mirror = new MirrorConfig { Version = "v3", Percent = 12.5 } },
        };

        var routes = Routes(await VirtualServiceAsync(config));

        Assert.False(routes[0].ContainsKey("mirrors"));
        Assert.All(routes.Skip(1), route =>
        {
            var mirror = (ImmutableDictionary<string, object>)Assert.Single(route.List("mirrors"));
            Assert.Equal("v3", mirror.At("destination.subset"));
            Assert.Equal(80.0, mirror.At("destination.port.number"));
            Assert.Equal(12.5, mirror.At("percentage.value"));
        });
    }

    [Fact]
    public void Validate_UpperCaseHostAndWildcardInTheMiddle_Refused()
    {
        var config = SampleConfigs.TwoVersions() with { Ingress = new IngressConfig { Hosts = ["WWW.example.com", "a.*.example.com", "*"], Gateways = ["istio-ingress/public-gateway"] } };

        Assert.Equal(
            [
                "frontend:ingress.hosts[0] = \"WWW.example.com\": must be a lower-case DNS name (labels of letters, digits and '-'), with a wildcard only as a leading '*.'. Fix: pulumi config set --path 'ingress.hosts[0]' www.example.com",
                "frontend:ingress.hosts[1] = \"a.*.example.com\": must be a lower-case DNS name (labels of letters, digits and '-'), with a wildcard only as a leading '*.'. Fix: pulumi config set --path 'ingress.hosts[1]' www.example.com",
                "frontend:ingress.hosts[2] = \"*\": must be a lower-case DNS name (labels of letters, digits and '-'), with a wildcard only as a leading '*.'. Fix: pulumi config set --path 'ingress.hosts[2]' www.example.com",
            ],
            StackConfigValidator.Validate(config, "dev").Select(p => p.ToString()));
    }

    [Fact]
    public void Validate_GatewayReferenceWithoutNamespaceAndMesh_Refused()
    {
        var config = SampleConfigs.TwoVersions() with { Ingress = new IngressConfig { Hosts = ["www.example.com"], Gateways = ["public-gateway", "mesh"] } };

        Assert.Equal(
            [
                "frontend:ingress.gateways[0] = \"public-gateway\": must be '<namespace>/<name>' of an Istio Gateway, both DNS-1123 labels (lower-case letters, digits and '-'). Fix: pulumi config set --path 'ingress.gateways[0]' istio-ingress/public-gateway",
                "frontend:ingress.gateways[1] = \"mesh\": must not be 'mesh': the in-mesh VirtualService binds the sidecars, and the ingress one binds only ingress gateways; list only those. Fix: pulumi config rm --path 'ingress.gateways[1]'",
            ],
            StackConfigValidator.Validate(config, "dev").Select(p => p.ToString()));
    }

    [Fact]
    public void Validate_HostsWithoutAnyGateway_Refused()
    {
        var config = SampleConfigs.TwoVersions() with { Ingress = new IngressConfig { Hosts = ["www.example.com"] } };

        Assert.Equal(
            "frontend:ingress = (no gateways, no gateway): names no gateway: the hosts need one to reach the app. Fix: pulumi config set --path 'ingress.gateways[0]' istio-ingress/public-gateway (a shared gateway), or pulumi config set --path 'ingress.gateway.credentialName' <tls-secret> (a Gateway of the stack's own)",
            Assert.Single(StackConfigValidator.Validate(config, "dev")).ToString());
    }

    [Fact]
    public void Validate_OwnGatewayWithoutAValidCredential_Refused()
    {
        var config = SampleConfigs.TwoVersions() with { Ingress = new IngressConfig { Hosts = ["www.example.com"], Gateway = new GatewayConfig { CredentialName = "", Selector = new Dictionary<string, string> { ["istio"] = "ingress" } } } };

        Assert.Equal(
            "frontend:ingress.gateway.credentialName = \"\": must name the Kubernetes Secret that holds the TLS certificate and key (a DNS-1123 subdomain); HTTPS needs a credential. Fix: pulumi config set --path 'ingress.gateway.credentialName' frontend-tls",
            Assert.Single(StackConfigValidator.Validate(config, "dev")).ToString());
    }

    [Fact]
    public void Validate_SameSiteNoneWithoutSecure_Refused()
    {
        var config = SampleConfigs.TwoVersions() with { Stickiness = new StickinessConfig { SameSite = "None", Secure = false } };

        Assert.Equal(
            "frontend:stickiness.secure = false: must be true with sameSite None: browsers drop a SameSite=None cookie that is not Secure. Fix: pulumi config set --path 'stickiness.secure' true",
            Assert.Single(StackConfigValidator.Validate(config, "dev")).ToString());
    }

    [Fact]
    public void Validate_MatchRouteNamedLikeAStickyRoute_Refused()
    {
        var config = SampleConfigs.TwoVersions() with
        {
            Stickiness = new StickinessConfig(),
            Routing = new RoutingConfig { Matches = [Testers with { Name = "sticky-v1" }] },
        };

        Assert.Equal(
            "frontend:routing.matches[0].name = \"sticky-v1\": must not be 'sticky-v1': stickiness names the route that keeps a version's visitors that way. Fix: pulumi config set --path 'routing.matches[0].name' sticky-v1-match",
            Assert.Single(StackConfigValidator.Validate(config, "dev")).ToString());
    }

    [Fact]
    public void Validate_MirrorPercentZero_Refused()
    {
        var config = ThreeVersions(90, 10, 0) with { Routing = new RoutingConfig { Mirror = new MirrorConfig { Version = "v3", Percent = 0 } } };

        Assert.Equal(
            "frontend:routing.mirror.percent = 0: must be above 0 and at most 100 (a percentage of the split's requests). Fix: pulumi config set --path 'routing.mirror.percent' 10",
            Assert.Single(StackConfigValidator.Validate(config, "dev")).ToString());
    }

    [Fact]
    public void Validate_MirrorToAVersionWithoutReplicas_Refused()
    {
        var config = ThreeVersions(90, 10, 0);
        config = config with
        {
            Versions = [config.Versions[0], config.Versions[1], config.Versions[2] with { Replicas = 0 }],
            Routing = new RoutingConfig { Mirror = new MirrorConfig { Version = "v3", Percent = 5 } },
        };

        Assert.Equal(
            "frontend:routing.mirror.version = \"v3\": mirrors to 'v3', which has no replicas: the copies would fail. Fix: pulumi config set --path 'versions[2].replicas' 1",
            Assert.Single(StackConfigValidator.Validate(config, "dev")).ToString());
    }

    [Fact]
    public void Validate_MirrorToAWeightedVersion_WarnsItGetsRequestsTwice()
    {
        var config = SampleConfigs.TwoVersions(v1Weight: 90, v2Weight: 10) with { Routing = new RoutingConfig { Mirror = new MirrorConfig { Version = "v2", Percent = 50 } } };

        var problem = Assert.Single(StackConfigValidator.Validate(config, "dev"));

        Assert.False(problem.IsError);
        Assert.Equal(
            "frontend:routing.mirror.version = \"v2\": mirrors to 'v2', which also serves 10% of the split: it gets each of those requests twice (once served, once shadowed). Fix: mirror a version at weight 0, or pulumi config rm --path 'routing.mirror'",
            problem.ToString());
    }
}
