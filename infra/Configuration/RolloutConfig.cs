namespace Frontend.Infra.Configuration;

/// <summary>
/// A progressive-delivery plan (<c>frontend:rollout</c>): which version is the canary, which versions it
/// takes traffic from, the weight steps it climbs and the metrics that decide each step. The program
/// declares nothing from it; <c>rollout promote</c> reads it and writes the next step's weights, or the
/// rollback, into the stack file as a reviewed commit.
/// </summary>
internal sealed record RolloutConfig
{
    /// <summary>The version whose weight climbs the steps.</summary>
    public required string Canary { get; init; }

    /// <summary>The versions the canary takes its share from, and that get it back on a rollback.</summary>
    public required IReadOnlyList<string> Stable { get; init; }

    /// <summary>The canary's weights in percent, strictly increasing; the canary is done at the last one.</summary>
    public IReadOnlyList<int> Steps { get; init; } = [10, 25, 50, 100];

    public AnalysisConfig Analysis { get; init; } = new();
}

/// <summary>What the canary must show, over <see cref="Window"/>, before it gets the next step.</summary>
internal sealed record AnalysisConfig
{
    /// <summary>
    /// Where to query. Optional, because the address (or the credentials in it) may differ per runner or be
    /// secret: <c>--prometheus</c> wins over it.
    /// </summary>
    public string? PrometheusUrl { get; init; }

    /// <summary>A Prometheus duration (<c>5m</c>): the range every query looks back over.</summary>
    public string Window { get; init; } = "5m";

    /// <summary>Fewer canary requests than this in the window decide nothing: too little traffic to judge.</summary>
    [ConfigRange(1, int.MaxValue)]
    public int MinRequests { get; init; } = 100;

    /// <summary>The least share of the canary's responses, in percent, that may be anything but 5xx.</summary>
    public double MinSuccessRate { get; init; } = 99;

    /// <summary>An Istio duration (<c>500ms</c>): the most the canary's 99th-percentile latency may be.</summary>
    public string MaxP99Latency { get; init; } = "500ms";

    /// <summary>More PromQL checks, each evaluated for the canary (and the stable versions, for comparison).</summary>
    public IReadOnlyList<MetricCheckConfig> Checks { get; init; } = [];
}

/// <summary>
/// One extra PromQL check. The query names the version it measures through placeholders, filled in per
/// version: <c>{{workload}}</c> (the Deployment, <c>frontend-v2</c>), <c>{{version}}</c> (<c>v2</c>),
/// <c>{{namespace}}</c> and <c>{{window}}</c>.
/// </summary>
internal sealed record MetricCheckConfig
{
    public required string Name { get; init; }

    public required string Query { get; init; }

    public required double Threshold { get; init; }

    /// <summary><c>min</c>: the value must be at least the threshold; <c>max</c>: at most.</summary>
    public required string Direction { get; init; }
}
