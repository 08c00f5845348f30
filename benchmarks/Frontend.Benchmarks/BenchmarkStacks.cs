using Frontend.Infra.Configuration;

namespace Frontend.Benchmarks;

/// <summary>
/// A production stack of any size that exercises every per-version feature, so that whatever grows with the
/// number of versions is measured: a subset policy, a match route and a disruption budget per version. With the
/// Gateway API, whose HTTPRoute holds at most 16 rules and 16 backends a rule, only the first 15 versions get a match
/// route and the first 16 a weight; every version still has its Deployment, Service and DestinationRule.
/// </summary>
internal static class BenchmarkStacks
{
    private const int GatewayApiRoutedVersions = 16;

    public static StackConfig WithVersions(int count, string api = MeshApis.Istio)
    {
        if (api == MeshApis.Istio)
        {
            return WithVersions(count, routed: count, pinned: count);
        }

        return WithVersions(count, routed: Math.Min(count, GatewayApiRoutedVersions), pinned: Math.Min(count, GatewayApiRoutedVersions - 1)) with
        {
            Mesh = new MeshConfig { Api = MeshApis.GatewayApi, GatewayApiChannel = GatewayApiChannels.Experimental },
        };
    }

    /// <param name="routed">How many versions share the weight.</param>
    /// <param name="pinned">How many versions get a match route.</param>
    private static StackConfig WithVersions(int count, int routed, int pinned) => new()
    {
        Production = true,
        Cluster = new ClusterConfig { Context = "acme-prod" },
        Namespace = new NamespaceConfig { Name = "frontend" },
        Versions = [.. Enumerable.Range(0, count).Select(i => new VersionConfig
        {
            Name = $"v{i}",
            Image = $"ghcr.io/acme/frontend:1.{i}.0",
            Replicas = 2,
            Weight = Weight(i, routed),
            TrafficPolicy = new TrafficPolicyConfig
            {
                LoadBalancer = new LoadBalancerConfig { Simple = "LEAST_REQUEST" },
                OutlierDetection = new OutlierDetectionConfig { Consecutive5xxErrors = 5, Interval = "10s" },
            },
        })],
        TrafficPolicy = new TrafficPolicyConfig { Tls = new ClientTlsConfig { Mode = "ISTIO_MUTUAL" } },
        Routing = new RoutingConfig
        {
            Matches = [.. Enumerable.Range(0, pinned).Select(i => new MatchRouteConfig
            {
                Name = $"pin-v{i}",
                Header = new HeaderMatchConfig { Name = "x-version", Exact = $"v{i}" },
                Version = $"v{i}",
            })],
            Retries = new RetriesConfig { Attempts = 2, PerTryTimeout = "2s", RetryOn = "connect-failure,refused-stream,503" },
            Timeout = "10s",
        },
        Mtls = new MtlsConfig { Mode = "STRICT" },
        PodDisruptionBudget = new DisruptionBudgetConfig { MaxUnavailable = 1 },
    };

    /// <summary>100 split as evenly as whole numbers allow; past 100 versions the rest wait at weight 0.</summary>
    private static int Weight(int index, int count)
    {
        var weighted = Math.Min(count, 100);
        return index >= weighted ? 0 : (100 / weighted) + (index < 100 % weighted ? 1 : 0);
    }
}
