namespace Frontend.Infra.Configuration;

/// <summary>
/// Composes the rules for what becomes Istio config, in the order their messages appear: the traffic
/// policies (each concept in its own rules file), the routes (match routes, retries), mTLS and disruption
/// budgets. They refuse what Istio would reject, and also what it would accept but serve wrongly (a route
/// to a version without pods, TLS turned off toward STRICT mTLS).
/// </summary>
internal static class TrafficRules
{
    public static readonly IReadOnlyList<string> MtlsModes = ["STRICT", "PERMISSIVE", "DISABLE"];

    public static void Validate(StackConfig config, bool production, Problems problems)
    {
        var strictMtls = config.Mtls?.Mode == "STRICT";
        if (config.TrafficPolicy is { } servicePolicy)
        {
            ValidatePolicy(ConfigPath.Root("trafficPolicy"), servicePolicy, strictMtls, problems);
        }

        for (var i = 0; i < config.Versions.Count; i++)
        {
            if (config.Versions[i].TrafficPolicy is { } subsetPolicy)
            {
                ValidatePolicy(ConfigPath.Root("versions").Index(i).Property("trafficPolicy"), subsetPolicy, strictMtls, problems);
            }
        }

        WarnAboutAffinityAcrossVersions(config, problems);
        RuleChecks.OptionalDuration(ConfigPath.Root("routing").Property("timeout"), config.Routing.Timeout, problems);
        RetryRules.Validate(config, production, problems);
        MatchRouteRules.Validate(config, problems);
        ValidateMtls(config.Mtls, production, problems);
        ValidateDisruptionBudget(config, production, problems);
    }

    private static void ValidatePolicy(ConfigPath path, TrafficPolicyConfig policy, bool strictMtls, Problems problems)
    {
        if (RuleChecks.IsEmpty(path, problems, policy.LoadBalancer, policy.ConnectionPool, policy.OutlierDetection, policy.Tls))
        {
            return;
        }

        var blocks = new (string Key, object? Value)[] { ("loadBalancer", policy.LoadBalancer), ("connectionPool", policy.ConnectionPool), ("outlierDetection", policy.OutlierDetection), ("tls", policy.Tls) };
        if (blocks.Where(b => b.Value is not null).ToList() is [var only])
        {
            problems.OnlyKeyOf(path.Property(only.Key), path);
        }

        if (policy.LoadBalancer is { } loadBalancer)
        {
            LoadBalancerRules.Validate(path.Property("loadBalancer"), loadBalancer, problems);
        }

        if (policy.ConnectionPool is { } pool)
        {
            ConnectionPoolRules.Validate(path.Property("connectionPool"), pool, problems);
        }

        if (policy.OutlierDetection is { } outliers)
        {
            OutlierDetectionRules.Validate(path.Property("outlierDetection"), outliers, problems);
        }

        if (policy.Tls is { } tls)
        {
            ClientTlsRules.Validate(path.Property("tls"), tls, strictMtls, problems);
        }
    }

    /// <summary>
    /// Envoy picks the weighted version before any hash applies, so a hash policy cannot keep a user on
    /// one version while traffic is split; only a match route can.
    /// </summary>
    private static void WarnAboutAffinityAcrossVersions(StackConfig config, Problems problems)
    {
        var weighted = config.Versions.Where(v => v.Weight > 0).Select(v => v.Name).ToList();
        if (weighted.Count < 2)
        {
            return;
        }

        var hashed = new List<ConfigPath>();
        if (config.TrafficPolicy?.LoadBalancer?.ConsistentHash is not null)
        {
            hashed.Add(ConfigPath.Root("trafficPolicy").Property("loadBalancer").Property("consistentHash"));
        }

        hashed.AddRange(config.Versions
            .Select((v, i) => (v, i))
            .Where(x => x.v.TrafficPolicy?.LoadBalancer?.ConsistentHash is not null)
            .Select(x => ConfigPath.Root("versions").Index(x.i).Property("trafficPolicy").Property("loadBalancer").Property("consistentHash")));
        foreach (var path in hashed)
        {
            problems.Warning(
                path,
                $"consistent-hash affinity does not hold across versions while traffic is split between {string.Join(", ", weighted)}: Envoy picks the version by weight before the hash applies",
                "consistentHash",
                $"to keep a visitor on the version they first got, turn on two-way stickiness: {ConfigPath.Root("stickiness").Property("cookie").SetCommand(StickinessConfig.DefaultCookie)}");
        }
    }

    private static void ValidateMtls(MtlsConfig? mtls, bool production, Problems problems)
    {
        var path = ConfigPath.Root("mtls").Property("mode");
        if (mtls is not null && !RuleChecks.OneOf(path, mtls.Mode, MtlsModes, problems))
        {
            return;
        }

        if (production && mtls?.Mode != "STRICT")
        {
            problems.Error(path, "must be STRICT in production: every workload of the app accepts only mutual TLS", ConfigValue.Show(mtls?.Mode), path.SetCommand("STRICT"));
        }
    }

    private static void ValidateDisruptionBudget(StackConfig config, bool production, Problems problems)
    {
        var path = ConfigPath.Root("podDisruptionBudget");
        if (config.PodDisruptionBudget is not { } budget)
        {
            if (production)
            {
                // The budget's own rule then wants every routed version above one pod: the fix raises those too.
                var routed = RoutedVersions.Of(config.Versions, config.Routing);
                var raises = config.Versions
                    .Select((version, i) => (Scaling: VersionScaling.For(config.Autoscaling, version), Index: i, Routed: routed.Contains(version.Name)))
                    .Where(v => v.Routed && v.Scaling.Floor is > 0 and < 2)
                    .Select(v => v.Scaling.FloorPath(v.Index).SetCommand("2"));
                problems.Error(path, "is required in production, so a node drain never takes a whole version down", "(not set)", string.Join(" && ", raises.Prepend(path.Property("maxUnavailable").SetCommand("1"))));
            }

            return;
        }

        problems.InRange(path.Property("maxUnavailable"), budget.MaxUnavailable, 1, StackConfigValidator.MaxReplicas, "0 would block every node drain");
        ValidateBudgetCoversRoutedVersions(config, budget, production, problems);
    }

    /// <summary>
    /// A budget keeps a version up through a drain only while it has more pods than the drain may take:
    /// with 1 replica and maxUnavailable 1 the drain evicts the only pod and the version's share gets 503s.
    /// Production refuses that for a version that receives traffic; elsewhere it is a warning that says so.
    /// A version no route names may run on fewer pods: nothing is sent to it.
    /// </summary>
    private static void ValidateBudgetCoversRoutedVersions(StackConfig config, DisruptionBudgetConfig budget, bool production, Problems problems)
    {
        if (budget.MaxUnavailable < 1)
        {
            return;
        }

        var routed = RoutedVersions.Of(config.Versions, config.Routing);
        var needed = budget.MaxUnavailable + 1;
        for (var i = 0; i < config.Versions.Count; i++)
        {
            var version = config.Versions[i];
            var scaling = VersionScaling.For(config.Autoscaling, version);
            if (!routed.Contains(version.Name) || scaling.Floor is 0 || scaling.Floor >= needed)
            {
                continue;
            }

            // For an autoscaled version the floor is its minimum: the autoscaler may scale it down to that.
            var path = scaling.FloorPath(i);
            var rule = $"must be at least {needed} for a version that receives traffic under a disruption budget of maxUnavailable {budget.MaxUnavailable}: with {scaling.Floor} a node drain may evict every pod of '{version.Name}' and its traffic gets 503s";
            if (production)
            {
                problems.Error(path, rule + " (required in production)", ConfigValue.Show(scaling.Floor), path.SetCommand(ConfigValue.Show(needed)));
            }
            else
            {
                problems.Warning(path, rule, ConfigValue.Show(scaling.Floor), path.SetCommand(ConfigValue.Show(needed)));
            }
        }
    }
}
