using System.Text;
using System.Text.RegularExpressions;

namespace Frontend.Cli.Rollout;

/// <summary>
/// The PromQL for each check over Istio's standard metrics, for one version's workload: Istio's
/// <c>destination_workload</c> is the Deployment's name and <c>destination_workload_namespace</c> its namespace.
/// The checks read what the version's callers and the ingress gateway saw (<c>reporter="source"</c>): a 503
/// that a caller's proxy answers itself because the version's pods are unready, ejected or overflowing
/// (response flags UH, UO, URX) never reaches those pods, so their own sidecar (<c>reporter="destination"</c>)
/// cannot count it. The source side also leaves out mirrored (shadow) requests, which Istio reports only at
/// the destination. The destination side is queried for the report, as what the pods served.
/// In ambient mode the pods have no proxy and ztunnel reports no request metrics: in-mesh callers' requests are
/// reported by the waypoint (<c>reporter="waypoint"</c>), the ingress gateway's by the gateway (<c>source</c>), so the
/// callers' view is both, and the waypoint's is also the nearest thing to what the pods served.
/// </summary>
internal static partial class IstioQueries
{
    /// <summary>Requests to the version in the window, as its callers and the gateway sent them.</summary>
    public static string Requests(Target target) =>
        $"sum(increase(istio_requests_total{{{Selector(target, Source)}}}[{target.Window}]))";

    /// <summary>Requests the version's own pods served in the window (mirrored ones included): evidence, not a check.</summary>
    public static string Served(Target target) =>
        $"sum(increase(istio_requests_total{{{Selector(target, Destination)}}}[{target.Window}]))";

    /// <summary>
    /// The share of responses, in percent, that are not 5xx, as callers saw them. The 5xx side falls back to 0
    /// when the window has none, so a version that answered only 5xx reads 0% rather than no data.
    /// </summary>
    public static string SuccessRate(Target target) =>
        $"100 * (1 - ((sum(rate(istio_requests_total{{{Selector(target, Source)},response_code=~\"5..\"}}[{target.Window}])) or vector(0)) / sum(rate(istio_requests_total{{{Selector(target, Source)}}}[{target.Window}]))))";

    /// <summary>The 99th-percentile request duration in milliseconds as callers measured it, from Istio's histogram.</summary>
    public static string P99LatencyMilliseconds(Target target) =>
        $"histogram_quantile(0.99, sum by (le) (rate(istio_request_duration_milliseconds_bucket{{{Selector(target, Source)}}}[{target.Window}])))";

    /// <summary>A plan's own check with its placeholders filled in for <paramref name="target"/>.</summary>
    public static string Custom(string query, Target target) => Placeholder().Replace(query, match => match.Groups["name"].Value switch
    {
        "workload" => target.Workload,
        "version" => target.Version,
        "namespace" => target.Namespace,
        "window" => target.Window,
        _ => match.Value,
    });

    private const string Source = "source";
    private const string Destination = "destination";

    private static string Selector(Target target, string side) =>
        $"{Reporter(target, side)},destination_workload_namespace=\"{Escape(target.Namespace)}\",destination_workload=\"{Escape(target.Workload)}\"";

    private static string Reporter(Target target, string side) => (target.Ambient, side) switch
    {
        (false, _) => $"reporter=\"{side}\"",
        (true, Source) => "reporter=~\"source|waypoint\"",
        (true, _) => "reporter=\"waypoint\"",
    };

    /// <summary>A PromQL string literal's escapes; the names are DNS labels, so this only guards the contract.</summary>
    private static string Escape(string value) => new StringBuilder(value).Replace("\\", "\\\\").Replace("\"", "\\\"").ToString();

    [GeneratedRegex(@"\{\{\s*(?<name>[^{}]*?)\s*\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}

/// <summary>One version as the queries see it: its <c>version</c> label, its Deployment (workload) and namespace, the window, and the data plane.</summary>
internal sealed record Target(string Version, string Workload, string Namespace, string Window, bool Ambient = false);
