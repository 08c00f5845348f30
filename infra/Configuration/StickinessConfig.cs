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

    [Description("Seconds a browser keeps the cookie; after that the visitor is split afresh. One day by default.")]
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

    /// <summary>What each weighted destination adds to its responses, for <paramref name="version"/>.</summary>
    public string SetCookie(string version) =>
        string.Join("; ", new[]
        {
            $"{Cookie}={version}",
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
