using CsCheck;
using Frontend.Infra.Configuration;

namespace Frontend.Infra.Tests.Properties;

/// <summary>
/// Random stack configs. Valid ones are built only from valid choices (1-8 versions whose weights add up to 100,
/// optional policies and match routes to versions that have pods); invalid ones are a valid one with exactly one
/// field turned into a value a rule refuses.
/// </summary>
internal static class ConfigGenerators
{
    private static readonly string[] PinnedImages =
    [
        "ghcr.io/acme/frontend:1.4.2",
        "registry.example.com:5000/team/frontend:2.0.0-rc.1",
        "frontend@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
    ];

    private static readonly Gen<string> Label = Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789"].Array[1, 12].Select(chars => new string(chars));

    private static readonly Gen<string> Duration = Gen.Select(Gen.Int[1, 600], Gen.OneOfConst("ms", "s", "m"), (n, unit) => $"{n}{unit}");

    /// <summary>Weights as the gaps between sorted cut points in 0-100, so they always add up to exactly 100.</summary>
    private static Gen<int[]> Weights(int count) => Gen.Int[0, 100].Array[count - 1].Select(cuts =>
    {
        var points = cuts.Order().Prepend(0).Append(100).ToArray();
        return Enumerable.Range(0, count).Select(i => points[i + 1] - points[i]).ToArray();
    });

    public static Gen<StackConfig> Valid =>
        from count in Gen.Int[1, 8]
        from prefix in Label
        from weights in Weights(count)
        from replicas in Gen.Int[0, 5].Array[count]
        from images in Gen.OneOfConst(PinnedImages).Array[count]
        from subsetPolicies in SubsetPolicy.Array[count]
        from production in Gen.Bool
        from servicePolicy in Policy.Null(0.3)
        from app in App
        from budget in Gen.Int[1, 3].Select(max => new DisruptionBudgetConfig { MaxUnavailable = max }).Null(0.5)
        from mtls in Gen.OneOfConst("STRICT", "PERMISSIVE").Select(mode => new MtlsConfig { Mode = mode }).Null(0.3)
        from autoscaling in Autoscaling.Null(0.6)
        let versions = Enumerable.Range(0, count).Select(i => new VersionConfig
        {
            Name = $"{prefix}-{i}",
            Image = images[i],
            Weight = weights[i],
            Replicas = RoutableReplicas(weights[i] > 0 ? Math.Max(1, replicas[i]) : replicas[i], production ? budget ?? new DisruptionBudgetConfig() : null),
            TrafficPolicy = subsetPolicies[i],
        }).ToList()
        from routing in Routing(versions)
        select new StackConfig
        {
            Cluster = new ClusterConfig { Context = $"ctx-{prefix}" },
            Namespace = new NamespaceConfig { Name = $"ns-{prefix}" },
            App = app,
            Versions = versions,
            TrafficPolicy = servicePolicy,
            Routing = routing,
            Production = production,
            Autoscaling = autoscaling is null || !production ? autoscaling : RoutableAutoscaling(autoscaling, budget ?? new DisruptionBudgetConfig()),
            Mtls = production ? new MtlsConfig { Mode = "STRICT" } : mtls,
            PodDisruptionBudget = production ? budget ?? new DisruptionBudgetConfig() : budget,
        };

    /// <summary>
    /// Under a production budget, a version that may receive traffic keeps more pods than a drain may
    /// take; a version with no pods stays unroutable.
    /// </summary>
    private static int RoutableReplicas(int replicas, DisruptionBudgetConfig? productionBudget) =>
        replicas > 0 && productionBudget is { } budget ? Math.Max(replicas, budget.MaxUnavailable + 1) : replicas;

    private static readonly Gen<AutoscalingConfig> Autoscaling =
        from min in Gen.Int[1, 3]
        from span in Gen.Int[0, 5]
        from cpu in Gen.Int[1, 100]
        from memory in Gen.Int[1, 100].Nullable(0.5)
        select new AutoscalingConfig { MinReplicas = min, MaxReplicas = min + span, TargetCpuUtilization = cpu, TargetMemoryUtilization = memory };

    /// <summary>Under a production budget an autoscaler's floor, too, must stay above what a drain may take.</summary>
    private static AutoscalingConfig RoutableAutoscaling(AutoscalingConfig autoscaling, DisruptionBudgetConfig budget)
    {
        var min = Math.Max(autoscaling.MinReplicas ?? AutoscalingConfig.DefaultMinReplicas, budget.MaxUnavailable + 1);
        return autoscaling with { MinReplicas = min, MaxReplicas = Math.Max(min, autoscaling.MaxReplicas ?? AutoscalingConfig.DefaultMaxReplicas) };
    }

    /// <summary>A valid config with one field broken, and the key that must appear in the messages.</summary>
    public static Gen<(StackConfig Config, string BrokenKey)> Invalid =>
        from config in Valid
        from mutation in Gen.Int[0, Mutations.Length - 1]
        from index in Gen.Int[0, 7]
        select Mutations[mutation](config, index % config.Versions.Count);

    private static readonly Func<StackConfig, int, (StackConfig, string)>[] Mutations =
    [
        (c, i) => (WithVersion(c, i, v => v with { Weight = 101 }), $"versions[{i}].weight"),
        (c, i) => (WithVersion(c, i, v => v with { Weight = -1 }), $"versions[{i}].weight"),
        (c, i) => (WithVersion(c, i, v => v with { Weight = v.Weight == 100 ? 99 : v.Weight + 1 }), "versions"),
        (c, i) => (WithVersion(c, i, v => v with { Name = v.Name.ToUpperInvariant() + "_X" }), $"versions[{i}].name"),
        (c, i) => (WithVersion(c, i, v => v with { Image = "Not An Image" }), $"versions[{i}].image"),
        (c, i) => (WithVersion(c, i, v => v with { Replicas = -1 }), $"versions[{i}].replicas"),
        (c, i) => (c with { Versions = [.. c.Versions, c.Versions[i] with { Weight = 0 }] }, $"versions[{c.Versions.Count}].name"),
        (c, _) => (c with { Routing = c.Routing with { Matches = [.. c.Routing.Matches, new MatchRouteConfig { Name = "lost", Header = new HeaderMatchConfig { Name = "x-lost", Exact = "1" }, Version = "missing" }] } }, $"routing.matches[{c.Routing.Matches.Count}].version"),
        (c, _) => (c with { Routing = c.Routing with { Timeout = "10 seconds" } }, "routing.timeout"),
        (c, _) => (c with { Mtls = new MtlsConfig { Mode = "strict" } }, "mtls.mode"),
        (c, _) => (c with { TrafficPolicy = new TrafficPolicyConfig() }, "trafficPolicy"),
        (c, _) => (c with { TrafficPolicy = new TrafficPolicyConfig { LoadBalancer = new LoadBalancerConfig { Simple = "RANDOM", ConsistentHash = new ConsistentHashConfig { UseSourceIp = true } } } }, "trafficPolicy.loadBalancer"),
        (c, _) => (c with { Mtls = new MtlsConfig { Mode = "STRICT" }, TrafficPolicy = new TrafficPolicyConfig { Tls = new ClientTlsConfig { Mode = "DISABLE" } } }, "trafficPolicy.tls.mode"),
        (c, _) => (c with { App = c.App with { ContainerPort = 15006 } }, "app.containerPort"),
        (c, _) => (c with { App = c.App with { Security = c.App.Security with { RunAsUser = 1337 } } }, "app.security.runAsUser"),
        (c, _) => (c with { App = c.App with { PortName = "web" } }, "app.portName"),
        (c, _) => (c with { Namespace = c.Namespace with { Name = "Bad_Namespace" } }, "namespace.name"),
        (c, _) => (c with { PodDisruptionBudget = new DisruptionBudgetConfig { MaxUnavailable = 0 } }, "podDisruptionBudget.maxUnavailable"),
        (c, i) => (WithVersion(c, i, v => v with { TrafficPolicy = new TrafficPolicyConfig { OutlierDetection = new OutlierDetectionConfig { MaxEjectionPercent = 150 } } }), $"versions[{i}].trafficPolicy.outlierDetection.maxEjectionPercent"),
        (c, _) => (c with { Production = true, Versions = [.. c.Versions.Select(v => v with { Image = "ghcr.io/acme/frontend:latest" })], Mtls = new MtlsConfig { Mode = "STRICT" }, PodDisruptionBudget = new DisruptionBudgetConfig() }, "versions[0].image"),
    ];

    private static readonly Gen<AppConfig> App =
        from port in Gen.OneOfConst(8080, 3000, 9000, 80)
        from portName in Gen.OneOfConst("http", "http-web", "grpc", "http2")
        from user in Gen.Int[1000, 65000].Where(uid => uid != StackConfigValidator.IstioProxyUid)
        from readOnly in Gen.Bool
        select new AppConfig
        {
            ContainerPort = port,
            PortName = portName,
            Security = new PodSecurityConfig { RunAsUser = user, ReadOnlyRootFilesystem = readOnly },
        };

    private static readonly Gen<LoadBalancerConfig> LoadBalancer = Gen.OneOf(
        Gen.Select(Gen.OneOfConst("ROUND_ROBIN", "LEAST_REQUEST"), Duration.Null(0.5), (simple, warmup) => new LoadBalancerConfig { Simple = simple, Warmup = warmup is null ? null : new WarmupConfig { Duration = warmup, MinimumPercent = 12.5 } }),
        Gen.OneOfConst("RANDOM", "PASSTHROUGH").Select(simple => new LoadBalancerConfig { Simple = simple }),
        Gen.OneOf(
            Label.Select(name => new ConsistentHashConfig { HttpCookie = new HttpCookieConfig { Name = name, Path = "/", Ttl = "1h" } }),
            Label.Select(header => new ConsistentHashConfig { HttpHeaderName = $"x-{header}" }),
            Gen.Const(new ConsistentHashConfig { UseSourceIp = true }),
            Label.Select(parameter => new ConsistentHashConfig { HttpQueryParameterName = parameter })).Select(hash => new LoadBalancerConfig { ConsistentHash = hash }));

    private static readonly Gen<ConnectionPoolConfig> ConnectionPool =
        from connections in Gen.Int[1, 1000]
        from timeout in Duration
        from pending in Gen.Int[1, 500].Nullable()
        from retries in Gen.Int[0, 10].Nullable()
        select new ConnectionPoolConfig
        {
            Tcp = new TcpPoolConfig { MaxConnections = connections, ConnectTimeout = timeout },
            Http = pending is null && retries is null ? null : new HttpPoolConfig { Http1MaxPendingRequests = pending, MaxRetries = retries },
        };

    private static readonly Gen<OutlierDetectionConfig> OutlierDetection =
        from errors in Gen.Int[1, 20]
        from interval in Duration
        from ejection in Gen.Int[0, 100]
        select new OutlierDetectionConfig { Consecutive5xxErrors = errors, Interval = interval, BaseEjectionTime = "30s", MaxEjectionPercent = ejection };

    private static readonly Gen<ClientTlsConfig> Tls = Gen.OneOf(
        Gen.Const(new ClientTlsConfig { Mode = "ISTIO_MUTUAL" }),
        Label.Select(host => new ClientTlsConfig { Mode = "SIMPLE", Sni = $"{host}.internal", SubjectAltNames = [$"{host}.internal"] }));

    /// <summary>At least one block, so the policy is never the empty one the rules refuse.</summary>
    private static readonly Gen<TrafficPolicyConfig> Policy =
        from loadBalancer in LoadBalancer.Null(0.3)
        from pool in ConnectionPool.Null(0.5)
        from outliers in OutlierDetection.Null(0.5)
        from tls in Tls.Null(0.5)
        select loadBalancer is null && pool is null && outliers is null && tls is null
            ? new TrafficPolicyConfig { Tls = new ClientTlsConfig { Mode = "ISTIO_MUTUAL" } }
            : new TrafficPolicyConfig { LoadBalancer = loadBalancer, ConnectionPool = pool, OutlierDetection = outliers, Tls = tls };

    private static readonly Gen<TrafficPolicyConfig?> SubsetPolicy = Policy.Null(0.7);

    private static Gen<RoutingConfig> Routing(IReadOnlyList<VersionConfig> versions)
    {
        var routable = versions.Where(v => v.Replicas > 0).Select(v => v.Name).ToArray();
        var match = Gen.Select(Gen.OneOfConst(routable), Label, Gen.Int[0, 3], (version, value, kind) => (Version: version, Value: value, Kind: kind));
        return
            from matches in routable.Length == 0 ? Gen.Const(Array.Empty<(string Version, string Value, int Kind)>()) : match.Array[0, 3]
            from timeout in Duration.Null(0.5)
            from attempts in Gen.Int[0, 10].Nullable(0.5)
            select new RoutingConfig
            {
                Matches = [.. matches.Select((m, i) => new MatchRouteConfig
                {
                    Name = $"route-{i}",
                    Version = m.Version,
                    Header = m.Kind switch
                    {
                        0 => new HeaderMatchConfig { Name = "x-canary", Exact = m.Value },
                        1 => new HeaderMatchConfig { Name = "x-team", Prefix = m.Value },
                        2 => new HeaderMatchConfig { Name = "user-agent", Regex = $".*{m.Value}.*" },
                        _ => null,
                    },
                    Cookie = m.Kind == 3 ? new CookieMatchConfig { Name = "canary", Value = m.Value } : null,
                })],
                Timeout = timeout,
                // Istio refuses perTryTimeout or retryOn beside attempts 0 (retries off).
                Retries = attempts is { } n ? (n == 0 ? new RetriesConfig { Attempts = 0 } : new RetriesConfig { Attempts = n, PerTryTimeout = "2s", RetryOn = "5xx,reset" }) : null,
            };
    }

    private static StackConfig WithVersion(StackConfig config, int index, Func<VersionConfig, VersionConfig> change) =>
        config with { Versions = [.. config.Versions.Select((v, i) => i == index ? change(v) : v)] };
}
