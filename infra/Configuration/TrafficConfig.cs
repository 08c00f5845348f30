namespace Frontend.Infra.Configuration;

/// <summary>
/// How clients of the Service treat its pods: a DestinationRule traffic policy for the whole Service
/// (<c>frontend:trafficPolicy</c>) or for one version's subset (<c>versions[i].trafficPolicy</c>).
/// Every block is optional; an absent block is left out of the DestinationRule, never emitted empty.
/// </summary>
internal sealed record TrafficPolicyConfig
{
    public LoadBalancerConfig? LoadBalancer { get; init; }

    public ConnectionPoolConfig? ConnectionPool { get; init; }

    public OutlierDetectionConfig? OutlierDetection { get; init; }

    public ClientTlsConfig? Tls { get; init; }
}

/// <summary>Either <see cref="Simple"/> or <see cref="ConsistentHash"/>, never both.</summary>
internal sealed record LoadBalancerConfig
{
    /// <summary>ROUND_ROBIN, LEAST_REQUEST, RANDOM or PASSTHROUGH.</summary>
    public string? Simple { get; init; }

    public ConsistentHashConfig? ConsistentHash { get; init; }

    /// <summary>Ramps traffic to new pods up gradually instead of sending them a full share at once.</summary>
    public WarmupConfig? Warmup { get; init; }
}

/// <summary>Session affinity: exactly one key to hash on.</summary>
internal sealed record ConsistentHashConfig
{
    public HttpCookieConfig? HttpCookie { get; init; }

    public string? HttpHeaderName { get; init; }

    public bool? UseSourceIp { get; init; }

    public string? HttpQueryParameterName { get; init; }
}

internal sealed record HttpCookieConfig
{
    public string? Name { get; init; }

    public string? Path { get; init; }

    /// <summary>An Istio duration; Envoy generates the cookie when it is absent from the request.</summary>
    [IstioDurationFormat]
    public string? Ttl { get; init; }
}

internal sealed record WarmupConfig
{
    /// <summary>An Istio duration such as <c>60s</c>.</summary>
    [IstioDurationFormat]
    public required string Duration { get; init; }

    /// <summary>Percentage of its full share a new pod starts with (0-100, fractions allowed: Istio's field is a double).</summary>
    public double? MinimumPercent { get; init; }
}

internal sealed record ConnectionPoolConfig
{
    public TcpPoolConfig? Tcp { get; init; }

    public HttpPoolConfig? Http { get; init; }
}

internal sealed record TcpPoolConfig
{
    [ConfigRange(1, int.MaxValue)]
    public int? MaxConnections { get; init; }

    [IstioDurationFormat]
    public string? ConnectTimeout { get; init; }
}

internal sealed record HttpPoolConfig
{
    [ConfigRange(1, int.MaxValue)]
    public int? Http1MaxPendingRequests { get; init; }

    [ConfigRange(1, int.MaxValue)]
    public int? Http2MaxRequests { get; init; }

    [ConfigRange(0, int.MaxValue)]
    public int? MaxRequestsPerConnection { get; init; }

    [ConfigRange(0, int.MaxValue)]
    public int? MaxRetries { get; init; }

    [IstioDurationFormat]
    public string? IdleTimeout { get; init; }
}

internal sealed record OutlierDetectionConfig
{
    [ConfigRange(0, int.MaxValue)]
    public int? Consecutive5xxErrors { get; init; }

    [ConfigRange(0, int.MaxValue)]
    public int? ConsecutiveGatewayErrors { get; init; }

    [IstioDurationFormat]
    public string? Interval { get; init; }

    [IstioDurationFormat]
    public string? BaseEjectionTime { get; init; }

    [ConfigRange(0, 100)]
    public int? MaxEjectionPercent { get; init; }

    [ConfigRange(0, 100)]
    public int? MinHealthPercent { get; init; }
}

/// <summary>
/// Client TLS toward the app. Leave it out to let Istio's automatic mTLS decide; <c>ISTIO_MUTUAL</c>
/// uses the mesh's certificates and takes no other field.
/// </summary>
internal sealed record ClientTlsConfig
{
    /// <summary>DISABLE, SIMPLE, MUTUAL or ISTIO_MUTUAL.</summary>
    public required string Mode { get; init; }

    public string? Sni { get; init; }

    public IReadOnlyList<string>? SubjectAltNames { get; init; }

    public string? CaCertificates { get; init; }

    public string? ClientCertificate { get; init; }

    public string? PrivateKey { get; init; }

    public string? CredentialName { get; init; }
}
