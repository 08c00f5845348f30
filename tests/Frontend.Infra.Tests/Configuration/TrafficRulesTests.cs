using Frontend.Infra.Configuration;
using Frontend.Infra.Tests.Testing;

namespace Frontend.Infra.Tests.Configuration;

/// <summary>One test per traffic rule, each asserting the message a person would read.</summary>
public sealed class TrafficRulesTests
{
    private static StackConfig WithPolicy(TrafficPolicyConfig policy) => SampleConfigs.TwoVersions() with { TrafficPolicy = policy };

    private static StackConfig WithRoutes(params MatchRouteConfig[] matches) => SampleConfigs.TwoVersions() with { Routing = new RoutingConfig { Matches = matches } };

    private static string Only(StackConfig config, string stack = "dev") =>
        Assert.Single(StackConfigValidator.Validate(config, stack)).ToString();

    private static MatchRouteConfig HeaderRoute(string version = "v2", string name = "testers") =>
        new() { Name = name, Header = new HeaderMatchConfig { Name = "x-canary", Exact = "always" }, Version = version };

    [Fact]
    public void Validate_FullPolicyAndRoutes_HaveNoErrors()
    {
        Assert.DoesNotContain(StackConfigValidator.Validate(SampleConfigs.KitchenSink(), "prod"), p => p.IsError);
    }

    [Fact]
    public void Validate_SimpleAndConsistentHashTogether_Refused()
    {
        var policy = new TrafficPolicyConfig
        {
            LoadBalancer = new LoadBalancerConfig { Simple = "ROUND_ROBIN", ConsistentHash = new ConsistentHashConfig { UseSourceIp = true } },
        };

        Assert.StartsWith(
            "frontend:trafficPolicy.loadBalancer = simple \"ROUND_ROBIN\" and consistentHash: is either 'simple' or 'consistentHash', never both.",
            Assert.Single(StackConfigValidator.Validate(WithPolicy(policy), "dev"), p => p.IsError).ToString(),
            StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UnknownSimpleLoadBalancer_SuggestsTheClosest()
    {
        var policy = new TrafficPolicyConfig { LoadBalancer = new LoadBalancerConfig { Simple = "LEAST_REQUESTS" } };

        Assert.Equal(
            "frontend:trafficPolicy.loadBalancer.simple = \"LEAST_REQUESTS\": must be one of ROUND_ROBIN, LEAST_REQUEST, RANDOM, PASSTHROUGH. Fix: pulumi config set --path 'trafficPolicy.loadBalancer.simple' LEAST_REQUEST",
            Only(WithPolicy(policy)));
    }

    [Fact]
    public void Validate_ConsistentHashWithTwoKeys_Refused()
    {
        var policy = new TrafficPolicyConfig
        {
            LoadBalancer = new LoadBalancerConfig { ConsistentHash = new ConsistentHashConfig { HttpHeaderName = "x-user", UseSourceIp = true } },
        };

        Assert.Contains(
            "frontend:trafficPolicy.loadBalancer.consistentHash = httpHeaderName and useSourceIp: must hash on exactly one key",
            StackConfigValidator.Validate(SampleConfigs.TwoVersions(v1Weight: 100, v2Weight: 0) with { TrafficPolicy = policy }, "dev").Select(p => p.ToString()).Single(),
            StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_CookieWithoutName_Refused()
    {
        var policy = new TrafficPolicyConfig
        {
            LoadBalancer = new LoadBalancerConfig { ConsistentHash = new ConsistentHashConfig { HttpCookie = new HttpCookieConfig { Ttl = "1h" } } },
        };

        Assert.Equal(
            "frontend:trafficPolicy.loadBalancer.consistentHash.httpCookie.name = (not set): is required: Envoy hashes on the cookie with this name. Fix: pulumi config set --path 'trafficPolicy.loadBalancer.consistentHash.httpCookie.name' session",
            Only(SampleConfigs.TwoVersions(v1Weight: 100, v2Weight: 0) with { TrafficPolicy = policy }));
    }

    [Theory]
    [InlineData("10 seconds", "must be an Istio duration: a number and a unit (h, m, s, ms), such as 10s, 1m30s or 500ms")]
    [InlineData("500us", "must be at least 1ms (Istio rejects shorter durations)")]
    [InlineData("0s", "must be at least 1ms (Istio rejects shorter durations)")]
    public void Validate_BadDuration_Refused(string duration, string rule)
    {
        var policy = new TrafficPolicyConfig { OutlierDetection = new OutlierDetectionConfig { Interval = duration } };

        Assert.StartsWith($"frontend:trafficPolicy.outlierDetection.interval = \"{duration}\": {rule}.", Only(WithPolicy(policy)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1ms")]
    [InlineData("1m30s")]
    [InlineData("0.5s")]
    [InlineData("2h")]
    public void Validate_GoodDuration_Accepted(string duration)
    {
        var policy = new TrafficPolicyConfig { OutlierDetection = new OutlierDetectionConfig { Interval = duration } };

        Assert.Empty(StackConfigValidator.Validate(WithPolicy(policy), "dev"));
    }

    [Fact]
    public void Validate_PercentageAbove100_Refused()
    {
        var policy = new TrafficPolicyConfig { OutlierDetection = new OutlierDetectionConfig { MaxEjectionPercent = 150 } };

        Assert.Equal(
            "frontend:trafficPolicy.outlierDetection.maxEjectionPercent = 150: must be between 0 and 100 (a percentage). Fix: pulumi config set --path 'trafficPolicy.outlierDetection.maxEjectionPercent' 100",
            Only(WithPolicy(policy)));
    }

    [Fact]
    public void Validate_EmptyPolicyBlock_Refused()
    {
        Assert.Equal(
            "frontend:trafficPolicy = {}: must not be empty: set at least one of its keys, or remove it. Fix: pulumi config rm frontend:trafficPolicy",
            Only(WithPolicy(new TrafficPolicyConfig())));
    }

    [Fact]
    public void Validate_EmptyNestedBlock_Refused()
    {
        var policy = new TrafficPolicyConfig { ConnectionPool = new ConnectionPoolConfig { Http = new HttpPoolConfig() } };

        Assert.Equal(
            // http is the pool's only key and the pool the policy's: removing just http would leave empty blocks behind.
            "frontend:trafficPolicy.connectionPool.http = {}: must not be empty: set at least one of its keys, or remove it. Fix: pulumi config rm frontend:trafficPolicy",
            Only(WithPolicy(policy)));
    }

    [Fact]
    public void Validate_ZeroMaxConnections_Refused()
    {
        var policy = new TrafficPolicyConfig { ConnectionPool = new ConnectionPoolConfig { Tcp = new TcpPoolConfig { MaxConnections = 0 } } };

        Assert.StartsWith("frontend:trafficPolicy.connectionPool.tcp.maxConnections = 0: must be between 1 and 2147483647.", Only(WithPolicy(policy)), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_IstioMutualWithAnotherTlsField_Refused()
    {
        var policy = new TrafficPolicyConfig { Tls = new ClientTlsConfig { Mode = "ISTIO_MUTUAL", Sni = "frontend.internal" } };

        Assert.Equal(
            "frontend:trafficPolicy.tls.sni = \"frontend.internal\": must not be set with mode ISTIO_MUTUAL, which uses the mesh's own certificates. Fix: pulumi config rm --path 'trafficPolicy.tls.sni'",
            Only(WithPolicy(policy)));
    }

    [Fact]
    public void Validate_TlsDisableWithStrictMtls_Refused()
    {
        var config = WithPolicy(new TrafficPolicyConfig { Tls = new ClientTlsConfig { Mode = "DISABLE" } }) with { Mtls = new MtlsConfig { Mode = "STRICT" } };

        Assert.StartsWith(
            "frontend:trafficPolicy.tls.mode = \"DISABLE\": cannot be DISABLE while mtls.mode is STRICT",
            Only(config),
            StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TlsDisableOnASubsetWithStrictMtls_Refused()
    {
        var config = SampleConfigs.TwoVersions() with
        {
            Mtls = new MtlsConfig { Mode = "STRICT" },
            Versions =
            [
                new VersionConfig { Name = "v1", Image = "ghcr.io/acme/frontend:1.4.2", Weight = 100, TrafficPolicy = new TrafficPolicyConfig { Tls = new ClientTlsConfig { Mode = "DISABLE" } } },
            ],
        };

        Assert.StartsWith("frontend:versions[0].trafficPolicy.tls.mode = \"DISABLE\": cannot be DISABLE", Only(config), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UnknownTlsMode_Refused()
    {
        Assert.StartsWith(
            "frontend:trafficPolicy.tls.mode = \"istio_mutual\": must be one of DISABLE, SIMPLE, MUTUAL, ISTIO_MUTUAL. Fix: pulumi config set --path 'trafficPolicy.tls.mode' ISTIO_MUTUAL",
            Only(WithPolicy(new TrafficPolicyConfig { Tls = new ClientTlsConfig { Mode = "istio_mutual" } })),
            StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_WarmupWithConsistentHash_Refused()
    {
        var policy = new TrafficPolicyConfig
        {
            LoadBalancer = new LoadBalancerConfig { ConsistentHash = new ConsistentHashConfig { UseSourceIp = true }, Warmup = new WarmupConfig { Duration = "30s" } },
        };

        Assert.StartsWith(
            "frontend:trafficPolicy.loadBalancer.warmup = \"consistentHash\": works only with the ROUND_ROBIN or LEAST_REQUEST load balancer",
            Assert.Single(StackConfigValidator.Validate(WithPolicy(policy), "dev"), p => p.IsError).ToString(),
            StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ConsistentHashAcrossWeightedVersions_WarnsPointingToStickiness()
    {
        var policy = new TrafficPolicyConfig { LoadBalancer = new LoadBalancerConfig { ConsistentHash = new ConsistentHashConfig { UseSourceIp = true } } };

        var problem = Assert.Single(StackConfigValidator.Validate(WithPolicy(policy), "dev"));

        Assert.Equal(ProblemSeverity.Warning, problem.Severity);
        Assert.StartsWith(
            "frontend:trafficPolicy.loadBalancer.consistentHash = consistentHash: consistent-hash affinity does not hold across versions while traffic is split between v1, v2",
            problem.ToString(),
            StringComparison.Ordinal);
        Assert.Equal("to keep a visitor on the version they first got, turn on two-way stickiness: pulumi config set --path 'stickiness.cookie' frontend-version", ConfigPath.NameStack(problem.Fix, stack: null));
    }

    [Fact]
    public void Validate_ConsistentHashWithOneWeightedVersion_NoWarning()
    {
        var policy = new TrafficPolicyConfig { LoadBalancer = new LoadBalancerConfig { ConsistentHash = new ConsistentHashConfig { UseSourceIp = true } } };

        Assert.Empty(StackConfigValidator.Validate(SampleConfigs.TwoVersions(v1Weight: 100, v2Weight: 0) with { TrafficPolicy = policy }, "dev"));
    }

    [Fact]
    public void Validate_MatchRouteToMissingVersion_SuggestsAnExistingOne()
    {
        Assert.Equal(
            "frontend:routing.matches[0].version = \"v3\": must name a version in 'versions' (v1, v2); a route to a subset that does not exist returns 503. Fix: pulumi config set --path 'routing.matches[0].version' v1",
            Only(WithRoutes(HeaderRoute(version: "v3"))));
    }

    [Fact]
    public void Validate_MatchRouteToVersionWithoutPods_Refused()
    {
        var config = WithRoutes(HeaderRoute()) with
        {
            Versions =
            [
                new VersionConfig { Name = "v1", Image = "ghcr.io/acme/frontend:1.4.2", Weight = 100 },
                new VersionConfig { Name = "v2", Image = "ghcr.io/acme/frontend:1.5.0", Weight = 0, Replicas = 0 },
            ],
        };

        Assert.Equal(
            "frontend:routing.matches[0].version = \"v2\": routes to 'v2', which has no replicas; the route would return 503. Fix: pulumi config set --path 'versions[1].replicas' 1 (or remove the route)",
            Only(config));
    }

    [Fact]
    public void Validate_MatchRouteWithHeaderAndCookie_Refused()
    {
        var route = HeaderRoute() with { Cookie = new CookieMatchConfig { Name = "beta", Value = "on" } };

        Assert.StartsWith("frontend:routing.matches[0] = both: must match on exactly one of 'header' or 'cookie'.", Only(WithRoutes(route)), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_HeaderMatchWithoutComparison_Refused()
    {
        var route = new MatchRouteConfig { Name = "testers", Header = new HeaderMatchConfig { Name = "x-canary" }, Version = "v2" };

        Assert.StartsWith("frontend:routing.matches[0].header = none: must compare the header in exactly one way: exact, prefix or regex.", Only(WithRoutes(route)), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UpperCaseHeaderName_Refused()
    {
        var route = new MatchRouteConfig { Name = "testers", Header = new HeaderMatchConfig { Name = "X-Canary", Exact = "1" }, Version = "v2" };

        Assert.Equal(
            "frontend:routing.matches[0].header.name = \"X-Canary\": must be a lower-case HTTP header name (letters, digits, '-' and '_'). Fix: pulumi config set --path 'routing.matches[0].header.name' x-canary",
            Only(WithRoutes(route)));
    }

    [Fact]
    public void Validate_DuplicateRouteNames_Refused()
    {
        Assert.StartsWith(
            "frontend:routing.matches[1].name = \"testers\": must be unique among routes",
            Only(WithRoutes(HeaderRoute(), HeaderRoute())),
            StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_RouteNamedLikeTheWeightedRoute_Refused()
    {
        Assert.StartsWith("frontend:routing.matches[0].name = \"weighted\": must be unique among routes ('weighted' names the weighted route)", Only(WithRoutes(HeaderRoute(name: "weighted"))), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_CookieValueWithSeparator_Refused()
    {
        var route = new MatchRouteConfig { Name = "beta", Cookie = new CookieMatchConfig { Name = "beta", Value = "on;x" }, Version = "v2" };

        Assert.StartsWith("frontend:routing.matches[0].cookie.value = \"on;x\": must be letters, digits", Only(WithRoutes(route)), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UnknownRetryCondition_Refused()
    {
        var config = SampleConfigs.TwoVersions() with { Routing = new RoutingConfig { Retries = new RetriesConfig { RetryOn = "5xx,timeouts" } } };

        Assert.Contains("unknown: 'timeouts'", Only(config), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("5xx,connect-failure", "5xx")]
    [InlineData("reset", "reset")]
    [InlineData("gateway-error,reset-before-request", "gateway-error")]
    public void Validate_ProductionRetryOnAfterTheAppMayHaveActed_WarnsNamingTheRisk(string retryOn, string named)
    {
        var config = SampleConfigs.TwoVersions() with { Routing = new RoutingConfig { Retries = new RetriesConfig { RetryOn = retryOn } } };

        var warning = Assert.Single(StackConfigValidator.Validate(config, "prod"), p => p.Severity == ProblemSeverity.Warning && p.Path.ToString().Contains("routing.retries", StringComparison.Ordinal));

        Assert.Equal(
            $"frontend:routing.retries.retryOn = \"{retryOn}\": retries requests the app may already have processed ({named}): Envoy retries every method, and every route here carries non-idempotent ones (POST, PUT, PATCH, DELETE), so a payment or an order can run twice; Istio's own default leaves 5xx out for that reason. Fix: pulumi config set --path 'routing.retries.retryOn' connect-failure,refused-stream,reset-before-request,retriable-status-codes,503",
            warning.ToString());
    }

    [Fact]
    public void Validate_DevRetryOn5xx_NoWarning()
    {
        var config = SampleConfigs.TwoVersions() with { Routing = new RoutingConfig { Retries = new RetriesConfig { RetryOn = "5xx" } } };

        Assert.Empty(StackConfigValidator.Validate(config, "dev"));
    }

    [Fact]
    public void Validate_ProductionSafeRetryOn_NoRetryWarning()
    {
        var config = SampleConfigs.TwoVersions() with { Routing = new RoutingConfig { Retries = new RetriesConfig { RetryOn = "connect-failure,reset-before-request,503" } } };

        Assert.DoesNotContain(StackConfigValidator.Validate(config, "prod"), p => p.Path.ToString().Contains("routing.retries", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_TooManyRetries_Refused()
    {
        var config = SampleConfigs.TwoVersions() with { Routing = new RoutingConfig { Retries = new RetriesConfig { Attempts = 50 } } };

        Assert.Equal("frontend:routing.retries.attempts = 50: must be between 0 and 10. Fix: pulumi config set --path 'routing.retries.attempts' 10", Only(config));
    }

    [Fact]
    public void Validate_RouteTimeoutMalformed_Refused()
    {
        var config = SampleConfigs.TwoVersions() with { Routing = new RoutingConfig { Timeout = "10" } };

        Assert.StartsWith("frontend:routing.timeout = \"10\": must be an Istio duration", Only(config), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UnknownMtlsMode_Refused()
    {
        Assert.StartsWith(
            "frontend:mtls.mode = \"STRICTEST\": must be one of STRICT, PERMISSIVE, DISABLE. Fix: pulumi config set --path 'mtls.mode' STRICT",
            Only(SampleConfigs.TwoVersions() with { Mtls = new MtlsConfig { Mode = "STRICTEST" } }),
            StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ProductionWithoutStrictMtls_Refused()
    {
        var config = SampleConfigs.TwoVersions().ProductionReady() with { Mtls = new MtlsConfig { Mode = "PERMISSIVE" } };

        Assert.Equal(
            "frontend:mtls.mode = \"PERMISSIVE\": must be STRICT in production: every workload of the app accepts only mutual TLS. Fix: pulumi config set --path 'mtls.mode' STRICT",
            Only(config, stack: "prod"));
    }

    [Fact]
    public void Validate_ProductionWithoutDisruptionBudget_Refused()
    {
        var config = SampleConfigs.TwoVersions().ProductionReady() with { PodDisruptionBudget = null };

        Assert.Equal(
            "frontend:podDisruptionBudget = (not set): is required in production, so a node drain never takes a whole version down. Fix: pulumi config set --path 'podDisruptionBudget.maxUnavailable' 1",
            Only(config, stack: "prod"));
    }

    [Fact]
    public void Validate_ProductionRoutedVersionWithOneReplicaUnderABudget_Refused()
    {
        var config = SampleConfigs.TwoVersions(v1Weight: 90, v2Weight: 10).ProductionReady() with
        {
            Versions =
            [
                new VersionConfig { Name = "v1", Image = "ghcr.io/acme/frontend:1.4.2", Replicas = 3, Weight = 90 },
                new VersionConfig { Name = "v2", Image = "ghcr.io/acme/frontend:1.5.0", Replicas = 1, Weight = 10 },
            ],
        };

        Assert.Equal(
            "frontend:versions[1].replicas = 1: must be at least 2 for a version that receives traffic under a disruption budget of maxUnavailable 1: with 1 a node drain may evict every pod of 'v2' and its traffic gets 503s (required in production). Fix: pulumi config set --path 'versions[1].replicas' 2",
            Only(config, "prod"));
    }

    [Fact]
    public void Validate_ProductionVersionNamedOnlyByAMatchRoute_NeedsAsManyReplicasAsTheBudgetKeeps()
    {
        var config = SampleConfigs.TwoVersions(v1Weight: 100, v2Weight: 0).ProductionReady() with
        {
            Versions =
            [
                new VersionConfig { Name = "v1", Image = "ghcr.io/acme/frontend:1.4.2", Replicas = 4, Weight = 100 },
                new VersionConfig { Name = "v2", Image = "ghcr.io/acme/frontend:1.5.0", Replicas = 2, Weight = 0 },
            ],
            PodDisruptionBudget = new DisruptionBudgetConfig { MaxUnavailable = 2 },
            Routing = new RoutingConfig { Matches = [HeaderRoute("v2")] },
        };

        Assert.StartsWith(
            "frontend:versions[1].replicas = 2: must be at least 3 for a version that receives traffic under a disruption budget of maxUnavailable 2",
            Only(config, "prod"),
            StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ProductionDrainedVersionWithOneReplica_Accepted()
    {
        var config = SampleConfigs.TwoVersions(v1Weight: 100, v2Weight: 0).ProductionReady() with
        {
            Versions =
            [
                new VersionConfig { Name = "v1", Image = "ghcr.io/acme/frontend:1.4.2", Replicas = 2, Weight = 100 },
                new VersionConfig { Name = "v2", Image = "ghcr.io/acme/frontend:1.5.0", Replicas = 1, Weight = 0 },
            ],
        };

        Assert.Empty(StackConfigValidator.Validate(config, "prod"));
    }

    [Fact]
    public void Validate_DevRoutedVersionWithOneReplicaUnderABudget_WarnsWhatTheBudgetCannotDo()
    {
        var config = SampleConfigs.TwoVersions() with { PodDisruptionBudget = new DisruptionBudgetConfig() };

        var problem = Assert.Single(StackConfigValidator.Validate(config, "dev"));
        Assert.False(problem.IsError);
        Assert.Equal(
            "frontend:versions[0].replicas = 1: must be at least 2 for a version that receives traffic under a disruption budget of maxUnavailable 1: with 1 a node drain may evict every pod of 'v1' and its traffic gets 503s. Fix: pulumi config set --path 'versions[0].replicas' 2",
            problem.ToString());
    }

    [Fact]
    public void Validate_DisruptionBudgetOfZero_Refused()
    {
        var config = SampleConfigs.TwoVersions() with { PodDisruptionBudget = new DisruptionBudgetConfig { MaxUnavailable = 0 } };

        Assert.StartsWith("frontend:podDisruptionBudget.maxUnavailable = 0: must be between 1 and 1000 (0 would block every node drain)", Only(config), StringComparison.Ordinal);
    }
}
