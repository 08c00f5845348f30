using System.ComponentModel;
namespace Frontend.Infra.Configuration;

/// <summary>
/// The routes (<c>frontend:routing</c>) that both VirtualServices carry: match routes first, in order, then the
/// weighted split across versions; retries and timeout apply to every route.
/// </summary>
internal sealed record RoutingConfig
{
    [Description("Routes that send requests carrying a header or a cookie to one chosen version, whatever the weights; tried in order before the split.")]
    public IReadOnlyList<MatchRouteConfig> Matches { get; init; } = [];

    [Description("Retries of failed requests. Unset: 2 attempts on the safe default conditions (connect-failure,refused-stream,reset-before-request and a 503), which never re-send a request the app may have processed; attempts: 0 turns retries off.")]
    public RetriesConfig? Retries { get; init; }

    [Description("An Istio duration such as 10s; unset means Istio's default (no timeout).")]
    [IstioDurationFormat]
    public string? Timeout { get; init; }

    [Description("Copies a share of the split's requests to a version; unset mirrors nothing.")]
    public MirrorConfig? Mirror { get; init; }
}

/// <summary>Which versions the VirtualService sends visitors' traffic to, whatever route names them.</summary>
internal static class RoutedVersions
{
    /// <summary>The match routes' targets and every version with a weight (stickiness only keeps visitors on those); not a mirror's target, whose copies no visitor sees.</summary>
    public static IReadOnlySet<string> Of(IEnumerable<VersionConfig> versions, RoutingConfig routing) =>
        routing.Matches.Select(m => m.Version)
            .Concat(versions.Where(v => v.Weight > 0).Select(v => v.Name))
            .ToHashSet(StringComparer.Ordinal);
}

/// <summary>Sends requests that carry a header or a cookie to one chosen version, whatever the weights.</summary>
internal sealed record MatchRouteConfig
{
    [Description("The route's name in the VirtualService.")]
    public required string Name { get; init; }

    [Description("The request header to match; set a header or a cookie.")]
    public HeaderMatchConfig? Header { get; init; }

    [Description("The cookie to match; set a header or a cookie.")]
    public CookieMatchConfig? Cookie { get; init; }

    [Description("The version that matching requests go to.")]
    public required string Version { get; init; }
}

/// <summary>A request header compared exactly, by prefix, or by RE2 regex: one of the three.</summary>
internal sealed record HeaderMatchConfig
{
    [Description("The header's name, in lower case.")]
    public required string Name { get; init; }

    [Description("The header's exact value; one of exact, prefix and regex.")]
    public string? Exact { get; init; }

    [Description("A prefix of the header's value; one of exact, prefix and regex.")]
    public string? Prefix { get; init; }

    [Description("An RE2 regular expression for the header's value; one of exact, prefix and regex.")]
    public string? Regex { get; init; }
}

/// <summary>A cookie with an exact value, matched inside the Cookie header.</summary>
internal sealed record CookieMatchConfig
{
    [Description("The cookie's name.")]
    public required string Name { get; init; }

    [Description("The cookie's exact value.")]
    public required string Value { get; init; }
}

/// <summary>Mutual TLS for the app's workloads (<c>frontend:mtls</c>), as a PeerAuthentication.</summary>
internal sealed record MtlsConfig
{
    [Description("STRICT, PERMISSIVE or DISABLE.")]
    public required string Mode { get; init; }
}

/// <summary>A PodDisruptionBudget per version (<c>frontend:podDisruptionBudget</c>).</summary>
internal sealed record DisruptionBudgetConfig
{
    [Description("How many of a version's pods a node drain may take down at once (at least 1, or drains block).")]
    [ConfigRange(1, StackConfigValidator.MaxReplicas)]
    public int MaxUnavailable { get; init; } = 1;
}
