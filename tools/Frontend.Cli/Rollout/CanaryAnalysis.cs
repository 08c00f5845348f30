using System.Globalization;
using Frontend.Infra.Configuration;

namespace Frontend.Cli.Rollout;

/// <summary>One check of the plan: what it measures, how it is compared and the PromQL for a version.</summary>
internal sealed record Check(string Name, double Threshold, bool AtLeast, string Unit, Func<Target, string> Query)
{
    public string ThresholdText => $"{(AtLeast ? "at least" : "at most")} {Format(Threshold)}";

    public bool Passes(double value) => AtLeast ? value >= Threshold : value <= Threshold;

    public string Format(double? value) => value switch
    {
        null => "no data",
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        { } number => Unit switch
        {
            "%" => $"{Math.Round(number, 2).ToString("0.##", CultureInfo.InvariantCulture)}%",
            "ms" => $"{Math.Round(number, 1).ToString("0.#", CultureInfo.InvariantCulture)} ms",
            "requests" => Math.Round(number).ToString("0", CultureInfo.InvariantCulture),
            _ => Math.Round(number, 4).ToString("0.####", CultureInfo.InvariantCulture),
        },
    };
}

/// <summary>A check's value for each version, the canary first; the stable versions are there to compare with.</summary>
internal sealed record CheckResult(Check Check, IReadOnlyList<(string Version, double? Value)> Values)
{
    public double? CanaryValue => Values[0].Value;

    /// <summary>Null when the canary has no value: nothing to judge, which is not a failure.</summary>
    public bool? Passed => CanaryValue is { } value ? Check.Passes(value) : null;
}

/// <summary>Every check for every version, at one instant, and where the values came from.</summary>
internal sealed record AnalysisResult(DateTimeOffset Time, Uri Prometheus, CheckResult Requests, IReadOnlyList<CheckResult> Checks);

/// <summary>Runs the plan's checks against Prometheus for the canary and each stable version.</summary>
internal static class CanaryAnalysis
{
    public static readonly string RequestsCheck = RolloutRules.BuiltInChecks[0];
    public static readonly string SuccessRateCheck = RolloutRules.BuiltInChecks[1];
    public static readonly string LatencyCheck = RolloutRules.BuiltInChecks[2];

    public static IReadOnlyList<Check> ChecksOf(AnalysisConfig analysis)
    {
        // The plan has been validated, so the duration parses; a plan that had not would fail loudly here.
        var latency = IstioDuration.TryParse(analysis.MaxP99Latency, out var parsed)
            ? parsed
            : throw new InvalidOperationException($"maxP99Latency {analysis.MaxP99Latency} was not validated");
        return
        [
            new Check(SuccessRateCheck, analysis.MinSuccessRate, AtLeast: true, "%", IstioQueries.SuccessRate),
            new Check(LatencyCheck, latency.TotalMilliseconds, AtLeast: false, "ms", IstioQueries.P99LatencyMilliseconds),
            .. analysis.Checks.Select(c => new Check(c.Name, c.Threshold, c.Direction == "min", "", target => IstioQueries.Custom(c.Query, target))),
        ];
    }

    public static Check RequestsOf(AnalysisConfig analysis) =>
        new(RequestsCheck, analysis.MinRequests, AtLeast: true, "requests", IstioQueries.Requests);

    /// <summary>The versions in report order (canary first) as the queries address them.</summary>
    public static IReadOnlyList<Target> Targets(RolloutPlan plan, string appName) =>
        [.. new[] { plan.Canary }.Concat(plan.Stable).Select(v => new Target(v, $"{appName}-{v}", plan.Namespace, plan.Config.Analysis.Window))];

    public static async Task<AnalysisResult> RunAsync(RolloutPlan plan, string appName, PrometheusClient prometheus, DateTimeOffset time)
    {
        var targets = Targets(plan, appName);
        async Task<CheckResult> Evaluate(Check check)
        {
            var values = new List<(string, double?)>();
            foreach (var target in targets)
            {
                values.Add((target.Version, await prometheus.QueryAsync(check.Query(target), time)));
            }

            return new CheckResult(check, values);
        }

        var requests = await Evaluate(RequestsOf(plan.Config.Analysis));
        var checks = new List<CheckResult>();
        foreach (var check in ChecksOf(plan.Config.Analysis))
        {
            checks.Add(await Evaluate(check));
        }

        return new AnalysisResult(time, prometheus.BaseAddress, requests, checks);
    }
}
