namespace Frontend.Infra.Configuration;

/// <summary>The rules for <see cref="LoadBalancerConfig"/>, as Istio's validateLoadBalancer and its CRD schema apply them.</summary>
internal static class LoadBalancerRules
{
    public static readonly IReadOnlyList<string> SimpleLoadBalancers = ["ROUND_ROBIN", "LEAST_REQUEST", "RANDOM", "PASSTHROUGH"];

    public static void Validate(ConfigPath path, LoadBalancerConfig lb, Problems problems)
    {
        if (RuleChecks.IsEmpty(path, problems, lb.Simple, lb.ConsistentHash, lb.Warmup))
        {
            return;
        }

        if (lb.Simple is not null && lb.ConsistentHash is not null)
        {
            problems.Error(path, "is either 'simple' or 'consistentHash', never both", $"simple {ConfigValue.Show(lb.Simple)} and consistentHash", path.Property("consistentHash").RemoveCommand() + " (or remove 'simple')");
        }

        if (lb.Simple is { } simple)
        {
            RuleChecks.OneOf(path.Property("simple"), simple, SimpleLoadBalancers, problems);
        }

        if (lb.ConsistentHash is { } hash)
        {
            ValidateConsistentHash(path.Property("consistentHash"), hash, problems);
        }

        if (lb.Warmup is { } warmup)
        {
            var warmupPath = path.Property("warmup");
            RuleChecks.Duration(warmupPath.Property("duration"), warmup.Duration, problems);
            if (warmup.MinimumPercent is { } minimum)
            {
                problems.InRange(warmupPath.Property("minimumPercent"), minimum, 0, 100, "a percentage; fractions such as 12.5 are allowed");
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
            MatchRouteRules.HeaderName(path.Property("httpHeaderName"), header, problems);
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
                RuleChecks.Duration(cookiePath.Property("ttl"), ttl, problems);
            }
        }
    }
}
