using System.Collections.Immutable;
using Frontend.Infra.Configuration;
using Frontend.Infra.Tests.Testing;

namespace Frontend.Infra.Tests.Configuration;

/// <summary>One test per rollout-plan rule, each asserting the message a person would read.</summary>
public sealed class RolloutRulesTests
{
    private static readonly RolloutConfig Plan = new() { Canary = "v2", Stable = ["v1"] };

    private static StackConfig With(RolloutConfig plan, int v1Weight = 90, int v2Weight = 10) =>
        SampleConfigs.TwoVersions(v1Weight, v2Weight) with { Rollout = plan };

    private static StackConfig WithAnalysis(AnalysisConfig analysis) => With(Plan with { Analysis = analysis });

    private static string Only(StackConfig config) => Assert.Single(StackConfigValidator.Validate(config, "dev")).ToString();

    private static MetricCheckConfig Check(string query = "sum(rate(x{w=\"{{workload}}\"}[{{window}}]))", string name = "x", string direction = "max") =>
        new() { Name = name, Query = query, Threshold = 1, Direction = direction };

    [Fact]
    public void Validate_ProdPlan_HasNoProblems()
    {
        var plan = Plan with { Analysis = new AnalysisConfig { PrometheusUrl = "http://prometheus.istio-system:9090", Checks = [Check()] } };

        Assert.Empty(StackConfigValidator.Validate(With(plan), "dev"));
    }

    [Fact]
    public void Validate_MirrorToTheCanaryWhileItHasWeight_Refused()
    {
        var config = With(Plan) with { Routing = new RoutingConfig { Mirror = new MirrorConfig { Version = "v2", Percent = 10 } } };

        Assert.Equal(
            "frontend:routing.mirror.version = \"v2\": mirrors to 'v2', the rollout plan's canary, while it serves 10% of the split: the shadow copies would count in the metrics the rollout judges it by. Fix: pulumi config rm --path 'routing.mirror', or mirror another version",
            Only(config));
    }

    [Fact]
    public void Validate_MirrorToTheCanaryAtWeightZero_AcceptedAsADarkLaunch()
    {
        var config = With(Plan, v1Weight: 100, v2Weight: 0) with { Routing = new RoutingConfig { Mirror = new MirrorConfig { Version = "v2", Percent = 10 } } };

        Assert.DoesNotContain(StackConfigValidator.Validate(config, "dev"), p => p.Path.ToString().Contains("mirror", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_MirrorToAWeightedVersionThatIsNotTheCanary_OnlyWarned()
    {
        var config = With(Plan) with { Routing = new RoutingConfig { Mirror = new MirrorConfig { Version = "v1", Percent = 10 } } };

        var problem = Assert.Single(StackConfigValidator.Validate(config, "dev"));
        Assert.Equal(ProblemSeverity.Warning, problem.Severity);
    }

    [Fact]
    public void Validate_CanaryNotAVersion_SuggestsTheClosest()
    {
        Assert.Equal(
            "frontend:rollout.canary = \"v3\": must name one of the stack's versions (v1, v2). Fix: pulumi config set --path 'rollout.canary' v2",
            Only(With(Plan with { Canary = "v3" })));
    }

    [Fact]
    public void Validate_NoStableVersion_Refused()
    {
        Assert.Equal(
            "frontend:rollout.stable = []: must name at least one stable version: a rollback gives the canary's traffic back to them. Fix: pulumi config set --path 'rollout.stable[0]' v1",
            Only(With(Plan with { Stable = [] })));
    }

    [Fact]
    public void Validate_CanaryAlsoStable_Refused()
    {
        Assert.Equal(
            "frontend:rollout.stable[1] = \"v2\": must not be the canary: a version cannot take traffic from itself. Fix: name another version, or pulumi config rm --path 'rollout.stable[1]'",
            Only(With(Plan with { Stable = ["v1", "v2"] })));
    }

    [Fact]
    public void Validate_StableListedTwice_Refused()
    {
        Assert.Equal(
            "frontend:rollout.stable[1] = \"v1\": is listed twice. Fix: pulumi config rm --path 'rollout.stable[1]'",
            Only(With(Plan with { Stable = ["v1", "v1"] })));
    }

    [Fact]
    public void Validate_WeightedVersionOutsideThePlan_Refused()
    {
        var config = SampleConfigs.TwoVersions(80, 10) with
        {
            Versions = [.. SampleConfigs.TwoVersions(80, 10).Versions, new VersionConfig { Name = "v3", Image = "ghcr.io/acme/frontend:1.6.0", Weight = 10 }],
            Rollout = Plan,
        };

        Assert.Equal(
            "frontend:versions[2].weight = 10: must be 0 while frontend:rollout runs: v3 is neither the canary nor a stable version, and a step moves traffic only between those. Fix: give its weight to a stable version and pulumi config set --path 'versions[2].weight' 0, or add it: pulumi config set --path 'rollout.stable[1]' v3",
            Only(config));
    }

    [Fact]
    public void Validate_StepsNotIncreasing_Refused()
    {
        Assert.Equal(
            "frontend:rollout.steps[2] = 25: must be greater than the step before it (50): the canary only climbs. Fix: list the steps in increasing order without repeats, such as pulumi config set --path 'rollout.steps' '[10,25,50,100]'",
            Only(With(Plan with { Steps = [10, 50, 25, 100] })));
    }

    [Theory]
    [InlineData(0, "frontend:rollout.steps[0] = 0: must be between 1 and 100 (the canary's share of traffic in percent; 0 is a rollback, not a step). Fix: pulumi config set --path 'rollout.steps[0]' 1")]
    [InlineData(101, "frontend:rollout.steps[0] = 101: must be between 1 and 100 (the canary's share of traffic in percent; 0 is a rollback, not a step). Fix: pulumi config set --path 'rollout.steps[0]' 100")]
    public void Validate_StepOutOfRange_Refused(int step, string message)
    {
        Assert.Equal(message, Only(With(Plan with { Steps = [step] })));
    }

    [Fact]
    public void Validate_NoSteps_Refused()
    {
        Assert.Equal(
            "frontend:rollout.steps = []: must list at least one weight for the canary. Fix: pulumi config set --path 'rollout.steps[0]' 10 && pulumi config set --path 'rollout.steps[1]' 100",
            Only(With(Plan with { Steps = [] })));
    }

    [Fact]
    public void Validate_PrometheusUrlNotHttp_Refused()
    {
        Assert.Equal(
            "frontend:rollout.analysis.prometheusUrl = \"prometheus:9090\": must be an absolute http or https address of Prometheus's HTTP API (without /api/v1). Fix: pulumi config set --path 'rollout.analysis.prometheusUrl' http://prometheus.istio-system:9090",
            Only(WithAnalysis(new AnalysisConfig { PrometheusUrl = "prometheus:9090" })));
    }

    [Theory]
    [InlineData("5 minutes", "must be a Prometheus duration: whole numbers with units, largest first (y, w, d, h, m, s, ms), such as 5m or 1h30m")]
    [InlineData("1.5m", "must be a Prometheus duration: whole numbers with units, largest first (y, w, d, h, m, s, ms), such as 5m or 1h30m")]
    [InlineData("30s", "must be at least 1m: rate() needs two scrapes of Istio's metrics inside the window")]
    public void Validate_BadWindow_Refused(string window, string rule)
    {
        Assert.Equal(
            $"frontend:rollout.analysis.window = \"{window}\": {rule}. Fix: pulumi config set --path 'rollout.analysis.window' 5m",
            Only(WithAnalysis(new AnalysisConfig { Window = window })));
    }

    [Fact]
    public void Validate_WindowInHoursAndMinutes_Accepted()
    {
        Assert.Empty(StackConfigValidator.Validate(WithAnalysis(new AnalysisConfig { Window = "1h30m" }), "dev"));
    }

    [Theory]
    [InlineData("1.5m", "must be a Prometheus duration: whole numbers with units, largest first (y, w, d, h, m, s, ms), such as 1m or 30s")]
    [InlineData("5s", "must be at least 10s: Istio's metrics are scraped every 15 to 30 seconds, so a shorter interval judges the same samples twice")]
    public void Validate_BadInterval_Refused(string interval, string rule)
    {
        Assert.Equal(
            $"frontend:rollout.analysis.interval = \"{interval}\": {rule}. Fix: pulumi config set --path 'rollout.analysis.interval' 1m",
            Only(WithAnalysis(new AnalysisConfig { Interval = interval })));
    }

    [Fact]
    public void Validate_FailureThresholdZero_Refused()
    {
        Assert.Equal(
            "frontend:rollout.analysis.failureThreshold = 0: must be between 1 and 100 (failed intervals within one step before the canary is rolled back). Fix: pulumi config set --path 'rollout.analysis.failureThreshold' 1",
            Only(WithAnalysis(new AnalysisConfig { FailureThreshold = 0 })));
    }

    [Fact]
    public void Validate_SuccessRateDropAboveHundred_Refused()
    {
        Assert.Equal(
            "frontend:rollout.analysis.maxSuccessRateDrop = 150: must be percentage points between 0 and 100 (how far the canary's success rate may fall below the stable versions'). Fix: pulumi config set --path 'rollout.analysis.maxSuccessRateDrop' 1",
            Only(WithAnalysis(new AnalysisConfig { MaxSuccessRateDrop = 150 })));
    }

    [Fact]
    public void Validate_CheckEmptyNeitherZeroNorFail_Refused()
    {
        Assert.Equal(
            "frontend:rollout.analysis.checks[0].empty = \"zeros\": must be zero (an empty result counts as 0, as for a count of errors that did not happen) or fail (an empty result fails the interval). Fix: pulumi config set --path 'rollout.analysis.checks[0].empty' zero",
            Only(WithAnalysis(new AnalysisConfig { Checks = [Check() with { Empty = "zeros" }] })));
    }

    [Fact]
    public void Validate_AttemptZero_Refused()
    {
        Assert.Equal(
            "frontend:rollout.attempt = 0: must be between 1 and 999 (which attempt at this canary this is; raise it by one to restart after a rollback). Fix: pulumi config set --path 'rollout.attempt' 1",
            Only(With(Plan with { Attempt = 0 })));
    }

    [Fact]
    public void Validate_MinRequestsZero_Refused()
    {
        Assert.Equal(
            "frontend:rollout.analysis.minRequests = 0: must be between 1 and 2147483647 (requests the canary must have served in the window before anything is decided). Fix: pulumi config set --path 'rollout.analysis.minRequests' 1",
            Only(WithAnalysis(new AnalysisConfig { MinRequests = 0 })));
    }

    [Fact]
    public void Validate_SuccessRateAboveHundred_Refused()
    {
        Assert.Equal(
            "frontend:rollout.analysis.minSuccessRate = 100.5: must be a percentage between 0 and 100 (the share of the canary's responses that are not 5xx). Fix: pulumi config set --path 'rollout.analysis.minSuccessRate' 99",
            Only(WithAnalysis(new AnalysisConfig { MinSuccessRate = 100.5 })));
    }

    [Theory]
    [InlineData("half a second", "must be a duration: a number and a unit (h, m, s, ms), such as 500ms or 1.5s")]
    [InlineData("0ms", "must be at least 1ms: Istio measures latency in milliseconds")]
    public void Validate_BadLatency_Refused(string latency, string rule)
    {
        Assert.Equal(
            $"frontend:rollout.analysis.maxP99Latency = \"{latency}\": {rule}. Fix: pulumi config set --path 'rollout.analysis.maxP99Latency' 500ms",
            Only(WithAnalysis(new AnalysisConfig { MaxP99Latency = latency })));
    }

    [Fact]
    public void Validate_CheckWithUnknownPlaceholder_Refused()
    {
        Assert.Equal(
            "frontend:rollout.analysis.checks[0].query = \"sum(x{w=\\\"{{deployment}}\\\"})\": names an unknown placeholder ({{deployment}}); the placeholders are {{workload}}, {{version}}, {{namespace}}, {{window}}. Fix: rename the placeholder in the stack file",
            Only(WithAnalysis(new AnalysisConfig { Checks = [Check("sum(x{w=\"{{deployment}}\"})")] })));
    }

    [Fact]
    public void Validate_CheckNamingNoVersion_Refused()
    {
        Assert.Equal(
            "frontend:rollout.analysis.checks[0].query = \"sum(up)\": must name the version it measures with {{workload}} (the Deployment) or {{version}}, or it measures the same thing for the canary and the stable versions. Fix: add a selector such as destination_workload=\"{{workload}}\" to the query in the stack file",
            Only(WithAnalysis(new AnalysisConfig { Checks = [Check("sum(up)")] })));
    }

    [Fact]
    public void Validate_CheckDirectionUnknown_Refused()
    {
        Assert.Equal(
            "frontend:rollout.analysis.checks[0].direction = \"minimum\": must be min (the value must be at least the threshold) or max (at most the threshold). Fix: pulumi config set --path 'rollout.analysis.checks[0].direction' min",
            Only(WithAnalysis(new AnalysisConfig { Checks = [Check(direction: "minimum")] })));
    }

    [Fact]
    public void Validate_CheckNamesRepeated_Refused()
    {
        Assert.Equal(
            "frontend:rollout.analysis.checks[1].name = \"x\": must be unique among the checks. Fix: pulumi config set --path 'rollout.analysis.checks[1].name' x-1",
            Only(WithAnalysis(new AnalysisConfig { Checks = [Check(), Check()] })));
    }

    [Fact]
    public void Validate_CheckNamedLikeABuiltInCheck_Refused()
    {
        Assert.Equal(
            "frontend:rollout.analysis.checks[0].name = \"success-rate\": must not be the name of a built-in check (requests, success-rate, p99-latency). Fix: pulumi config set --path 'rollout.analysis.checks[0].name' success-rate-2",
            Only(WithAnalysis(new AnalysisConfig { Checks = [Check(name: "success-rate")] })));
    }

    [Fact]
    public void Validate_SecretPlan_RefusedWithItsOwnReason()
    {
        var config = With(Plan) with { SecretKeys = ImmutableSortedSet.Create(StringComparer.Ordinal, "rollout") };

        Assert.Equal(
            "frontend:rollout = (secret): must not hold a secure value: the rollout tool reads and edits the stack file without the stack's secrets provider. Fix: set the value under rollout again as plain text (pulumi config set --path 'rollout.<path>' <value>, without --secret); give a secret Prometheus address with rollout's --prometheus from the runner's secrets instead",
            Only(config));
    }
}
