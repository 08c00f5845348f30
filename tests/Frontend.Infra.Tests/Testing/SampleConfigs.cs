using Frontend.Infra.Configuration;

namespace Frontend.Infra.Tests.Testing;

/// <summary>Config records shaped like the committed stacks, for tests that change one thing.</summary>
internal static class SampleConfigs
{
    public static StackConfig TwoVersions(int v1Weight = 50, int v2Weight = 50) => new()
    {
        Cluster = new ClusterConfig { Context = "acme-dev" },
        Namespace = new NamespaceConfig { Name = "frontend-dev" },
        Versions =
        [
            new VersionConfig { Name = "v1", Image = "ghcr.io/acme/frontend:1.4.2", Replicas = 1, Weight = v1Weight },
            new VersionConfig { Name = "v2", Image = "ghcr.io/acme/frontend:1.5.0", Replicas = 2, Weight = v2Weight },
        ],
    };

    /// <summary>
    /// What production additionally requires: STRICT mTLS, a disruption budget, and at least 2 replicas
    /// for every version that receives traffic, so the budget can keep it up through a drain.
    /// </summary>
    public static StackConfig ProductionReady(this StackConfig config) => config with
    {
        Mtls = new MtlsConfig { Mode = "STRICT" },
        PodDisruptionBudget = new DisruptionBudgetConfig(),
        Versions = [.. config.Versions.Select(v => v.Weight > 0 ? v with { Replicas = Math.Max(2, v.Replicas) } : v)],
    };

    /// <summary>Every policy field the config offers, set to a valid value.</summary>
    public static TrafficPolicyConfig FullPolicy() => new()
    {
        LoadBalancer = new LoadBalancerConfig
        {
            Simple = "LEAST_REQUEST",
            Warmup = new WarmupConfig { Duration = "60s", MinimumPercent = 10 },
        },
        ConnectionPool = new ConnectionPoolConfig
        {
            Tcp = new TcpPoolConfig { MaxConnections = 100, ConnectTimeout = "3s" },
            Http = new HttpPoolConfig { Http1MaxPendingRequests = 50, Http2MaxRequests = 200, MaxRequestsPerConnection = 10, MaxRetries = 3, IdleTimeout = "60s" },
        },
        OutlierDetection = new OutlierDetectionConfig
        {
            Consecutive5xxErrors = 5,
            ConsecutiveGatewayErrors = 3,
            Interval = "10s",
            BaseEjectionTime = "30s",
            MaxEjectionPercent = 50,
            MinHealthPercent = 20,
        },
        Tls = new ClientTlsConfig { Mode = "ISTIO_MUTUAL" },
    };

    /// <summary>A stack that uses every feature at once: the schema tests validate what it emits.</summary>
    public static StackConfig KitchenSink() => TwoVersions(v1Weight: 80, v2Weight: 20).ProductionReady() with
    {
        Versions =
        [
            new VersionConfig { Name = "v1", Image = "ghcr.io/acme/frontend:1.4.2", Replicas = 3, Weight = 80, TrafficPolicy = FullPolicy() },
            new VersionConfig { Name = "v2", Image = "ghcr.io/acme/frontend:1.5.0", Replicas = 2, Weight = 20 },
            new VersionConfig
            {
                Name = "v3",
                Image = "ghcr.io/acme/frontend@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
                Replicas = 2,
                Weight = 0,
                TrafficPolicy = new TrafficPolicyConfig
                {
                    LoadBalancer = new LoadBalancerConfig { ConsistentHash = new ConsistentHashConfig { HttpCookie = new HttpCookieConfig { Name = "session", Path = "/", Ttl = "1h" } } },
                    Tls = new ClientTlsConfig { Mode = "SIMPLE", Sni = "frontend.internal", SubjectAltNames = ["frontend.internal"] },
                },
            },
        ],
        TrafficPolicy = FullPolicy(),
        Routing = new RoutingConfig
        {
            Matches =
            [
                new MatchRouteConfig { Name = "testers", Header = new HeaderMatchConfig { Name = "x-canary", Exact = "always" }, Version = "v2" },
                new MatchRouteConfig { Name = "beta", Cookie = new CookieMatchConfig { Name = "beta", Value = "on" }, Version = "v3" },
                new MatchRouteConfig { Name = "mobile", Header = new HeaderMatchConfig { Name = "user-agent", Regex = ".*Mobile.*" }, Version = "v2" },
                new MatchRouteConfig { Name = "internal", Header = new HeaderMatchConfig { Name = "x-team", Prefix = "web" }, Version = "v1" },
            ],
            Retries = new RetriesConfig { Attempts = 3, PerTryTimeout = "2s", RetryOn = "5xx,reset,connect-failure" },
            Timeout = "10s",
            Mirror = new MirrorConfig { Version = "v3", Percent = 12.5 },
        },
        Ingress = new IngressConfig
        {
            Hosts = ["www.example.com", "*.shop.example.com"],
            Gateways = ["istio-ingress/public-gateway"],
            Gateway = new GatewayConfig { CredentialName = "frontend-tls", Selector = new Dictionary<string, string> { ["istio"] = "ingress" } },
        },
        Stickiness = new StickinessConfig { MaxAge = 3600, SameSite = "Strict" },
    };
}
