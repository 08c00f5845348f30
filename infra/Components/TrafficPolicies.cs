using Frontend.Infra.Configuration;
using Pulumi;
using Pulumi.Kubernetes.Types.Inputs.Networking.V1;

namespace Frontend.Infra.Components;

/// <summary>
/// Turns a validated <see cref="TrafficPolicyConfig"/> into DestinationRule traffic policy args.
/// crd2pulumi names a class after its schema path, so the Service-wide policy and a subset's policy are
/// separate class trees with the same shape: the two mappings below must stay field-for-field alike
/// (the tests compare both trees' wire output). Absent blocks stay absent; nothing is emitted empty.
/// </summary>
internal static class TrafficPolicies
{
    /// <summary>
    /// A version's effective policy where it has a DestinationRule of its own (the Gateway API's version Services): each
    /// top-level block the version sets replaces the Service-wide one, as Istio merges a subset's policy over its rule's
    /// (MergeTrafficPolicy), so a version gets the same policy with either API. Null when neither sets any.
    /// </summary>
    public static TrafficPolicyConfig? ForVersion(TrafficPolicyConfig? service, TrafficPolicyConfig? version) => (service, version) switch
    {
        (null, _) => version,
        (_, null) => service,
        _ => new TrafficPolicyConfig
        {
            LoadBalancer = version.LoadBalancer ?? service.LoadBalancer,
            ConnectionPool = version.ConnectionPool ?? service.ConnectionPool,
            OutlierDetection = version.OutlierDetection ?? service.OutlierDetection,
            Tls = version.Tls ?? service.Tls,
        },
    };

    public static Input<DestinationRuleSpecTrafficPolicyArgs>? ForService(TrafficPolicyConfig? config) => Optional.Block(config, policy => new DestinationRuleSpecTrafficPolicyArgs
    {
        LoadBalancer = Optional.Block(policy.LoadBalancer, lb => new DestinationRuleSpecTrafficPolicyLoadBalancerArgs
        {
            Simple = Optional.Of(lb.Simple),
            ConsistentHash = Optional.Block(lb.ConsistentHash, hash => new DestinationRuleSpecTrafficPolicyLoadBalancerConsistentHashArgs
            {
                HttpCookie = Optional.Block(hash.HttpCookie, cookie => new DestinationRuleSpecTrafficPolicyLoadBalancerConsistentHashHttpCookieArgs
                {
                    Name = cookie.Name!,
                    Path = Optional.Of(cookie.Path),
                    Ttl = Optional.Of(cookie.Ttl),
                }),
                HttpHeaderName = Optional.Of(hash.HttpHeaderName),
                UseSourceIp = Optional.Of(hash.UseSourceIp),
                HttpQueryParameterName = Optional.Of(hash.HttpQueryParameterName),
            }),
            Warmup = Optional.Block(lb.Warmup, warmup => new DestinationRuleSpecTrafficPolicyLoadBalancerWarmupArgs
            {
                Duration = warmup.Duration,
                MinimumPercent = Optional.Of(warmup.MinimumPercent),
            }),
        }),
        ConnectionPool = Optional.Block(policy.ConnectionPool, pool => new DestinationRuleSpecTrafficPolicyConnectionPoolArgs
        {
            Tcp = Optional.Block(pool.Tcp, tcp => new DestinationRuleSpecTrafficPolicyConnectionPoolTcpArgs
            {
                MaxConnections = Optional.Of(tcp.MaxConnections),
                ConnectTimeout = Optional.Of(tcp.ConnectTimeout),
            }),
            Http = Optional.Block(pool.Http, http => new DestinationRuleSpecTrafficPolicyConnectionPoolHttpArgs
            {
                Http1MaxPendingRequests = Optional.Of(http.Http1MaxPendingRequests),
                Http2MaxRequests = Optional.Of(http.Http2MaxRequests),
                MaxRequestsPerConnection = Optional.Of(http.MaxRequestsPerConnection),
                MaxRetries = Optional.Of(http.MaxRetries),
                IdleTimeout = Optional.Of(http.IdleTimeout),
            }),
        }),
        OutlierDetection = Optional.Block(policy.OutlierDetection, outliers => new DestinationRuleSpecTrafficPolicyOutlierDetectionArgs
        {
            Consecutive5xxErrors = Optional.Of(outliers.Consecutive5xxErrors),
            ConsecutiveGatewayErrors = Optional.Of(outliers.ConsecutiveGatewayErrors),
            Interval = Optional.Of(outliers.Interval),
            BaseEjectionTime = Optional.Of(outliers.BaseEjectionTime),
            MaxEjectionPercent = Optional.Of(outliers.MaxEjectionPercent),
            MinHealthPercent = Optional.Of(outliers.MinHealthPercent),
        }),
        Tls = Optional.Block(policy.Tls, tls => new DestinationRuleSpecTrafficPolicyTlsArgs
        {
            Mode = tls.Mode,
            Sni = Optional.Of(tls.Sni),
            SubjectAltNames = Optional.List(tls.SubjectAltNames),
            CaCertificates = Optional.Of(tls.CaCertificates),
            ClientCertificate = Optional.Of(tls.ClientCertificate),
            PrivateKey = Optional.Of(tls.PrivateKey),
            CredentialName = Optional.Of(tls.CredentialName),
        }),
    });

    public static Input<DestinationRuleSpecSubsetsTrafficPolicyArgs>? ForSubset(TrafficPolicyConfig? config) => Optional.Block(config, policy => new DestinationRuleSpecSubsetsTrafficPolicyArgs
    {
        LoadBalancer = Optional.Block(policy.LoadBalancer, lb => new DestinationRuleSpecSubsetsTrafficPolicyLoadBalancerArgs
        {
            Simple = Optional.Of(lb.Simple),
            ConsistentHash = Optional.Block(lb.ConsistentHash, hash => new DestinationRuleSpecSubsetsTrafficPolicyLoadBalancerConsistentHashArgs
            {
                HttpCookie = Optional.Block(hash.HttpCookie, cookie => new DestinationRuleSpecSubsetsTrafficPolicyLoadBalancerConsistentHashHttpCookieArgs
                {
                    Name = cookie.Name!,
                    Path = Optional.Of(cookie.Path),
                    Ttl = Optional.Of(cookie.Ttl),
                }),
                HttpHeaderName = Optional.Of(hash.HttpHeaderName),
                UseSourceIp = Optional.Of(hash.UseSourceIp),
                HttpQueryParameterName = Optional.Of(hash.HttpQueryParameterName),
            }),
            Warmup = Optional.Block(lb.Warmup, warmup => new DestinationRuleSpecSubsetsTrafficPolicyLoadBalancerWarmupArgs
            {
                Duration = warmup.Duration,
                MinimumPercent = Optional.Of(warmup.MinimumPercent),
            }),
        }),
        ConnectionPool = Optional.Block(policy.ConnectionPool, pool => new DestinationRuleSpecSubsetsTrafficPolicyConnectionPoolArgs
        {
            Tcp = Optional.Block(pool.Tcp, tcp => new DestinationRuleSpecSubsetsTrafficPolicyConnectionPoolTcpArgs
            {
                MaxConnections = Optional.Of(tcp.MaxConnections),
                ConnectTimeout = Optional.Of(tcp.ConnectTimeout),
            }),
            Http = Optional.Block(pool.Http, http => new DestinationRuleSpecSubsetsTrafficPolicyConnectionPoolHttpArgs
            {
                Http1MaxPendingRequests = Optional.Of(http.Http1MaxPendingRequests),
                Http2MaxRequests = Optional.Of(http.Http2MaxRequests),
                MaxRequestsPerConnection = Optional.Of(http.MaxRequestsPerConnection),
                MaxRetries = Optional.Of(http.MaxRetries),
                IdleTimeout = Optional.Of(http.IdleTimeout),
            }),
        }),
        OutlierDetection = Optional.Block(policy.OutlierDetection, outliers => new DestinationRuleSpecSubsetsTrafficPolicyOutlierDetectionArgs
        {
            Consecutive5xxErrors = Optional.Of(outliers.Consecutive5xxErrors),
            ConsecutiveGatewayErrors = Optional.Of(outliers.ConsecutiveGatewayErrors),
            Interval = Optional.Of(outliers.Interval),
            BaseEjectionTime = Optional.Of(outliers.BaseEjectionTime),
            MaxEjectionPercent = Optional.Of(outliers.MaxEjectionPercent),
            MinHealthPercent = Optional.Of(outliers.MinHealthPercent),
        }),
        Tls = Optional.Block(policy.Tls, tls => new DestinationRuleSpecSubsetsTrafficPolicyTlsArgs
        {
            Mode = tls.Mode,
            Sni = Optional.Of(tls.Sni),
            SubjectAltNames = Optional.List(tls.SubjectAltNames),
            CaCertificates = Optional.Of(tls.CaCertificates),
            ClientCertificate = Optional.Of(tls.ClientCertificate),
            PrivateKey = Optional.Of(tls.PrivateKey),
            CredentialName = Optional.Of(tls.CredentialName),
        }),
    });
}
