using Frontend.Infra.Components;
using Frontend.Infra.Configuration;
using Frontend.Infra.Tests.Testing;

namespace Frontend.Infra.Tests.Components;

/// <summary>The route plan, before any API: the order a proxy tries the routes in, and what each carries.</summary>
public sealed class RoutePlanTests
{
    private static readonly RoutingConfig Testers = new()
    {
        Matches = [new MatchRouteConfig { Name = "testers", Header = new HeaderMatchConfig { Name = "x-canary", Exact = "always" }, Version = "v2" }],
    };

    [Fact]
    public void For_TestersStickinessAndSplit_TestersThenStickyRoutesThenTheWeightedSplit()
    {
        var config = SampleConfigs.TwoVersions(v1Weight: 90, v2Weight: 10);

        var plan = RoutePlan.For(config.Versions, Testers, new StickinessConfig(), rollout: null);

        Assert.Equal(["testers", "sticky-v1", "sticky-v2", "weighted"], plan.Routes.Select(r => r.Name));
        Assert.Equal([false, true, true, true], plan.Routes.Select(r => r.Split));
        Assert.Equal(new PlannedMatch("x-canary", "exact", "always", FromRouting: true), plan.Routes[0].Match);
        Assert.False(plan.Routes[1].Match!.FromRouting);
    }

    [Fact]
    public void For_VersionAtZero_HasNoStickyRouteAndNoShareOfTheSplit()
    {
        var config = SampleConfigs.TwoVersions(v1Weight: 100, v2Weight: 0);

        var plan = RoutePlan.For(config.Versions, new RoutingConfig(), new StickinessConfig(), rollout: null);

        Assert.Equal(["sticky-v1", "weighted"], plan.Routes.Select(r => r.Name));
        var only = Assert.Single(plan.Routes[^1].Destinations);
        Assert.Equal(("v1", 100), (only.Version, only.Weight!.Value));
        Assert.StartsWith("frontend-version=v1; Max-Age=86400;", only.SetCookie, StringComparison.Ordinal);
    }

    [Fact]
    public void For_RolloutCanary_SplitSetsAndStickyRouteMatchesTheSameAttemptValue()
    {
        var config = SampleConfigs.TwoVersions(v1Weight: 90, v2Weight: 10);
        var plan = RoutePlan.For(config.Versions, new RoutingConfig(), new StickinessConfig(), new RolloutConfig { Canary = "v2", Stable = ["v1"], Attempt = 3 });

        var canary = plan.Routes[^1].Destinations.Single(d => d.Version == "v2");

        Assert.StartsWith("frontend-version=v2.3;", canary.SetCookie, StringComparison.Ordinal);
        Assert.Contains("frontend-version=v2\\.3", plan.Routes.Single(r => r.Name == "sticky-v2").Match!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void For_MirrorRetriesAndTimeout_TheSplitsRoutesCarryTheMirrorEveryRouteTheRest()
    {
        var config = SampleConfigs.TwoVersions(v1Weight: 90, v2Weight: 10);
        var routing = Testers with { Mirror = new MirrorConfig { Version = "v2", Percent = 0.5 }, Timeout = "10s" };

        var plan = RoutePlan.For(config.Versions, routing, new StickinessConfig(), rollout: null);

        Assert.Equal([null, new PlannedMirror("v2", 0.5), new PlannedMirror("v2", 0.5), new PlannedMirror("v2", 0.5)], plan.Routes.Select(r => r.Mirror));
        Assert.Equal("10s", plan.Timeout);
        Assert.Equal(RetryRules.Effective(null), plan.Retries);
    }
}
