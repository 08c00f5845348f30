using System.ComponentModel;
namespace Frontend.Infra.Configuration;

/// <summary>
/// Two-way stickiness (<c>frontend:stickiness</c>): a visitor stays on the version they first got. Each
/// destination of the weighted split adds a cookie naming its version to the response, and before the
/// split one route per weighted version sends requests carrying that cookie back to it. The page's HTML
/// and its scripts and styles then come from the same version, and a canary's share does not creep up as
/// returning visitors pile onto it.
/// </summary>
internal sealed record StickinessConfig
{
    public const string DefaultCookie = "frontend-version";

    [Description("The cookie's name; its value is the version's name.")]
    public string Cookie { get; init; } = DefaultCookie;

    [Description("Seconds a browser keeps the cookie; after that the visitor is split afresh. One day by default; with a rollout plan, at most one step (window + interval), so every step's weights reach the visitors it is judged on.")]
    [ConfigRange(1, StickinessRules.MaxAgeLimit)]
    public int MaxAge { get; init; } = 86400;

    [Description("The cookie's path.")]
    public string Path { get; init; } = "/";

    [Description("Sent only over HTTPS.")]
    public bool Secure { get; init; } = true;

    [Description("Hidden from the page's scripts.")]
    public bool HttpOnly { get; init; } = true;

    [Description("Strict, Lax or None (which browsers accept only with Secure).")]
    public string SameSite { get; init; } = "Lax";

    /// <summary>What each weighted destination adds to its responses, carrying <paramref name="value"/> (<see cref="StickinessRules.CookieValue"/>).</summary>
    public string SetCookie(string value) =>
        string.Join("; ", new[]
        {
            $"{Cookie}={value}",
            $"Max-Age={MaxAge}",
            // Envoy reads '%' in a header it adds as the start of a variable; '%%' is a literal '%'.
            $"Path={Path.Replace("%", "%%", StringComparison.Ordinal)}",
            Secure ? "Secure" : null,
            HttpOnly ? "HttpOnly" : null,
            $"SameSite={SameSite}",
        }.OfType<string>());
}

/// <summary>The rules for <see cref="StickinessConfig"/>.</summary>
internal static class StickinessRules
{
    /// <summary>Browsers cap a cookie's lifetime at 400 days (RFC 6265bis); a longer Max-Age is cut to it.</summary>
    public const int MaxAgeLimit = 400 * 24 * 3600;

    public static readonly IReadOnlyList<string> SameSiteValues = ["Strict", "Lax", "None"];

    /// <summary>
    /// The cookie's value for <paramref name="version"/>: its name, and for a rollout plan's canary the attempt too
    /// (<c>v2.1</c>), so a restarted attempt pins no visitor from the last one: their old value matches no route,
    /// and the response of whichever version the split gives them replaces it. Rolling back expires the canary's
    /// cookie the same way.
    /// </summary>
    public static string CookieValue(RolloutConfig? plan, string version) =>
        plan is not null && plan.Canary == version ? $"{version}.{plan.Attempt.ToString(System.Globalization.CultureInfo.InvariantCulture)}" : version;

    /// <summary>The shortest time a step of <paramref name="plan"/> is live: its first whole window, then one interval; null while either is invalid (their own rules say so).</summary>
    private static int? StepSeconds(RolloutConfig plan) =>
        PrometheusDuration.TryParse(plan.Analysis.Window, out var window) && PrometheusDuration.TryParse(plan.Analysis.Interval, out var interval)
            ? (int)Math.Min(int.MaxValue, (window + interval).TotalSeconds)
            : null;

    /// <summary>The name of the route that keeps a version's visitors on it; match routes may not take it.</summary>
    public static string RouteName(string version) => $"sticky-{version}";

    public static void Validate(StackConfig config, Problems problems)
    {
        if (config.Stickiness is not { } sticky)
        {
            return;
        }

        var root = ConfigPath.Root("stickiness");
        MatchRouteRules.CookieToken(root.Property("cookie"), sticky.Cookie, problems);
        problems.InRange(root.Property("maxAge"), sticky.MaxAge, 1, MaxAgeLimit, "seconds; browsers keep a cookie at most 400 days");
        if (config.Rollout is { } plan && StepSeconds(plan) is { } step && sticky.MaxAge > step)
        {
            problems.Error(
                root.Property("maxAge"),
                $"must be at most {step} seconds while {ConfigPath.Root(RolloutRules.Key)} runs: one step of the plan (window {plan.Analysis.Window} + interval {plan.Analysis.Interval}); a cookie that outlives a step keeps its visitors on an earlier step's version, so the weights the analysis judges would not be the ones users get",
                ConfigValue.Show(sticky.MaxAge),
                root.Property("maxAge").SetCommand(step.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        if (!sticky.Path.StartsWith('/') || sticky.Path.Any(c => c is ';' or ',' || char.IsControl(c) || char.IsWhiteSpace(c)))
        {
            problems.Error(root.Property("path"), "must be a URL path starting with '/' without ';', ',' or spaces (it becomes the cookie's Path attribute)", ConfigValue.Show(sticky.Path), root.Property("path").SetCommand("/"));
        }

        if (!SameSiteValues.Contains(sticky.SameSite, StringComparer.Ordinal))
        {
            problems.Error(root.Property("sameSite"), $"must be one of {string.Join(", ", SameSiteValues)}", ConfigValue.Show(sticky.SameSite), root.Property("sameSite").SetCommand(Spelling.Closest(sticky.SameSite, SameSiteValues) ?? "Lax"));
        }
        else if (sticky.SameSite == "None" && !sticky.Secure)
        {
            problems.Error(root.Property("secure"), "must be true with sameSite None: browsers drop a SameSite=None cookie that is not Secure", "false", root.Property("secure").SetCommand("true"));
        }

        var routes = config.Routing.Matches.Select((m, i) => (m.Name, i));
        foreach (var (name, i) in routes)
        {
            if (config.Versions.Any(v => RouteName(v.Name) == name))
            {
                var path = ConfigPath.Root("routing").Property("matches").Index(i).Property("name");
                problems.Error(path, $"must not be '{name}': stickiness names the route that keeps a version's visitors that way", ConfigValue.Show(name), path.SetCommand($"{name}-match"));
            }
        }
    }
}
