using System.Collections.Immutable;
using Frontend.Infra.Components;
using Frontend.Infra.Configuration;
using Frontend.Infra.Tests.Testing;
using Pulumi;
using Pulumi.Utilities;

namespace Frontend.Infra.Tests.Components;

public sealed class TrafficSplitTests
{
    private const string DestinationRuleType = "kubernetes:networking.istio.io/v1:DestinationRule";
    private const string VirtualServiceType = "kubernetes:networking.istio.io/v1:VirtualService";
    private const string Host = "frontend.frontend-dev.svc.cluster.local";

    private static async Task<(ImmutableDictionary<string, object> Dr, ImmutableDictionary<string, object> Vs, StackRun Run)> DeclareAsync(StackConfig config)
    {
        var run = await StackRun.DeclareAsync(config);
        return (Assert.Single(run.OfType(DestinationRuleType)).Inputs, Assert.Single(run.OfType(VirtualServiceType)).Inputs, run);
    }

    [Fact]
    public async Task Declare_DestinationRule_HostIsTheServiceWithASubsetPerVersion()
    {
        var (dr, _, _) = await DeclareAsync(SampleConfigs.TwoVersions());

        Assert.Equal("networking.istio.io/v1", dr.At("apiVersion"));
        Assert.Equal("DestinationRule", dr.At("kind"));
        Assert.Equal(Host, dr.At("spec.host"));
        Assert.Equal(["v1", "v2"], dr.List("spec.subsets").Select(s => ((ImmutableDictionary<string, object>)s)["name"]));
        Assert.Equal(new Dictionary<string, string> { ["version"] = "v2" }, dr.Labels("spec.subsets.1.labels"));
    }

    [Fact]
    public async Task Declare_EachSubset_SelectsItsOwnVersionsPodsAndNoOthers()
    {
        var (dr, _, run) = await DeclareAsync(SampleConfigs.TwoVersions());
        var serviceSelector = run.Single("kubernetes:core/v1:Service", "frontend").Inputs.Labels("spec.selector");

        foreach (var subset in dr.List("spec.subsets").Cast<ImmutableDictionary<string, object>>())
        {
            var selector = serviceSelector.Concat(subset.Labels("labels")).ToList();
            var selected = run.OfType("kubernetes:apps/v1:Deployment")
                .Where(d => selector.All(l => d.Inputs.Labels("spec.template.metadata.labels").GetValueOrDefault(l.Key) == l.Value))
                .Select(d => d.Name);
            Assert.Equal([$"frontend-{subset["name"]}"], selected);
        }
    }

    [Fact]
    public async Task Declare_NoTrafficPolicy_EmitsNoPolicyBlockAnywhere()
    {
        var (dr, _, _) = await DeclareAsync(SampleConfigs.TwoVersions());

        Assert.False(dr.Map("spec").ContainsKey("trafficPolicy"));
        Assert.All(dr.List("spec.subsets").Cast<ImmutableDictionary<string, object>>(), s => Assert.False(s.ContainsKey("trafficPolicy")));
    }

    [Fact]
    public async Task Declare_ServicePolicy_EmitsOnlyTheFieldsThatAreSet()
    {
        var config = SampleConfigs.TwoVersions() with
        {
            TrafficPolicy = new TrafficPolicyConfig
            {
                LoadBalancer = new LoadBalancerConfig { Simple = "LEAST_REQUEST" },
                ConnectionPool = new ConnectionPoolConfig { Tcp = new TcpPoolConfig { MaxConnections = 100 } },
                Tls = new ClientTlsConfig { Mode = "ISTIO_MUTUAL" },
            },
        };

        var (dr, _, _) = await DeclareAsync(config);

        var policy = dr.Map("spec.trafficPolicy");
        Assert.Equal(["connectionPool", "loadBalancer", "tls"], policy.Keys.Order());
        Assert.Equal(new Dictionary<string, object> { ["simple"] = "LEAST_REQUEST" }, policy.Map("loadBalancer"));
        Assert.Equal(new Dictionary<string, object> { ["maxConnections"] = 100.0 }, policy.Map("connectionPool.tcp"));
        Assert.False(policy.Map("connectionPool").ContainsKey("http"));
        Assert.Equal(new Dictionary<string, object> { ["mode"] = "ISTIO_MUTUAL" }, policy.Map("tls"));
    }

    [Fact]
    public async Task Declare_SubsetOverride_HasTheSameWireShapeAsTheServicePolicy()
    {
        var config = SampleConfigs.TwoVersions() with
        {
            TrafficPolicy = SampleConfigs.FullPolicy(),
            Versions =
            [
                new VersionConfig { Name = "v1", Image = "ghcr.io/acme/frontend:1.4.2", Weight = 50, TrafficPolicy = SampleConfigs.FullPolicy() },
                new VersionConfig { Name = "v2", Image = "ghcr.io/acme/frontend:1.5.0", Weight = 50 },
            ],
        };

        var (dr, _, _) = await DeclareAsync(config);

        Assert.Equal(Canonical(dr.Map("spec.trafficPolicy")), Canonical(dr.Map("spec.subsets.0.trafficPolicy")));
        Assert.False(dr.Map("spec.subsets.1").ContainsKey("trafficPolicy"));
    }

    [Fact]
    public async Task Declare_ConsistentHashByCookie_EmitsTheCookieKey()
    {
        var config = SampleConfigs.TwoVersions(v1Weight: 100, v2Weight: 0) with
        {
            TrafficPolicy = new TrafficPolicyConfig
            {
                LoadBalancer = new LoadBalancerConfig { ConsistentHash = new ConsistentHashConfig { HttpCookie = new HttpCookieConfig { Name = "session", Ttl = "1h" } } },
            },
        };

        var (dr, _, _) = await DeclareAsync(config);

        Assert.Equal(
            new Dictionary<string, object> { ["name"] = "session", ["ttl"] = "1h" },
            dr.Map("spec.trafficPolicy.loadBalancer.consistentHash.httpCookie"));
        Assert.False(dr.Map("spec.trafficPolicy.loadBalancer").ContainsKey("simple"));
    }

    [Fact]
    public async Task Declare_VirtualService_MatchRoutesFirstThenTheWeightedSplit()
    {
        var config = SampleConfigs.TwoVersions(v1Weight: 90, v2Weight: 10) with
        {
            Routing = new RoutingConfig
            {
                Matches = [new MatchRouteConfig { Name = "testers", Header = new HeaderMatchConfig { Name = "x-canary", Exact = "always" }, Version = "v2" }],
            },
        };

        var (_, vs, _) = await DeclareAsync(config);

        Assert.Equal([Host], vs.List("spec.hosts").Cast<string>());
        Assert.Equal(["testers", "weighted"], vs.List("spec.http").Select(r => ((ImmutableDictionary<string, object>)r)["name"]));
        Assert.Equal(new Dictionary<string, object> { ["exact"] = "always" }, vs.Map("spec.http.0.match.0.headers.x-canary"));
        Assert.Equal("v2", vs.At("spec.http.0.route.0.destination.subset"));
        Assert.Null(vs.At("spec.http.0.route.0.weight"));
        Assert.Equal([("v1", 90.0), ("v2", 10.0)], Weights(vs, route: 1));
        Assert.Equal(Host, vs.At("spec.http.1.route.0.destination.host"));
        Assert.Equal(80.0, vs.At("spec.http.1.route.0.destination.port.number"));
    }

    [Fact]
    public async Task Declare_VersionAtWeightZero_KeepsItsSubsetButLeavesTheSplit()
    {
        var (dr, vs, _) = await DeclareAsync(SampleConfigs.TwoVersions(v1Weight: 0, v2Weight: 100));

        Assert.Equal(2, dr.List("spec.subsets").Length);
        Assert.Equal([("v2", 100.0)], Weights(vs, route: 0));
    }

    [Fact]
    public async Task Declare_CookieMatch_MatchesTheCookieInsideTheCookieHeader()
    {
        var config = SampleConfigs.TwoVersions() with
        {
            Routing = new RoutingConfig { Matches = [new MatchRouteConfig { Name = "beta", Cookie = new CookieMatchConfig { Name = "beta", Value = "on" }, Version = "v2" }] },
        };

        var (_, vs, _) = await DeclareAsync(config);

        var regex = (string)vs.Map("spec.http.0.match.0.headers.cookie")["regex"];
        Assert.Matches(regex, "session=abc; beta=on; theme=dark");
        Assert.Matches(regex, "beta=on");
        Assert.DoesNotMatch(regex, "notbeta=on");
        Assert.DoesNotMatch(regex, "beta=only");
    }

    [Fact]
    public async Task Declare_RetriesAndTimeout_ApplyToEveryRoute()
    {
        var config = SampleConfigs.TwoVersions() with
        {
            Routing = new RoutingConfig
            {
                Matches = [new MatchRouteConfig { Name = "testers", Header = new HeaderMatchConfig { Name = "x-canary", Exact = "always" }, Version = "v2" }],
                Retries = new RetriesConfig { Attempts = 3, PerTryTimeout = "2s", RetryOn = "5xx,reset" },
                Timeout = "10s",
            },
        };

        var (_, vs, _) = await DeclareAsync(config);

        Assert.All(vs.List("spec.http").Cast<ImmutableDictionary<string, object>>(), route =>
        {
            Assert.Equal("10s", route["timeout"]);
            Assert.Equal(new Dictionary<string, object> { ["attempts"] = 3.0, ["perTryTimeout"] = "2s", ["retryOn"] = "5xx,reset" }, route.Map("retries"));
        });
    }

    [Fact]
    public async Task Declare_NoRetriesConfigured_RetriesTwiceOnlyWhatCannotHaveReachedTheApp()
    {
        var (_, vs, _) = await DeclareAsync(SampleConfigs.TwoVersions());

        var route = vs.Map("spec.http.0");
        Assert.Equal(new Dictionary<string, object> { ["attempts"] = 2.0, ["retryOn"] = "connect-failure,refused-stream,reset-before-request,retriable-status-codes,503" }, route.Map("retries"));
        Assert.False(route.ContainsKey("timeout"));
    }

    [Fact]
    public async Task Declare_RetriesWithoutRetryOn_UseTheSafeConditions()
    {
        var config = SampleConfigs.TwoVersions() with { Routing = new RoutingConfig { Retries = new RetriesConfig { Attempts = 3, PerTryTimeout = "2s" } } };

        var (_, vs, _) = await DeclareAsync(config);

        Assert.Equal("connect-failure,refused-stream,reset-before-request,retriable-status-codes,503", vs.At("spec.http.0.retries.retryOn"));
    }

    [Fact]
    public async Task Declare_AttemptsZero_TurnsRetriesOffWithNoConditions()
    {
        var config = SampleConfigs.TwoVersions() with { Routing = new RoutingConfig { Retries = new RetriesConfig { Attempts = 0 } } };

        var (_, vs, _) = await DeclareAsync(config);

        Assert.Equal(new Dictionary<string, object> { ["attempts"] = 0.0 }, vs.Map("spec.http.0.retries"));
    }

    [Fact]
    public async Task Declare_Component_ParentsBothIstioResourcesAndReportsTheSubsets()
    {
        var (_, _, run) = await DeclareAsync(SampleConfigs.TwoVersions());

        var split = Assert.Single(run.Resources.OfType<TrafficSplit>());
        Assert.Equal(["v1", "v2"], split.SubsetNames.ToArray());
        Assert.Equal("frontend-34cf7b28", await OutputUtilities.GetValueAsync(split.DestinationRule!.Metadata.Apply(m => m.Name)));
        Assert.Equal(["v1", "v2"], ((ImmutableArray<string>)run.Outputs["subsets"]!).ToArray());
    }

    [Fact]
    public async Task Declare_DestinationRuleName_SameVersionsWithOtherWeightsAndOrder_KeepsTheName()
    {
        var (before, _, _) = await DeclareAsync(SampleConfigs.TwoVersions(v1Weight: 90, v2Weight: 10));
        var reordered = SampleConfigs.TwoVersions(v1Weight: 10, v2Weight: 90);
        var (after, _, _) = await DeclareAsync(reordered with { Versions = [.. reordered.Versions.Reverse()] });

        // The same set of subsets is an in-place update of the same rule, never a replacement.
        Assert.Equal(before.At("metadata.name"), after.At("metadata.name"));
    }

    [Fact]
    public async Task Declare_DestinationRuleName_VersionRemoved_IsANewName()
    {
        var (before, _, _) = await DeclareAsync(SampleConfigs.TwoVersions(v1Weight: 0, v2Weight: 100));
        var twoVersions = SampleConfigs.TwoVersions(v1Weight: 0, v2Weight: 100);
        var (after, _, _) = await DeclareAsync(twoVersions with { Versions = [twoVersions.Versions[1]] });

        // A new name makes Pulumi create the new rule first and delete the old one (holding v1's subset)
        // only at the end of the update, after the VirtualService has stopped routing to v1.
        Assert.Equal("frontend-34cf7b28", before.At("metadata.name"));
        Assert.Equal(TrafficSplit.DestinationRuleName("frontend", [twoVersions.Versions[1]]), after.At("metadata.name"));
        Assert.NotEqual(before.At("metadata.name"), after.At("metadata.name"));
    }

    [Fact]
    public async Task Declare_Mtls_DeclaresAPeerAuthenticationForTheAppsWorkloads()
    {
        var run = await StackRun.DeclareAsync(SampleConfigs.TwoVersions() with { Mtls = new MtlsConfig { Mode = "STRICT" } });

        var peer = Assert.Single(run.OfType("kubernetes:security.istio.io/v1:PeerAuthentication")).Inputs;
        Assert.Equal("security.istio.io/v1", peer.At("apiVersion"));
        Assert.Equal("STRICT", peer.At("spec.mtls.mode"));
        Assert.Equal(new Dictionary<string, string> { ["app"] = "frontend" }, peer.Labels("spec.selector.matchLabels"));
        Assert.Equal("frontend-dev", peer.At("metadata.namespace"));
    }

    [Fact]
    public async Task Declare_NoMtls_DeclaresNoPeerAuthentication()
    {
        var run = await StackRun.DeclareAsync(SampleConfigs.TwoVersions());

        Assert.Empty(run.OfType("kubernetes:security.istio.io/v1:PeerAuthentication"));
    }

    [Fact]
    public async Task Declare_DisruptionBudget_OnePerVersionSelectingThatVersion()
    {
        var run = await StackRun.DeclareAsync(SampleConfigs.TwoVersions() with { PodDisruptionBudget = new DisruptionBudgetConfig { MaxUnavailable = 1 } });

        var budgets = run.OfType("kubernetes:policy/v1:PodDisruptionBudget");
        Assert.Equal(["frontend-v1", "frontend-v2"], budgets.Select(b => b.Name).Order());
        var v2 = run.Single("kubernetes:policy/v1:PodDisruptionBudget", "frontend-v2").Inputs;
        Assert.Equal(1.0, v2.At("spec.maxUnavailable"));
        Assert.Equal(new Dictionary<string, string> { ["app"] = "frontend", ["version"] = "v2" }, v2.Labels("spec.selector.matchLabels"));
    }

    [Fact]
    public async Task Declare_AffinityAcrossWeightedVersions_WarnsButDeclares()
    {
        var config = SampleConfigs.TwoVersions() with
        {
            TrafficPolicy = new TrafficPolicyConfig { LoadBalancer = new LoadBalancerConfig { ConsistentHash = new ConsistentHashConfig { UseSourceIp = true } } },
        };

        var run = await StackRun.DeclareAsync(config);

        Assert.Single(run.OfType(DestinationRuleType));
    }

    private static IReadOnlyList<(string Subset, double Weight)> Weights(ImmutableDictionary<string, object> vs, int route) =>
        [.. vs.List($"spec.http.{route}.route").Cast<ImmutableDictionary<string, object>>().Select(r => ((string)r.At("destination.subset")!, (double)r["weight"]))];

    private static string Canonical(object value) => value switch
    {
        IReadOnlyDictionary<string, object> map => "{" + string.Join(",", map.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}:{Canonical(kv.Value)}")) + "}",
        ImmutableArray<object> list => "[" + string.Join(",", list.Select(Canonical)) + "]",
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "null",
    };
}
