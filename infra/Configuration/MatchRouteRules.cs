namespace Frontend.Infra.Configuration;

/// <summary>
/// The rules for <c>routing.matches</c> as Istio's validateHTTPRoute applies them to
/// the VirtualService's HTTP routes (header names, string matches, RE2 regexes, durations), plus what Istio
/// would accept but serve wrongly (a route to a version without pods).
/// </summary>
internal static class MatchRouteRules
{
    /// <summary>The name the VirtualService gives its weighted route, which match routes may not take.</summary>
    public const string WeightedRouteName = "weighted";

    public static void Validate(StackConfig config, Problems problems)
    {
        var root = ConfigPath.Root("routing");
        var routing = config.Routing;

        // Duplicate names are reported by the version rules; routes resolve to the first.
        var versions = config.Versions.Select((v, i) => (Version: v, Index: i)).GroupBy(v => v.Version.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < routing.Matches.Count; i++)
        {
            var match = routing.Matches[i];
            var path = root.Property("matches").Index(i);
            if (!Names.IsDns1123Label(match.Name))
            {
                problems.Error(path.Property("name"), "must be a DNS-1123 label (it names the route in the VirtualService)", ConfigValue.Show(match.Name), path.Property("name").SetCommand(Names.ToDns1123Label(match.Name)));
            }
            else if (match.Name == WeightedRouteName || !names.TryAdd(match.Name, i))
            {
                problems.Error(path.Property("name"), $"must be unique among routes ('{WeightedRouteName}' names the weighted route)", ConfigValue.Show(match.Name), path.Property("name").SetCommand($"{match.Name}-{i + 1}"));
            }

            if ((match.Header is null) == (match.Cookie is null))
            {
                problems.Error(path, "must match on exactly one of 'header' or 'cookie'", match.Header is null ? "neither" : "both", path.Property("header").Property("name").SetCommand("x-canary") + " (and remove the other)");
            }

            if (match.Header is { } header)
            {
                ValidateHeaderMatch(path.Property("header"), header, problems);
            }

            if (match.Cookie is { } cookie)
            {
                CookieToken(path.Property("cookie").Property("name"), cookie.Name, problems);
                CookieToken(path.Property("cookie").Property("value"), cookie.Value, problems);
            }

            if (!versions.TryGetValue(match.Version, out var routed))
            {
                problems.Error(path.Property("version"), $"must name a version in 'versions' ({string.Join(", ", versions.Keys)}); a route to a subset that does not exist returns 503", ConfigValue.Show(match.Version), path.Property("version").SetCommand(Spelling.Closest(match.Version, versions.Keys) ?? versions.Keys.First()));
            }
            else if (VersionScaling.For(config.Autoscaling, routed.Version) is { Autoscaled: false, Floor: 0 })
            {
                problems.Error(path.Property("version"), $"routes to '{routed.Version.Name}', which has no replicas; the route would return 503", ConfigValue.Show(match.Version), $"{ConfigPath.Root("versions").Index(routed.Index).Property("replicas").SetCommand("1")} (or remove the route)");
            }
        }
    }

    private static void ValidateHeaderMatch(ConfigPath path, HeaderMatchConfig header, Problems problems)
    {
        HeaderName(path.Property("name"), header.Name, problems);
        var set = new (string Name, string? Value)[] { ("exact", header.Exact), ("prefix", header.Prefix), ("regex", header.Regex) }
            .Where(c => c.Value is not null).ToList();
        if (set.Count != 1)
        {
            problems.Error(path, "must compare the header in exactly one way: exact, prefix or regex", set.Count == 0 ? "none" : string.Join(" and ", set.Select(s => s.Name)), set.Count == 0 ? path.Property("exact").SetTextCommand("always") : $"keep one of {string.Join(", ", set.Select(s => s.Name))}");
        }
        else if (set[0].Value!.Length == 0)
        {
            problems.Error(path.Property(set[0].Name), "must not be empty (an empty match would send every request)", "\"\"", path.Property(set[0].Name).SetTextCommand("always"));
        }
        else if (header.Regex is { } regex && Re2Syntax.Check(regex) is { } why)
        {
            problems.Error(path.Property("regex"), $"must be a regex RE2 accepts (Istio and Envoy compile header matches with RE2, which has no lookaround and no backreferences), but it {why}", ConfigValue.Show(regex), path.Property("regex").SetCommand("'^(beta|canary)-.*$'"));
        }
    }

    /// <summary>Istio's rule for a header name (letters, digits, '-' and '_'), in lower case: Envoy compares names lower-cased, and one spelling keeps diffs stable.</summary>
    public static void HeaderName(ConfigPath path, string name, Problems problems)
    {
        if (name.Length == 0 || !name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_'))
        {
            problems.Error(path, "must be a lower-case HTTP header name (letters, digits, '-' and '_')", ConfigValue.Show(name), path.SetCommand(Names.ToDns1123Label(name)));
        }
    }

    internal static void CookieToken(ConfigPath path, string value, Problems problems)
    {
        if (value.Length == 0 || value.Any(c => !(char.IsAsciiLetterOrDigit(c) || "-_.~".Contains(c))))
        {
            problems.Error(path, "must be letters, digits, '-', '_', '.' or '~' (it is matched inside the Cookie header)", ConfigValue.Show(value), path.SetCommand("canary"));
        }
    }
}
