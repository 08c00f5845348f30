namespace Frontend.Infra.Configuration;

/// <summary>
/// The rules for what becomes Istio config: traffic policies, routes, mTLS and disruption budgets.
/// They refuse what Istio would reject, and also what it would accept but serve wrongly (a route to a
/// version without pods, TLS turned off toward STRICT mTLS).
/// </summary>
internal static class TrafficRules
{
    public static readonly IReadOnlyList<string> SimpleLoadBalancers = ["ROUND_ROBIN", "LEAST_REQUEST", "RANDOM", "PASSTHROUGH"];
    public static readonly IReadOnlyList<string> TlsModes = ["DISABLE", "SIMPLE", "MUTUAL", "ISTIO_MUTUAL"];
    public static readonly IReadOnlyList<string> MtlsModes = ["STRICT", "PERMISSIVE", "DISABLE"];

    /// <summary>Envoy's HTTP and gRPC retry conditions, as Istio passes them through.</summary>
    public static readonly IReadOnlySet<string> RetryConditions = new HashSet<string>(StringComparer.Ordinal)
    {
        "5xx", "gateway-error", "reset", "reset-before-request", "connect-failure", "envoy-ratelimited", "retriable-4xx",
        "refused-stream", "retriable-status-codes", "retriable-headers", "http3-post-connect-failure",
        "cancelled", "deadline-exceeded", "internal", "resource-exhausted", "unavailable",
    };

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
        ValidateRouting(config, problems);
        ValidateMtls(config.Mtls, production, problems);
        ValidateDisruptionBudget(config, production, problems);
    }

    private static void ValidatePolicy(ConfigPath path, TrafficPolicyConfig policy, bool strictMtls, Problems problems)
    {
        if (IsEmpty(path, problems, policy.LoadBalancer, policy.ConnectionPool, policy.OutlierDetection, policy.Tls))
        {
            return;
        }

        if (policy.LoadBalancer is { } loadBalancer)
        {
            ValidateLoadBalancer(path.Property("loadBalancer"), loadBalancer, problems);
        }

        if (policy.ConnectionPool is { } pool)
        {
            ValidateConnectionPool(path.Property("connectionPool"), pool, problems);
        }

        if (policy.OutlierDetection is { } outliers)
        {
            ValidateOutlierDetection(path.Property("outlierDetection"), outliers, problems);
        }

        if (policy.Tls is { } tls)
        {
            ValidateTls(path.Property("tls"), tls, strictMtls, problems);
        }
    }

    /// <summary>An empty block is refused: Istio rejects empty policies, and an empty block is usually a half-finished edit.</summary>
    private static bool IsEmpty(ConfigPath path, Problems problems, params object?[] members)
    {
        if (members.Any(m => m is not null))
        {
            return false;
        }

        problems.Error(path, "must not be empty: set at least one of its keys, or remove it", "{}", path.RemoveCommand());
        return true;
    }

    private static void ValidateLoadBalancer(ConfigPath path, LoadBalancerConfig lb, Problems problems)
    {
        if (IsEmpty(path, problems, lb.Simple, lb.ConsistentHash, lb.Warmup))
        {
            return;
        }

        if (lb.Simple is not null && lb.ConsistentHash is not null)
        {
            problems.Error(path, "is either 'simple' or 'consistentHash', never both", $"simple {ConfigValue.Show(lb.Simple)} and consistentHash", path.Property("consistentHash").RemoveCommand() + " (or remove 'simple')");
        }

        if (lb.Simple is { } simple)
        {
            OneOf(path.Property("simple"), simple, SimpleLoadBalancers, problems);
        }

        if (lb.ConsistentHash is { } hash)
        {
            ValidateConsistentHash(path.Property("consistentHash"), hash, problems);
        }

        if (lb.Warmup is { } warmup)
        {
            var warmupPath = path.Property("warmup");
            Duration(warmupPath.Property("duration"), warmup.Duration, problems);
            if (warmup.MinimumPercent is { } minimum)
            {
                problems.InRange(warmupPath.Property("minimumPercent"), minimum, 0, 100, "a percentage");
            }

            if (lb.ConsistentHash is not null || lb.Simple is "RANDOM" or "PASSTHROUGH")
            {
                problems.Error(warmupPath, "works only with the ROUND_ROBIN or LEAST_REQUEST load balancer", ConfigValue.Show(lb.Simple ?? "consistentHash"), path.Property("simple").SetCommand("LEAST_REQUEST"));
            }
        }
    }

    private static void ValidateConsistentHash(ConfigPath path, ConsistentHashConfig hash, Problems problems)
    {
        var keys = new (string Name, object? Value)[]
        {
            ("httpCookie", hash.HttpCookie),
            ("httpHeaderName", hash.HttpHeaderName),
            ("useSourceIp", hash.UseSourceIp),
            ("httpQueryParameterName", hash.HttpQueryParameterName),
        };
        var set = keys.Where(k => k.Value is not null).Select(k => k.Name).ToList();
        if (set.Count != 1)
        {
            problems.Error(path, "must hash on exactly one key: httpCookie, httpHeaderName, useSourceIp or httpQueryParameterName", set.Count == 0 ? "{}" : string.Join(" and ", set), set.Count == 0 ? path.Property("httpHeaderName").SetCommand("x-user-id") : $"keep one of {string.Join(", ", set)} and remove the others");
        }

        if (hash.UseSourceIp == false)
        {
            problems.Error(path.Property("useSourceIp"), "can only be true (to hash on something else, set that key instead)", "false", path.Property("useSourceIp").RemoveCommand());
        }

        if (hash.HttpHeaderName is { } header)
        {
            HeaderName(path.Property("httpHeaderName"), header, problems);
        }

        if (hash.HttpQueryParameterName is "")
        {
            problems.Error(path.Property("httpQueryParameterName"), "must not be empty", "\"\"", path.Property("httpQueryParameterName").SetCommand("user"));
        }

        if (hash.HttpCookie is { } cookie)
        {
            var cookiePath = path.Property("httpCookie");
            if (string.IsNullOrEmpty(cookie.Name))
            {
                problems.Error(cookiePath.Property("name"), "is required: Envoy hashes on the cookie with this name", ConfigValue.Show(cookie.Name), cookiePath.Property("name").SetCommand("session"));
            }

            if (cookie.Path is { } cookieUrlPath && !cookieUrlPath.StartsWith('/'))
            {
                problems.Error(cookiePath.Property("path"), "must be a URL path starting with '/'", ConfigValue.Show(cookieUrlPath), cookiePath.Property("path").SetCommand("/"));
            }

            if (cookie.Ttl is { } ttl)
            {
                Duration(cookiePath.Property("ttl"), ttl, problems);
            }
        }
    }

    private static void ValidateConnectionPool(ConfigPath path, ConnectionPoolConfig pool, Problems problems)
    {
        if (IsEmpty(path, problems, pool.Tcp, pool.Http))
        {
            return;
        }

        if (pool.Tcp is { } tcp && !IsEmpty(path.Property("tcp"), problems, tcp.MaxConnections, tcp.ConnectTimeout))
        {
            AtLeast(path.Property("tcp").Property("maxConnections"), tcp.MaxConnections, 1, problems);
            OptionalDuration(path.Property("tcp").Property("connectTimeout"), tcp.ConnectTimeout, problems);
        }

        if (pool.Http is { } http && !IsEmpty(path.Property("http"), problems, http.Http1MaxPendingRequests, http.Http2MaxRequests, http.MaxRequestsPerConnection, http.MaxRetries, http.IdleTimeout))
        {
            var httpPath = path.Property("http");
            AtLeast(httpPath.Property("http1MaxPendingRequests"), http.Http1MaxPendingRequests, 1, problems);
            AtLeast(httpPath.Property("http2MaxRequests"), http.Http2MaxRequests, 1, problems);
            AtLeast(httpPath.Property("maxRequestsPerConnection"), http.MaxRequestsPerConnection, 0, problems);
            AtLeast(httpPath.Property("maxRetries"), http.MaxRetries, 0, problems);
            OptionalDuration(httpPath.Property("idleTimeout"), http.IdleTimeout, problems);
        }
    }

    private static void ValidateOutlierDetection(ConfigPath path, OutlierDetectionConfig outliers, Problems problems)
    {
        if (IsEmpty(path, problems, outliers.Consecutive5xxErrors, outliers.ConsecutiveGatewayErrors, outliers.Interval, outliers.BaseEjectionTime, outliers.MaxEjectionPercent, outliers.MinHealthPercent))
        {
            return;
        }

        AtLeast(path.Property("consecutive5xxErrors"), outliers.Consecutive5xxErrors, 0, problems);
        AtLeast(path.Property("consecutiveGatewayErrors"), outliers.ConsecutiveGatewayErrors, 0, problems);
        OptionalDuration(path.Property("interval"), outliers.Interval, problems);
        OptionalDuration(path.Property("baseEjectionTime"), outliers.BaseEjectionTime, problems);
        if (outliers.MaxEjectionPercent is { } maxEjection)
        {
            problems.InRange(path.Property("maxEjectionPercent"), maxEjection, 0, 100, "a percentage");
        }

        if (outliers.MinHealthPercent is { } minHealth)
        {
            problems.InRange(path.Property("minHealthPercent"), minHealth, 0, 100, "a percentage");
        }
    }

    private static void ValidateTls(ConfigPath path, ClientTlsConfig tls, bool strictMtls, Problems problems)
    {
        if (!OneOf(path.Property("mode"), tls.Mode, TlsModes, problems))
        {
            return;
        }

        if (tls.Mode == "ISTIO_MUTUAL")
        {
            var others = new (string Name, object? Value)[]
            {
                ("sni", tls.Sni), ("subjectAltNames", tls.SubjectAltNames), ("caCertificates", tls.CaCertificates),
                ("clientCertificate", tls.ClientCertificate), ("privateKey", tls.PrivateKey), ("credentialName", tls.CredentialName),
            };
            foreach (var (name, value) in others.Where(o => o.Value is not null))
            {
                problems.Error(path.Property(name), "must not be set with mode ISTIO_MUTUAL, which uses the mesh's own certificates", ShowAny(value), path.Property(name).RemoveCommand());
            }
        }

        if (tls.Mode == "DISABLE" && strictMtls)
        {
            problems.Error(path.Property("mode"), "cannot be DISABLE while mtls.mode is STRICT: the app's sidecars would refuse the plain-text traffic", "\"DISABLE\"", $"{path.Property("mode").SetCommand("ISTIO_MUTUAL")} (or remove 'tls' to let auto-mTLS decide)");
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

    private static void ValidateRouting(StackConfig config, Problems problems)
    {
        var root = ConfigPath.Root("routing");
        var routing = config.Routing;
        OptionalDuration(root.Property("timeout"), routing.Timeout, problems);
        if (routing.Retries is { } retries)
        {
            var path = root.Property("retries");
            problems.InRange(path.Property("attempts"), retries.Attempts, 0, 10);
            OptionalDuration(path.Property("perTryTimeout"), retries.PerTryTimeout, problems);
            if (retries.RetryOn is { } retryOn)
            {
                var unknown = retryOn.Split(',').Select(c => c.Trim()).Where(c => !RetryConditions.Contains(c) && !c.All(char.IsAsciiDigit) || c.Length == 0).ToList();
                if (unknown.Count > 0)
                {
                    problems.Error(path.Property("retryOn"), $"must be a comma-separated list of retry conditions ({string.Join(", ", RetryConditions.Order(StringComparer.Ordinal))}, or gRPC status codes); unknown: {string.Join(", ", unknown.Select(u => $"'{u}'"))}", ConfigValue.Show(retryOn), path.Property("retryOn").SetCommand("5xx,reset,connect-failure"));
                }
            }
        }

        // Duplicate names are reported by the version rules; routes resolve to the first.
        var versions = config.Versions.Select((v, i) => (Version: v, Index: i)).GroupBy(v => v.Version.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < routing.Matches.Count; i++)
        {
            var match = routing.Matches[i];
            var path = root.Property("matches").Index(i);
            if (!Names.IsDns1123Label(match.Name))
            {
                problems.Error(path.Property("name"), "must be a DNS-1123 label (it names the route in the VirtualService)", ConfigValue.Show(match.Name), path.Property("name").SetCommand(Names.ToDns1123Label(match.Name)));
            }
            else if (match.Name == WeightedRouteName || !names.TryAdd(match.Name, i))
            {
                problems.Error(path.Property("name"), $"must be unique among routes ('{WeightedRouteName}' names the weighted route)", ConfigValue.Show(match.Name), path.Property("name").SetCommand($"{match.Name}-{i + 1}"));
            }

            if ((match.Header is null) == (match.Cookie is null))
            {
                problems.Error(path, "must match on exactly one of 'header' or 'cookie'", match.Header is null ? "neither" : "both", path.Property("header").Property("name").SetCommand("x-canary") + " (and remove the other)");
            }

            if (match.Header is { } header)
            {
                ValidateHeaderMatch(path.Property("header"), header, problems);
            }

            if (match.Cookie is { } cookie)
            {
                CookieToken(path.Property("cookie").Property("name"), cookie.Name, problems);
                CookieToken(path.Property("cookie").Property("value"), cookie.Value, problems);
            }

            if (!versions.TryGetValue(match.Version, out var routed))
            {
                problems.Error(path.Property("version"), $"must name a version in 'versions' ({string.Join(", ", versions.Keys)}); a route to a subset that does not exist returns 503", ConfigValue.Show(match.Version), path.Property("version").SetCommand(Spelling.Closest(match.Version, versions.Keys) ?? versions.Keys.First()));
            }
            else if (VersionScaling.For(config.Autoscaling, routed.Version) is { Autoscaled: false, Floor: 0 })
            {
                problems.Error(path.Property("version"), $"routes to '{routed.Version.Name}', which has no replicas; the route would return 503", ConfigValue.Show(match.Version), $"{ConfigPath.Root("versions").Index(routed.Index).Property("replicas").SetCommand("1")} (or remove the route)");
            }
        }
    }

    /// <summary>The name the VirtualService gives its weighted route, which match routes may not take.</summary>
    public const string WeightedRouteName = "weighted";

    private static void ValidateHeaderMatch(ConfigPath path, HeaderMatchConfig header, Problems problems)
    {
        HeaderName(path.Property("name"), header.Name, problems);
        var set = new (string Name, string? Value)[] { ("exact", header.Exact), ("prefix", header.Prefix), ("regex", header.Regex) }
            .Where(c => c.Value is not null).ToList();
        if (set.Count != 1)
        {
            problems.Error(path, "must compare the header in exactly one way: exact, prefix or regex", set.Count == 0 ? "none" : string.Join(" and ", set.Select(s => s.Name)), set.Count == 0 ? path.Property("exact").SetCommand("\"true\"") : $"keep one of {string.Join(", ", set.Select(s => s.Name))}");
        }
        else if (set[0].Value!.Length == 0)
        {
            problems.Error(path.Property(set[0].Name), "must not be empty (an empty match would send every request)", "\"\"", path.Property(set[0].Name).SetCommand("\"true\""));
        }
    }

    private static void HeaderName(ConfigPath path, string name, Problems problems)
    {
        if (name.Length == 0 || name.Any(c => c is < '!' or > '~' || char.IsAsciiLetterUpper(c) || "()<>@,;:\\\"/[]?={}".Contains(c)))
        {
            problems.Error(path, "must be a lower-case HTTP header name (letters, digits and '-')", ConfigValue.Show(name), path.SetCommand(Names.ToDns1123Label(name)));
        }
    }

    internal static void CookieToken(ConfigPath path, string value, Problems problems)
    {
        if (value.Length == 0 || value.Any(c => !(char.IsAsciiLetterOrDigit(c) || "-_.~".Contains(c))))
        {
            problems.Error(path, "must be letters, digits, '-', '_', '.' or '~' (it is matched inside the Cookie header)", ConfigValue.Show(value), path.SetCommand("canary"));
        }
    }

    private static void ValidateMtls(MtlsConfig? mtls, bool production, Problems problems)
    {
        var path = ConfigPath.Root("mtls").Property("mode");
        if (mtls is not null && !OneOf(path, mtls.Mode, MtlsModes, problems))
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
                problems.Error(path, "is required in production, so a node drain never takes a whole version down", "(not set)", path.Property("maxUnavailable").SetCommand("1"));
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

    private static bool OneOf(ConfigPath path, string value, IReadOnlyList<string> allowed, Problems problems)
    {
        if (allowed.Contains(value))
        {
            return true;
        }

        var closest = Spelling.Closest(value.ToUpperInvariant(), allowed) ?? allowed[0];
        problems.Error(path, $"must be one of {string.Join(", ", allowed)}", ConfigValue.Show(value), path.SetCommand(closest));
        return false;
    }

    private static void AtLeast(ConfigPath path, int? value, int min, Problems problems)
    {
        if (value is { } v)
        {
            problems.InRange(path, v, min, int.MaxValue);
        }
    }

    private static void OptionalDuration(ConfigPath path, string? value, Problems problems)
    {
        if (value is not null)
        {
            Duration(path, value, problems);
        }
    }

    private static void Duration(ConfigPath path, string value, Problems problems)
    {
        if (!IstioDuration.TryParse(value, out var duration))
        {
            problems.Error(path, "must be an Istio duration: a number and a unit (h, m, s, ms), such as 10s, 1m30s or 500ms", ConfigValue.Show(value), path.SetCommand("10s"));
        }
        else if (duration < IstioDuration.Minimum)
        {
            problems.Error(path, "must be at least 1ms (Istio rejects shorter durations)", ConfigValue.Show(value), path.SetCommand("1ms"));
        }
    }

    private static string ShowAny(object? value) => value switch
    {
        string s => ConfigValue.Show(s),
        IEnumerable<string> list => $"[{string.Join(", ", list)}]",
        _ => ConfigValue.Show(value?.ToString()),
    };
}
