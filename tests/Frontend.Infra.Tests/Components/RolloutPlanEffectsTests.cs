using Frontend.Infra.Configuration;
using Frontend.Infra.Tests.Testing;

namespace Frontend.Infra.Tests.Components;

/// <summary>
/// Where a rollout plan touches what the program declares: a canary nothing sends traffic to runs no pods, its
/// sticky cookie names the attempt, and no cookie outlives one step of the plan.
/// </summary>
public sealed class RolloutPlanEffectsTests
{
    private const string DeploymentType = "kubernetes:apps/v1:Deployment";
    private const string AutoscalerType = "kubernetes:autoscaling/v2:HorizontalPodAutoscaler";
    private const string VirtualServiceType = "kubernetes:networking.istio.io/v1:VirtualService";

    private static readonly RolloutConfig Plan = new() { Canary = "v2", Stable = ["v1"] };

    private static StackConfig WithPlan(int v2Weight, RolloutConfig? plan = null) =>
        SampleConfigs.TwoVersions(v1Weight: 100 - v2Weight, v2Weight: v2Weight) with { Rollout = plan ?? Plan, Autoscaling = new AutoscalingConfig() };

    [Fact]
    public async Task Declare_CanaryRolledBackToZero_RunsNoPodsAndHasNoAutoscaler()
    {
        var run = await StackRun.DeclareAsync(WithPlan(v2Weight: 0));

        Assert.Equal(0.0, run.Single(DeploymentType, "frontend-v2").Inputs.At("spec.replicas"));
        Assert.Equal(["frontend-v1"], run.OfType(AutoscalerType).Select(a => a.Name));
    }

    [Fact]
    public async Task Declare_CanaryWithTraffic_KeepsItsAutoscaler()
    {
        var run = await StackRun.DeclareAsync(WithPlan(v2Weight: 10));

        Assert.Equal(["frontend-v1", "frontend-v2"], run.OfType(AutoscalerType).Select(a => a.Name).Order());
    }

    [Fact]
    public async Task Declare_CanaryAtZeroThatTestersStillReach_KeepsItsPods()
    {
        var config = WithPlan(v2Weight: 0) with
        {
            Routing = new RoutingConfig { Matches = [new MatchRouteConfig { Name = "testers", Header = new HeaderMatchConfig { Name = "x-canary", Exact = "always" }, Version = "v2" }] },
        };

        var run = await StackRun.DeclareAsync(config);

        Assert.False(run.Single(DeploymentType, "frontend-v2").Inputs.Map("spec").ContainsKey("replicas"));
        Assert.Contains("frontend-v2", run.OfType(AutoscalerType).Select(a => a.Name));
    }

    [Theory]
    [InlineData(1, "frontend-version=v2.1")]
    [InlineData(2, "frontend-version=v2.2")]
    public async Task Declare_StickyCanary_CookieNamesTheAttempt(int attempt, string cookie)
    {
        var config = WithPlan(v2Weight: 10, Plan with { Attempt = attempt }) with { Stickiness = new StickinessConfig { MaxAge = 360 } };

        var run = await StackRun.DeclareAsync(config);

        var routes = run.Single(VirtualServiceType, "frontend").Inputs.Map("spec").List("http").Cast<IReadOnlyDictionary<string, object>>().ToList();
        Assert.Contains(routes, route => route.At("name") as string == "sticky-v2" && ((string)route.At("match.0.headers.cookie.regex")!).Contains(cookie.Replace(".", "\\.", StringComparison.Ordinal), StringComparison.Ordinal));
        Assert.Contains(routes, route => route.At("name") as string == "weighted" && route.List("route").Cast<IReadOnlyDictionary<string, object>>().Any(d => ((string?)d.At("headers.response.add.set-cookie"))?.StartsWith(cookie + ";", StringComparison.Ordinal) == true));
        Assert.Contains(routes, route => route.List("route").Cast<IReadOnlyDictionary<string, object>>().Any(d => ((string?)d.At("headers.response.add.set-cookie"))?.StartsWith("frontend-version=v1;", StringComparison.Ordinal) == true));
    }

    [Fact]
    public void Validate_CookieOutlivingAStep_RefusedWithTheStepLength()
    {
        var config = WithPlan(v2Weight: 10) with { Stickiness = new StickinessConfig() };

        var problem = Assert.Single(StackConfigValidator.Validate(config, "dev"), p => p.IsError);

        Assert.Equal(
            "frontend:stickiness.maxAge = 86400: must be at most 360 seconds while frontend:rollout runs: one step of the plan (window 5m + interval 1m); a cookie that outlives a step keeps its visitors on an earlier step's version, so the weights the analysis judges would not be the ones users get. Fix: pulumi config set --path 'stickiness.maxAge' 360 --stack dev",
            problem.ToString("dev"));
    }

    [Fact]
    public void Validate_CookieOfExactlyOneStep_Accepted()
    {
        var config = WithPlan(v2Weight: 10) with { Stickiness = new StickinessConfig { MaxAge = 360 } };

        Assert.DoesNotContain(StackConfigValidator.Validate(config, "dev"), p => p.IsError);
    }
}
