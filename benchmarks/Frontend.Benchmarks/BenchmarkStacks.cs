using Frontend.Infra.Configuration;

namespace Frontend.Benchmarks;

/// <summary>
/// A production stack of any size that exercises every per-version feature, so that whatever grows with the
/// number of versions is measured: a subset policy, a match route and a disruption budget per version.
/// </summary>
internal static class BenchmarkStacks
{
    public static StackConfig WithVersions(int count) => new()
    {
        Production = true,
        Cluster = new ClusterConfig { Context = "acme-prod" },
        Namespace = new NamespaceConfig { Name = "frontend" },
        Versions = [.. Enumerable.Range(0, count).Select(i => new VersionConfig
        {
            Name = $"v{i}",
            Image = $"ghcr.io/acme/frontend:1.{i}.0",
            Replicas = 2,
            Weight = Weight(i, count),
            TrafficPolicy = new TrafficPolicyConfig
            {
                LoadBalancer = new LoadBalancerConfig { Simple = "LEAST_REQUEST" },
                OutlierDetection = new OutlierDetectionConfig { Consecutive5xxErrors = 5, Interval = "10s" },
            },
        })],
        TrafficPolicy = new TrafficPolicyConfig { Tls = new ClientTlsConfig { Mode = "ISTIO_MUTUAL" } },
        Routing = new RoutingConfig
        {
            Matches = [.. Enumerable.Range(0, count).Select(i => new MatchRouteConfig
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
