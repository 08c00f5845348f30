namespace Frontend.Infra.Configuration;

/// <summary>
/// The VirtualService's routes (<c>frontend:routing</c>): match routes first, in order, then the
/// weighted split across versions; retries and timeout apply to every route.
/// </summary>
internal sealed record RoutingConfig
{
    public IReadOnlyList<MatchRouteConfig> Matches { get; init; } = [];

    public RetriesConfig? Retries { get; init; }

    /// <summary>An Istio duration such as <c>10s</c>; unset means Istio's default (no timeout).</summary>
    [IstioDurationFormat]
    public string? Timeout { get; init; }

    /// <summary>Copies a share of the split's requests to a version; unset mirrors nothing.</summary>
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
    public required string Name { get; init; }

    public HeaderMatchConfig? Header { get; init; }

    public CookieMatchConfig? Cookie { get; init; }

    public required string Version { get; init; }
}

/// <summary>A request header compared exactly, by prefix, or by RE2 regex: one of the three.</summary>
internal sealed record HeaderMatchConfig
{
    public required string Name { get; init; }

    public string? Exact { get; init; }

    public string? Prefix { get; init; }

    public string? Regex { get; init; }
}

/// <summary>A cookie with an exact value, matched inside the Cookie header.</summary>
internal sealed record CookieMatchConfig
{
    public required string Name { get; init; }

    public required string Value { get; init; }
}

internal sealed record RetriesConfig
{
    [ConfigRange(0, RetryRules.MaxAttempts)]
    public int Attempts { get; init; } = 2;

    [IstioDurationFormat]
    public string? PerTryTimeout { get; init; }

    /// <summary>Envoy retry conditions, comma separated: <c>5xx,reset,connect-failure</c>.</summary>
    public string? RetryOn { get; init; }
}

/// <summary>Mutual TLS for the app's workloads (<c>frontend:mtls</c>), as a PeerAuthentication.</summary>
internal sealed record MtlsConfig
{
    /// <summary>STRICT, PERMISSIVE or DISABLE.</summary>
    public required string Mode { get; init; }
}

/// <summary>A PodDisruptionBudget per version (<c>frontend:podDisruptionBudget</c>).</summary>
internal sealed record DisruptionBudgetConfig
{
    /// <summary>How many of a version's pods a node drain may take down at once (at least 1, or drains block).</summary>
    [ConfigRange(1, StackConfigValidator.MaxReplicas)]
    public int MaxUnavailable { get; init; } = 1;
}
