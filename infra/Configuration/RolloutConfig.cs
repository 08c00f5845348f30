using System.ComponentModel;
namespace Frontend.Infra.Configuration;

/// <summary>
/// A progressive-delivery plan (<c>frontend:rollout</c>): which version is the canary, which versions it
/// takes traffic from, the weight steps it climbs and the metrics that decide each step. <c>rollout run</c>
/// executes it: it judges each step on the traffic since the step went live, and commits and deploys the
/// next step's weights, or the rollback. The program reads it only where a step touches what it declares: a
/// canary with no traffic runs no pods, and its sticky cookie names the attempt.
/// </summary>
internal sealed record RolloutConfig
{
    [Description("The version whose weight climbs the steps.")]
    public required string Canary { get; init; }

    [Description("The versions the canary takes its share from, and that get it back on a rollback.")]
    public required IReadOnlyList<string> Stable { get; init; }

    [Description("The canary's weights in percent, strictly increasing; the canary is done once the last one has passed its analysis.")]
    public IReadOnlyList<int> Steps { get; init; } = [10, 25, 50, 100];

    [Description("Which attempt at this canary this is, from 1. Raise it to restart a rolled-back canary: the rollback's hold names the attempt, and the canary's sticky cookie carries it, so a new attempt starts with no visitor pinned by the last one.")]
    [ConfigRange(1, 999)]
    public int Attempt { get; init; } = 1;

    [Description("What decides each step: Prometheus queries over Istio's standard metrics, and their thresholds.")]
    public AnalysisConfig Analysis { get; init; } = new();
}

/// <summary>What the canary must show, over <see cref="Window"/>, before it gets the next step.</summary>
internal sealed record AnalysisConfig
{
    [Description("Where to query; --prometheus wins over it, since the address (or the credentials in it) may differ per runner or be secret.")]
    public string? PrometheusUrl { get; init; }

    [Description("A Prometheus duration (5m): the range every query looks back over. A step is judged only once a whole window has passed since its deploy finished.")]
    public string Window { get; init; } = "5m";

    [Description("A Prometheus duration (1m): how often the analysis runs while a step is live, like Flagger's analysis.interval.")]
    public string Interval { get; init; } = "1m";

    [Description("How many failed intervals within one step roll the canary back, like Flagger's threshold. A failed check, no traffic to a canary that should have some, and an unreachable Prometheus each count.")]
    [ConfigRange(1, 100)]
    public int FailureThreshold { get; init; } = 5;

    [Description("Fewer canary requests than this in the window decide nothing: too little traffic to judge.")]
    [ConfigRange(1, int.MaxValue)]
    public int MinRequests { get; init; } = 100;

    [Description("The least share of the canary's responses, in percent, that may be anything but 5xx, as its callers and the ingress gateway saw them.")]
    public double MinSuccessRate { get; init; } = 99;

    [Description("Optional: percentage points the canary's success rate may fall below the stable versions' and still pass when it is under minSuccessRate, so an outage that hits every version alike does not roll the canary back.")]
    public double? MaxSuccessRateDrop { get; init; }

    [Description("An Istio duration (500ms): the most the canary's 99th-percentile latency may be.")]
    [IstioDurationFormat(Unit = "ms")]
    public string MaxP99Latency { get; init; } = "500ms";

    [Description("More PromQL checks, each evaluated for the canary (and the stable versions, for comparison).")]
    public IReadOnlyList<MetricCheckConfig> Checks { get; init; } = [];
}

/// <summary>
/// One extra PromQL check. The query names the version it measures through placeholders, filled in per
/// version: <c>{{workload}}</c> (the Deployment, <c>frontend-v2</c>), <c>{{version}}</c> (<c>v2</c>),
/// <c>{{namespace}}</c> and <c>{{window}}</c>.
/// </summary>
internal sealed record MetricCheckConfig
{
    [Description("The check's name in the evidence and the decision.")]
    public required string Name { get; init; }

    [Description("A PromQL query whose result is compared with the threshold.")]
    public required string Query { get; init; }

    [Description("The value the query's result is compared with.")]
    public required double Threshold { get; init; }

    [Description("min: the value must be at least the threshold; max: at most.")]
    public required string Direction { get; init; }

    [Description("What an empty result means: zero (a count of things that did not happen, such as 429s) or fail (the check could not be measured, which counts as a failed interval).")]
    public string Empty { get; init; } = "fail";
}
