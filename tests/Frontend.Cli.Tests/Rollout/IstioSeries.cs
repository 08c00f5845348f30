using System.Globalization;
using System.Text;

namespace Frontend.Cli.Tests.Rollout;

/// <summary>
/// Istio's standard metrics as an OpenMetrics file for <c>promtool tsdb create-blocks-from openmetrics</c>:
/// counters sampled every 15 seconds for the half hour up to <see cref="EvaluationTime"/>, per version's
/// workload, one namespace per scenario, so one Prometheus serves every test.
/// </summary>
internal static class IstioSeries
{
    /// <summary>Every decision is replayed at this instant (--time), so the values are exact.</summary>
    public static readonly DateTimeOffset EvaluationTime = new(2025, 1, 15, 12, 0, 0, TimeSpan.Zero);

    private const int ScrapeSeconds = 15;
    private const int Samples = 120;

    /// <summary>Histogram bucket bounds (ms), a subset of Istio's default buckets.</summary>
    private static readonly string[] Bounds = ["25", "50", "100", "250", "500", "1000", "2500", "5000", "+Inf"];

    /// <summary>Per scrape: 30 requests, p99 interpolated to 95 ms.</summary>
    private static readonly int[] Fast = [20, 27, 30, 30, 30, 30, 30, 30, 30];

    /// <summary>Per scrape: 30 requests, p99 interpolated to 2477.5 ms.</summary>
    private static readonly int[] Slow = [0, 0, 1, 2, 3, 10, 30, 30, 30];

    /// <summary>Per scrape: 135 requests of the stable version, p99 95 ms.</summary>
    private static readonly int[] StableFast = [90, 122, 135, 135, 135, 135, 135, 135, 135];

    public static string OpenMetrics()
    {
        var text = new StringBuilder();
        foreach (var ns in new[] { "healthy", "frontend" })
        {
            // 600 canary requests in 5m, none 5xx, p99 95 ms; the stable version has 1 in 136 5xx.
            Requests(text, ns, "v2", ok: 30, errors: 0);
            Requests(text, ns, "v1", ok: 135, errors: 1);
            // The source side reports the same requests again; a query without reporter="destination" would count them.
            Requests(text, ns, "v2", ok: 0, errors: 30, reporter: "source");
        }

        Requests(text, "erroring", "v2", ok: 27, errors: 3);
        Requests(text, "erroring", "v1", ok: 135, errors: 0);
        Requests(text, "slow", "v2", ok: 30, errors: 0);
        Requests(text, "slow", "v1", ok: 135, errors: 0);
        Requests(text, "quiet", "v2", ok: 1, errors: 0);
        Requests(text, "quiet", "v1", ok: 135, errors: 0);

        foreach (var ns in new[] { "healthy", "frontend", "erroring", "quiet" })
        {
            Latency(text, ns, "v2", ns == "quiet" ? [.. Fast.Select(c => c / 30)] : Fast);
            Latency(text, ns, "v1", StableFast);
        }

        Latency(text, "slow", "v2", Slow);
        Latency(text, "slow", "v1", StableFast);
        text.Append("# EOF\n");
        return text.ToString();
    }

    private static void Requests(StringBuilder text, string ns, string version, int ok, int errors, string reporter = "destination")
    {
        Counter(text, "istio_requests_total", Labels(ns, version, reporter, "200"), ok);
        if (errors > 0)
        {
            Counter(text, "istio_requests_total", Labels(ns, version, reporter, "503"), errors);
        }
    }

    private static void Latency(StringBuilder text, string ns, string version, int[] cumulativePerScrape)
    {
        for (var i = 0; i < Bounds.Length; i++)
        {
            Counter(text, "istio_request_duration_milliseconds_bucket", $"{Labels(ns, version, "destination", "200")},le=\"{Bounds[i]}\"", cumulativePerScrape[i]);
        }
    }

    private static string Labels(string ns, string version, string reporter, string code) =>
        $"reporter=\"{reporter}\",destination_workload=\"frontend-{version}\",destination_workload_namespace=\"{ns}\",destination_version=\"{version}\",response_code=\"{code}\"";

    private static void Counter(StringBuilder text, string name, string labels, int perScrape)
    {
        var end = EvaluationTime.ToUnixTimeSeconds();
        for (var i = 0; i <= Samples; i++)
        {
            var time = end - (Samples - i) * ScrapeSeconds;
            text.Append(CultureInfo.InvariantCulture, $"{name}{{{labels}}} {perScrape * i} {time}\n");
        }
    }
}
