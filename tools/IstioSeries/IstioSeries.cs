using System.Globalization;
using System.Text;

namespace Frontend.RolloutMetrics;

/// <summary>
/// What one version's callers and pods saw in one scrape interval: requests that succeeded and that failed
/// (with Envoy's response flags, "-" when the version's pods answered), whether its own sidecar reported
/// them (a 503 that a caller's proxy answers itself never reaches it), requests only its pods saw (mirrored
/// ones), and the latency histogram's cumulative bucket counts per scrape.
/// </summary>
public sealed record Scrape(int Ok, int Errors, string ErrorFlags, bool PodsReport, int MirroredOnly, int[] Buckets);

/// <summary>
/// One namespace's traffic over time: the canary's and the stable version's scrape at each instant. <paramref name="Ambient"/>:
/// the namespace runs on Istio's ambient data plane, where the pods have no proxy and the waypoint reports every request
/// (<c>reporter="waypoint"</c>); otherwise callers' sidecars report <c>source</c> and the pods' own <c>destination</c>.
/// </summary>
public sealed record Scenario(string Namespace, DateTimeOffset From, DateTimeOffset To, Func<DateTimeOffset, Scrape> Canary, Func<DateTimeOffset, Scrape> Stable, bool Ambient = false);

/// <summary>
/// Istio's standard metrics as an OpenMetrics file for <c>promtool tsdb create-blocks-from openmetrics</c>,
/// scraped every 15 seconds, for the rollout tests and the rollout demo (<c>tools/rollout-demo.sh</c>), from
/// this one source: the single-decision scenarios for the half hour up to <see cref="EvaluationTime"/>,
/// one namespace each, and the rollout simulations' hours (<see cref="RolloutSimulations"/>) from
/// <see cref="SimulationStart"/>, so one Prometheus serves every test.
/// </summary>
public static class IstioSeries
{
    /// <summary>Every single decision is replayed at this instant (--time), so the values are exact.</summary>
    public static readonly DateTimeOffset EvaluationTime = new(2025, 1, 15, 12, 0, 0, TimeSpan.Zero);

    /// <summary>The simulations' metrics start here and run for <see cref="SimulationHours"/>.</summary>
    public static readonly DateTimeOffset SimulationStart = new(2025, 1, 16, 0, 0, 0, TimeSpan.Zero);

    public const int SimulationHours = 3;

    public const int ScrapeSeconds = 15;

    /// <summary>Histogram bucket bounds (ms), a subset of Istio's default buckets.</summary>
    private static readonly string[] Bounds = ["25", "50", "100", "250", "500", "1000", "2500", "5000", "+Inf"];

    /// <summary>Per scrape: 30 requests, p99 interpolated to 95 ms.</summary>
    public static readonly int[] Fast = [20, 27, 30, 30, 30, 30, 30, 30, 30];

    /// <summary>Per scrape: 30 requests, p99 interpolated to 2477.5 ms.</summary>
    public static readonly int[] Slow = [0, 0, 1, 2, 3, 10, 30, 30, 30];

    /// <summary>Per scrape: 135 requests of the stable version, p99 95 ms.</summary>
    public static readonly int[] StableFast = [90, 122, 135, 135, 135, 135, 135, 135, 135];

    public static Scrape Healthy(int ok = 30) => new(ok, 0, "-", PodsReport: true, MirroredOnly: 0, ok == 30 ? Fast : [.. Fast.Select(c => c * ok / 30)]);

    public static Scrape StableHealthy(int errors = 0) => new(135, errors, "-", PodsReport: true, MirroredOnly: 0, StableFast);

    /// <summary>The pods are unready or ejected: callers' proxies answer 503 UH themselves, and the pods report nothing.</summary>
    public static Scrape Dark() => new(0, 30, "UH", PodsReport: false, MirroredOnly: 0, Fast);

    public static string OpenMetrics() => OpenMetrics(Scenarios.Concat(RolloutSimulations.Scenarios));

    /// <summary>The single-decision scenarios, each constant over its half hour.</summary>
    private static IEnumerable<Scenario> Scenarios
    {
        get
        {
            var from = EvaluationTime.AddMinutes(-30);
            Scenario Constant(string ns, Scrape canary, Scrape stable) => new(ns, from, EvaluationTime, _ => canary, _ => stable);

            // 600 canary requests in 5m, none 5xx, p99 95 ms; the stable version has 1 in 136 5xx. The pods also
            // served 10 mirrored requests a scrape, which a check must not count.
            yield return Constant("healthy", Healthy() with { MirroredOnly = 10 }, StableHealthy(errors: 1));
            yield return Constant("frontend", Healthy() with { MirroredOnly = 10 }, StableHealthy(errors: 1));
            yield return Constant("erroring", new Scrape(27, 3, "-", true, 0, Fast), StableHealthy());
            yield return Constant("slow", Healthy() with { Buckets = Slow }, StableHealthy());
            yield return Constant("quiet", Healthy(ok: 1), StableHealthy());
            yield return Constant("dark", Dark(), StableHealthy());

            // The same traffic on ambient: only the waypoint reports it, so a query for sidecars' reports finds nothing.
            yield return Constant("ambient-healthy", Healthy(), StableHealthy(errors: 1)) with { Ambient = true };
            yield return Constant("ambient-dark", Dark(), StableHealthy()) with { Ambient = true };
        }
    }

    private static string OpenMetrics(IEnumerable<Scenario> scenarios)
    {
        var text = new StringBuilder();
        foreach (var scenario in scenarios)
        {
            Version(text, scenario, "v2", scenario.Canary);
            Version(text, scenario, "v1", scenario.Stable);
        }

        text.Append("# EOF\n");
        return text.ToString();
    }

    private static void Version(StringBuilder text, Scenario scenario, string version, Func<DateTimeOffset, Scrape> traffic)
    {
        var instants = new List<DateTimeOffset>();
        for (var time = scenario.From; time <= scenario.To; time = time.AddSeconds(ScrapeSeconds))
        {
            instants.Add(time);
        }

        var scrapes = instants.Select(traffic).ToList();
        var flags = scrapes.Where(s => s.Errors > 0).Select(s => s.ErrorFlags).Distinct().ToList();
        foreach (var reporter in scenario.Ambient ? ["waypoint"] : new[] { "source", "destination" })
        {
            // The waypoint sees what it answers itself (a 503 UH for pods that are not ready) as well as what the pods answer.
            var pods = reporter == "destination";
            Counter(text, "istio_requests_total", Labels(scenario.Namespace, version, reporter, "200", "-"), instants, scrapes, s => pods ? (s.PodsReport ? s.Ok + s.MirroredOnly : 0) : s.Ok);
            foreach (var flag in flags)
            {
                Counter(text, "istio_requests_total", Labels(scenario.Namespace, version, reporter, "503", flag), instants, scrapes, s => s.ErrorFlags == flag && (!pods || s.PodsReport) ? s.Errors : 0);
            }

            for (var i = 0; i < Bounds.Length; i++)
            {
                var bucket = i;
                Counter(text, "istio_request_duration_milliseconds_bucket", $"{Labels(scenario.Namespace, version, reporter, "200", "-")},le=\"{Bounds[i]}\"", instants, scrapes, s => !pods || s.PodsReport ? s.Buckets[bucket] : 0);
            }
        }
    }

    private static string Labels(string ns, string version, string reporter, string code, string flags) =>
        $"reporter=\"{reporter}\",destination_workload=\"frontend-{version}\",destination_workload_namespace=\"{ns}\",destination_version=\"{version}\",response_code=\"{code}\",response_flags=\"{flags}\"";

    /// <summary>A counter's running total at every instant; a counter that never moves is left out, as Prometheus would never see it.</summary>
    private static void Counter(StringBuilder text, string name, string labels, List<DateTimeOffset> instants, List<Scrape> scrapes, Func<Scrape, int> increment)
    {
        var increments = scrapes.Select(increment).ToList();
        if (increments.All(i => i == 0))
        {
            return;
        }

        long total = 0;
        for (var i = 0; i < instants.Count; i++)
        {
            total += i == 0 ? 0 : increments[i];
            text.Append(CultureInfo.InvariantCulture, $"{name}{{{labels}}} {total} {instants[i].ToUnixTimeSeconds()}\n");
        }
    }
}
