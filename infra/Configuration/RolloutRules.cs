using System.Text.RegularExpressions;

namespace Frontend.Infra.Configuration;

/// <summary>
/// The rules for <see cref="RolloutConfig"/>: the plan must name versions the stack has, move traffic only
/// between them, climb whole-percent steps, and carry thresholds that can be met.
/// </summary>
internal static partial class RolloutRules
{
    public const string Key = "rollout";

    /// <summary>
    /// rate() needs at least two samples in its range; Istio's metrics are commonly scraped every 15 to 30
    /// seconds, so a shorter window would judge a canary on one sample or none.
    /// </summary>
    public static readonly TimeSpan MinWindow = TimeSpan.FromMinutes(1);

    /// <summary>Istio's metrics are scraped every 15 to 30 seconds: a shorter interval would judge the same samples again.</summary>
    public static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(10);

    /// <summary>The checks every plan has; the reports name them so, and a plan's own check may not take these names.</summary>
    public static readonly IReadOnlyList<string> BuiltInChecks = ["requests", "success-rate", "p99-latency"];

    /// <summary>What a check's query may name; each is filled in per version before the query is sent.</summary>
    public static readonly IReadOnlyList<string> Placeholders = ["workload", "version", "namespace", "window"];

    /// <summary>
    /// The plan's canary while nothing sends it traffic (weight 0, and no tester route or mirror names it): not
    /// started, rolled back, or the old stable version a finished rollout left as the plan's canary. It runs no pods,
    /// so a rollback gives back the canary's capacity; raising its weight brings them back before any traffic,
    /// since the routes wait for the Deployments they name.
    /// </summary>
    public static string? ParkedCanary(StackConfig config)
    {
        if (config.Rollout is not { } plan || config.Versions.FirstOrDefault(v => v.Name == plan.Canary) is not { Weight: 0 })
        {
            return null;
        }

        var named = config.Routing.Matches.Any(m => m.Version == plan.Canary) || config.Routing.Mirror?.Version == plan.Canary;
        return named ? null : plan.Canary;
    }

    public static void Validate(StackConfig config, Problems problems)
    {
        var root = ConfigPath.Root(Key);
        if (config.SecretKeys.Contains(Key))
        {
            problems.Error(
                root,
                "must not hold a secure value: the rollout tool reads and edits the stack file without the stack's secrets provider",
                "(secret)",
                $"set the value under {Key} again as plain text (pulumi config set --path '{Key}.<path>' <value>, without --secret); give a secret Prometheus address with rollout's --prometheus from the runner's secrets instead");
        }

        if (config.Rollout is not { } plan)
        {
            return;
        }

        var names = config.Versions.Select(v => v.Name).ToList();
        // The canary is suggested from the versions the plan does not already call stable.
        var canaryKnown = Version(root.Property("canary"), plan.Canary, names, [.. names.Except(plan.Stable, StringComparer.Ordinal)], problems);
        Stable(root.Property("stable"), plan, names, problems);
        if (canaryKnown && plan.Stable.Count > 0)
        {
            OthersCarryNoTraffic(config, plan, problems);
        }

        Steps(root.Property("steps"), plan.Steps, problems);
        problems.InRange(root.Property("attempt"), plan.Attempt, 1, 999, "which attempt at this canary this is; raise it by one to restart after a rollback");
        Analysis(root.Property("analysis"), plan.Analysis, problems);
    }

    private static bool Version(ConfigPath path, string name, IReadOnlyList<string> versions, IReadOnlyList<string> likely, Problems problems)
    {
        if (versions.Contains(name, StringComparer.Ordinal))
        {
            return true;
        }

        var candidates = likely.Count > 0 ? likely : versions;
        var suggestion = Spelling.Closest(name, candidates) ?? candidates[^1];
        problems.Error(path, $"must name one of the stack's versions ({string.Join(", ", versions)})", ConfigValue.Show(name), path.SetCommand(suggestion));
        return false;
    }

    private static void Stable(ConfigPath path, RolloutConfig plan, IReadOnlyList<string> versions, Problems problems)
    {
        if (plan.Stable.Count == 0)
        {
            var other = versions.FirstOrDefault(v => v != plan.Canary) ?? "v1";
            problems.Error(path, "must name at least one stable version: a rollback gives the canary's traffic back to them", "[]", path.Index(0).SetCommand(other));
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < plan.Stable.Count; i++)
        {
            var name = plan.Stable[i];
            var item = path.Index(i);
            if (!Version(item, name, versions, [.. versions.Where(v => v != plan.Canary)], problems))
            {
                continue;
            }

            if (name == plan.Canary)
            {
                problems.Error(item, "must not be the canary: a version cannot take traffic from itself", ConfigValue.Show(name), $"name another version, or {item.RemoveCommand()}");
            }
            else if (!seen.Add(name))
            {
                problems.Error(item, "is listed twice", ConfigValue.Show(name), item.RemoveCommand());
            }
        }
    }

    /// <summary>A step moves traffic only between the canary and the stable versions, so every other version must already have none.</summary>
    private static void OthersCarryNoTraffic(StackConfig config, RolloutConfig plan, Problems problems)
    {
        for (var i = 0; i < config.Versions.Count; i++)
        {
            var version = config.Versions[i];
            if (version.Weight != 0 && version.Name != plan.Canary && !plan.Stable.Contains(version.Name, StringComparer.Ordinal))
            {
                var path = ConfigPath.Root("versions").Index(i).Property("weight");
                problems.Error(
                    path,
                    $"must be 0 while {ConfigPath.Root(Key)} runs: {version.Name} is neither the canary nor a stable version, and a step moves traffic only between those",
                    ConfigValue.Show(version.Weight),
                    $"give its weight to a stable version and {path.SetCommand("0")}, or add it: {ConfigPath.Root(Key).Property("stable").Index(plan.Stable.Count).SetCommand(version.Name)}");
            }
        }
    }

    private static void Steps(ConfigPath path, IReadOnlyList<int> steps, Problems problems)
    {
        if (steps.Count == 0)
        {
            problems.Error(path, "must list at least one weight for the canary", "[]", $"{path.Index(0).SetCommand("10")} && {path.Index(1).SetCommand("100")}");
            return;
        }

        for (var i = 0; i < steps.Count; i++)
        {
            problems.InRange(path.Index(i), steps[i], 1, 100, "the canary's share of traffic in percent; 0 is a rollback, not a step");
            if (i > 0 && steps[i] <= steps[i - 1] && steps[i] is >= 1 and <= 100)
            {
                problems.Error(path.Index(i), $"must be greater than the step before it ({steps[i - 1]}): the canary only climbs", ConfigValue.Show(steps[i]), $"list the steps in increasing order without repeats, such as {path.SetCommand("'[10,25,50,100]'")}");
            }
        }
    }

    private static void Analysis(ConfigPath path, AnalysisConfig analysis, Problems problems)
    {
        if (analysis.PrometheusUrl is { } url && !IsHttpUrl(url))
        {
            var urlPath = path.Property("prometheusUrl");
            problems.Error(urlPath, "must be an absolute http or https address of Prometheus's HTTP API (without /api/v1)", ConfigValue.Show(url), urlPath.SetCommand("http://prometheus.istio-system:9090"));
        }

        var window = path.Property("window");
        if (!PrometheusDuration.TryParse(analysis.Window, out var span))
        {
            problems.Error(window, "must be a Prometheus duration: whole numbers with units, largest first (y, w, d, h, m, s, ms), such as 5m or 1h30m", ConfigValue.Show(analysis.Window), window.SetCommand("5m"));
        }
        else if (span < MinWindow)
        {
            problems.Error(window, "must be at least 1m: rate() needs two scrapes of Istio's metrics inside the window", ConfigValue.Show(analysis.Window), window.SetCommand("5m"));
        }

        var interval = path.Property("interval");
        if (!PrometheusDuration.TryParse(analysis.Interval, out var every))
        {
            problems.Error(interval, "must be a Prometheus duration: whole numbers with units, largest first (y, w, d, h, m, s, ms), such as 1m or 30s", ConfigValue.Show(analysis.Interval), interval.SetCommand("1m"));
        }
        else if (every < MinInterval)
        {
            problems.Error(interval, "must be at least 10s: Istio's metrics are scraped every 15 to 30 seconds, so a shorter interval judges the same samples twice", ConfigValue.Show(analysis.Interval), interval.SetCommand("1m"));
        }

        problems.InRange(path.Property("failureThreshold"), analysis.FailureThreshold, 1, 100, "failed intervals within one step before the canary is rolled back");
        problems.InRange(path.Property("minRequests"), analysis.MinRequests, 1, int.MaxValue, "requests the canary must have served in the window before anything is decided");
        if (analysis.MaxSuccessRateDrop is { } drop && (drop is < 0 or > 100 || double.IsNaN(drop)))
        {
            var dropPath = path.Property("maxSuccessRateDrop");
            problems.Error(dropPath, "must be percentage points between 0 and 100 (how far the canary's success rate may fall below the stable versions')", ConfigValue.Show(drop), dropPath.SetCommand("1"));
        }

        if (analysis.MinSuccessRate is < 0 or > 100 || double.IsNaN(analysis.MinSuccessRate))
        {
            var rate = path.Property("minSuccessRate");
            problems.Error(rate, "must be a percentage between 0 and 100 (the share of the canary's responses that are not 5xx)", ConfigValue.Show(analysis.MinSuccessRate), rate.SetCommand("99"));
        }

        var latency = path.Property("maxP99Latency");
        if (!IstioDuration.TryParse(analysis.MaxP99Latency, out var p99))
        {
            problems.Error(latency, "must be a duration: a number and a unit (h, m, s, ms), such as 500ms or 1.5s", ConfigValue.Show(analysis.MaxP99Latency), latency.SetCommand("500ms"));
        }
        else if (p99 < IstioDuration.Minimum)
        {
            problems.Error(latency, "must be at least 1ms: Istio measures latency in milliseconds", ConfigValue.Show(analysis.MaxP99Latency), latency.SetCommand("500ms"));
        }

        Checks(path.Property("checks"), analysis.Checks, problems);
    }

    private static void Checks(ConfigPath path, IReadOnlyList<MetricCheckConfig> checks, Problems problems)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < checks.Count; i++)
        {
            var check = checks[i];
            var item = path.Index(i);
            var name = item.Property("name");
            if (!Names.IsDns1123Label(check.Name))
            {
                problems.Error(name, "must be a short name of lower-case letters, digits and '-' (it labels the check in reports)", ConfigValue.Show(check.Name), name.SetCommand(Names.ToDns1123Label(check.Name)));
            }
            else if (BuiltInChecks.Contains(check.Name, StringComparer.Ordinal))
            {
                problems.Error(name, $"must not be the name of a built-in check ({string.Join(", ", BuiltInChecks)})", ConfigValue.Show(check.Name), name.SetCommand($"{check.Name}-2"));
            }
            else if (!seen.Add(check.Name))
            {
                problems.Error(name, "must be unique among the checks", ConfigValue.Show(check.Name), name.SetCommand($"{check.Name}-{i}"));
            }

            Query(item.Property("query"), check.Query, problems);
            if (check.Empty is not ("zero" or "fail"))
            {
                var empty = item.Property("empty");
                problems.Error(empty, "must be zero (an empty result counts as 0, as for a count of errors that did not happen) or fail (an empty result fails the interval)", ConfigValue.Show(check.Empty), empty.SetCommand(check.Empty.StartsWith('z') ? "zero" : "fail"));
            }

            if (check.Direction is not ("min" or "max"))
            {
                var direction = item.Property("direction");
                problems.Error(direction, "must be min (the value must be at least the threshold) or max (at most the threshold)", ConfigValue.Show(check.Direction), direction.SetCommand(check.Direction.StartsWith("mi", StringComparison.OrdinalIgnoreCase) ? "min" : "max"));
            }
        }
    }

    private static void Query(ConfigPath path, string query, Problems problems)
    {
        var named = Placeholder().Matches(query).Select(m => m.Groups["name"].Value).ToList();
        var unknown = named.Where(n => !Placeholders.Contains(n, StringComparer.Ordinal)).Distinct(StringComparer.Ordinal).ToList();
        var known = string.Join(", ", Placeholders.Select(p => $"{{{{{p}}}}}"));
        if (string.IsNullOrWhiteSpace(query))
        {
            problems.Error(path, "must be a PromQL query", ConfigValue.Show(query), path.SetCommand("'<PromQL naming {{workload}}>'"));
        }
        else if (unknown.Count > 0)
        {
            problems.Error(path, $"names an unknown placeholder ({string.Join(", ", unknown.Select(u => $"{{{{{u}}}}}"))}); the placeholders are {known}", ConfigValue.Show(query), "rename the placeholder in the stack file");
        }
        else if (!named.Contains("workload") && !named.Contains("version"))
        {
            problems.Error(path, "must name the version it measures with {{workload}} (the Deployment) or {{version}}, or it measures the same thing for the canary and the stable versions", ConfigValue.Show(query), "add a selector such as destination_workload=\"{{workload}}\" to the query in the stack file");
        }
    }

    private static bool IsHttpUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && uri.Host.Length > 0;

    [GeneratedRegex(@"\{\{\s*(?<name>[^{}]*?)\s*\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
