using System.Globalization;
using Frontend.Infra.Configuration;

namespace Frontend.Cli.Rollout;

/// <summary>
/// One check of the plan: what it measures, how it is compared, the PromQL for a version, and what an empty
/// result means (<see cref="EmptyIsZero"/>: a count of things that did not happen; otherwise no data).
/// </summary>
internal sealed record Check(string Name, double Threshold, bool AtLeast, string Unit, Func<Target, string> Query, bool EmptyIsZero = false)
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
    /// <summary>The canary's value; an empty result of a check that counts things reads 0.</summary>
    public double? CanaryValue => Values[0].Value ?? (Check.EmptyIsZero ? 0 : null);

    /// <summary>Null when the canary has no value.</summary>
    public bool? Passed => CanaryValue is { } value ? Check.Passes(value) : null;

    public IEnumerable<(string Version, double? Value)> Stable => Values.Skip(1);
}

/// <summary>
/// Every check for every version at one instant: <see cref="Requests"/> as callers and the gateway sent them
/// (what the checks judge), <see cref="Served"/> as the versions' own pods counted them (evidence only).
/// </summary>
internal sealed record AnalysisResult(DateTimeOffset Time, Uri Prometheus, CheckResult Requests, CheckResult Served, IReadOnlyList<CheckResult> Checks);

/// <summary>
/// The analysis of the current step: one result per interval since the step went live, oldest first, each
/// over a window that lies wholly after the step's deploy. Empty when no whole window has passed yet.
/// </summary>
internal sealed record StepAnalysis(DateTimeOffset Time, DateTimeOffset? LiveSince, IReadOnlyList<AnalysisResult> Intervals)
{
    public AnalysisResult? Latest => Intervals.Count > 0 ? Intervals[^1] : null;
}

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
            .. analysis.Checks.Select(c => new Check(c.Name, c.Threshold, c.Direction == "min", "", target => IstioQueries.Custom(c.Query, target), c.Empty == "zero")),
        ];
    }

    public static Check RequestsOf(AnalysisConfig analysis) =>
        new(RequestsCheck, analysis.MinRequests, AtLeast: true, "requests", IstioQueries.Requests, EmptyIsZero: true);

    /// <summary>What the versions' pods served: reported beside the requests, never compared with a threshold.</summary>
    public static Check ServedOf() => new("served", 0, AtLeast: true, "requests", IstioQueries.Served, EmptyIsZero: true);

    /// <summary>The versions in report order (canary first) as the queries address them.</summary>
    public static IReadOnlyList<Target> Targets(RolloutPlan plan, string appName) =>
        [.. new[] { plan.Canary }.Concat(plan.Stable).Select(v => new Target(v, $"{appName}-{v}", plan.Namespace, plan.Config.Analysis.Window, plan.Ambient))];

    /// <summary>
    /// The instants to judge at: <paramref name="time"/> and every interval before it whose window starts at or
    /// after <paramref name="liveSince"/>, oldest first. Without a deploy record, only <paramref name="time"/>.
    /// </summary>
    public static IReadOnlyList<DateTimeOffset> Instants(AnalysisConfig analysis, DateTimeOffset time, DateTimeOffset? liveSince)
    {
        if (liveSince is not { } since)
        {
            return [time];
        }

        var window = Duration(analysis.Window);
        var interval = Duration(analysis.Interval);
        var instants = new List<DateTimeOffset>();
        for (var instant = time; instant - window >= since; instant -= interval)
        {
            instants.Add(instant);
        }

        instants.Reverse();
        return instants;
    }

    public static TimeSpan Duration(string prometheusDuration) =>
        PrometheusDuration.TryParse(prometheusDuration, out var span)
            ? span
            : throw new InvalidOperationException($"the duration {prometheusDuration} was not validated");

    public static async Task<StepAnalysis> RunAsync(RolloutPlan plan, string appName, PrometheusClient prometheus, DateTimeOffset time, DateTimeOffset? liveSince)
    {
        var analysis = plan.Config.Analysis;
        var instants = Instants(analysis, time, liveSince);
        if (instants.Count == 0)
        {
            return new StepAnalysis(time, liveSince, []);
        }

        var targets = Targets(plan, appName);
        var interval = Duration(analysis.Interval);

        // One range query per check and version covers every interval of the step.
        async Task<IReadOnlyList<CheckResult>> Evaluate(Check check)
        {
            var series = new List<(string Version, IReadOnlyDictionary<long, double?> Values)>();
            foreach (var target in targets)
            {
                var query = check.Query(target);
                var values = instants.Count == 1
                    ? new Dictionary<long, double?> { [instants[0].ToUnixTimeMilliseconds()] = await prometheus.QueryAsync(query, instants[0]) }
                    : await prometheus.QueryRangeAsync(query, instants[0], instants[^1], interval);
                series.Add((target.Version, values));
            }

            return [.. instants.Select(instant => new CheckResult(check, [.. series.Select(s => (s.Version, s.Values.GetValueOrDefault(instant.ToUnixTimeMilliseconds())))]))];
        }

        var requests = await Evaluate(RequestsOf(analysis));
        var served = await Evaluate(ServedOf());
        var checks = new List<IReadOnlyList<CheckResult>>();
        foreach (var check in ChecksOf(analysis))
        {
            checks.Add(await Evaluate(check));
        }

        return new StepAnalysis(time, liveSince, [.. instants.Select((instant, i) => new AnalysisResult(instant, prometheus.BaseAddress, requests[i], served[i], [.. checks.Select(c => c[i])]))]);
    }
}
