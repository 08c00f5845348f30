using System.ComponentModel;
namespace Frontend.Infra.Configuration;

/// <summary>
/// How clients of the Service treat its pods: a DestinationRule traffic policy for the whole Service
/// (<c>frontend:trafficPolicy</c>) or for one version's subset (<c>versions[i].trafficPolicy</c>).
/// Every block is optional; an absent block is left out of the DestinationRule, never emitted empty.
/// </summary>
internal sealed record TrafficPolicyConfig
{
    [Description("How requests are spread over the pods: simple or consistent hash, never both.")]
    public LoadBalancerConfig? LoadBalancer { get; init; }

    [Description("Circuit-breaker limits, enforced by each client proxy on its own and per version (subset), never across the Service: size them for one proxy, such as a shared gateway pod that carries all external traffic. `analyze` flags a limit one proxy overflows below 1024 (FRT0002).")]
    public ConnectionPoolConfig? ConnectionPool { get; init; }

    [Description("Ejects pods that keep failing from the load-balancing pool for a while.")]
    public OutlierDetectionConfig? OutlierDetection { get; init; }

    [Description("Client TLS toward the app. Unset lets Istio's automatic mTLS decide.")]
    public ClientTlsConfig? Tls { get; init; }
}

/// <summary>Either <see cref="Simple"/> or <see cref="ConsistentHash"/>, never both.</summary>
internal sealed record LoadBalancerConfig
{
    [Description("ROUND_ROBIN, LEAST_REQUEST, RANDOM or PASSTHROUGH.")]
    public string? Simple { get; init; }

    [Description("Session affinity: exactly one key to hash on.")]
    public ConsistentHashConfig? ConsistentHash { get; init; }

    [Description("Ramps traffic to new pods up gradually instead of sending them a full share at once.")]
    public WarmupConfig? Warmup { get; init; }
}

/// <summary>Session affinity: exactly one key to hash on.</summary>
internal sealed record ConsistentHashConfig
{
    [Description("Hash on a cookie, which Envoy generates when the request lacks it and a ttl is set.")]
    public HttpCookieConfig? HttpCookie { get; init; }

    [Description("Hash on this request header.")]
    public string? HttpHeaderName { get; init; }

    [Description("Hash on the client's IP address.")]
    public bool? UseSourceIp { get; init; }

    [Description("Hash on this query parameter.")]
    public string? HttpQueryParameterName { get; init; }
}

internal sealed record HttpCookieConfig
{
    [Description("The cookie's name.")]
    public string? Name { get; init; }

    [Description("The cookie's path.")]
    public string? Path { get; init; }

    [Description("An Istio duration; Envoy generates the cookie when it is absent from the request.")]
    [IstioDurationFormat]
    public string? Ttl { get; init; }
}

internal sealed record WarmupConfig
{
    [Description("An Istio duration such as 60s.")]
    [IstioDurationFormat]
    public required string Duration { get; init; }

    [Description("Percentage of its full share a new pod starts with (0-100).")]
    public double? MinimumPercent { get; init; }
}

internal sealed record ConnectionPoolConfig
{
    [Description("TCP limits, for every protocol.")]
    public TcpPoolConfig? Tcp { get; init; }

    [Description("HTTP/1.1 and HTTP/2 limits.")]
    public HttpPoolConfig? Http { get; init; }
}

internal sealed record TcpPoolConfig
{
    [Description("Most connections to one version at once from EACH client proxy (every calling sidecar and every gateway pod counts on its own), per subset; not a limit for the Service. Unset: no limit.")]
    [ConfigRange(1, int.MaxValue)]
    public int? MaxConnections { get; init; }

    [Description("TCP connect timeout, an Istio duration such as 3s.")]
    [IstioDurationFormat]
    public string? ConnectTimeout { get; init; }
}

internal sealed record HttpPoolConfig
{
    [Description("Most requests each client proxy queues for one version while waiting for a connection, per proxy and per subset. Unset: no limit.")]
    [ConfigRange(1, int.MaxValue)]
    public int? Http1MaxPendingRequests { get; init; }

    [Description("Most requests in flight to one version from EACH client proxy, per subset; a gateway pod carrying all external traffic hits it first (503, flag UO). Unset: no limit.")]
    [ConfigRange(1, int.MaxValue)]
    public int? Http2MaxRequests { get; init; }

    [Description("Most requests per connection; 1 turns keep-alive off.")]
    [ConfigRange(0, int.MaxValue)]
    public int? MaxRequestsPerConnection { get; init; }

    [Description("Most retries in flight to one version from EACH client proxy, across all of that version's pods; a low cap (such as 3) turns a burst of failures into 503s. Unset: no limit.")]
    [ConfigRange(0, int.MaxValue)]
    public int? MaxRetries { get; init; }

    [Description("Closes a connection idle this long, an Istio duration.")]
    [IstioDurationFormat]
    public string? IdleTimeout { get; init; }
}

internal sealed record OutlierDetectionConfig
{
    [Description("5xx responses in a row that eject a pod.")]
    [ConfigRange(0, int.MaxValue)]
    public int? Consecutive5xxErrors { get; init; }

    [Description("502, 503 and 504 responses in a row that eject a pod.")]
    [ConfigRange(0, int.MaxValue)]
    public int? ConsecutiveGatewayErrors { get; init; }

    [Description("How often pods are checked, an Istio duration.")]
    [IstioDurationFormat]
    public string? Interval { get; init; }

    [Description("How long a first ejection lasts (it grows with each ejection), an Istio duration.")]
    [IstioDurationFormat]
    public string? BaseEjectionTime { get; init; }

    [Description("Most of the pods (percent) that may be ejected at once.")]
    [ConfigRange(0, 100)]
    public int? MaxEjectionPercent { get; init; }

    [Description("Outlier detection stops while fewer pods than this (percent) are healthy.")]
    [ConfigRange(0, 100)]
    public int? MinHealthPercent { get; init; }
}

/// <summary>
/// Client TLS toward the app. Leave it out to let Istio's automatic mTLS decide; <c>ISTIO_MUTUAL</c>
/// uses the mesh's certificates and takes no other field.
/// </summary>
internal sealed record ClientTlsConfig
{
    [Description("DISABLE, SIMPLE, MUTUAL or ISTIO_MUTUAL (which takes no other field).")]
    public required string Mode { get; init; }

    [Description("The SNI server name to present.")]
    public string? Sni { get; init; }

    [Description("Names the app's certificate must carry.")]
    public IReadOnlyList<string>? SubjectAltNames { get; init; }

    [Description("Path of the CA certificates that verify the app's certificate.")]
    public string? CaCertificates { get; init; }

    [Description("Path of the client certificate (MUTUAL).")]
    public string? ClientCertificate { get; init; }

    [Description("Path of the client certificate's private key (MUTUAL).")]
    public string? PrivateKey { get; init; }

    [Description("A Kubernetes secret holding the client certificate, key and CA certificates.")]
    public string? CredentialName { get; init; }
}
