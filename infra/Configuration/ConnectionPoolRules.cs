namespace Frontend.Infra.Configuration;

/// <summary>The rules for <see cref="ConnectionPoolConfig"/>, as Istio's validateConnectionPool applies them (and a little stricter: a limit of 0 would refuse all traffic).</summary>
internal static class ConnectionPoolRules
{
    public static void Validate(ConfigPath path, ConnectionPoolConfig pool, Problems problems)
    {
        if (RuleChecks.IsEmpty(path, problems, pool.Tcp, pool.Http))
        {
            return;
        }

        if (pool.Tcp is null != pool.Http is null)
        {
            problems.OnlyKeyOf(path.Property(pool.Tcp is null ? "http" : "tcp"), path);
        }

        if (pool.Tcp is { } tcp && !RuleChecks.IsEmpty(path.Property("tcp"), problems, tcp.MaxConnections, tcp.ConnectTimeout))
        {
            RuleChecks.AtLeast(path.Property("tcp").Property("maxConnections"), tcp.MaxConnections, 1, problems);
            RuleChecks.OptionalDuration(path.Property("tcp").Property("connectTimeout"), tcp.ConnectTimeout, problems);
        }

        if (pool.Http is { } http && !RuleChecks.IsEmpty(path.Property("http"), problems, http.Http1MaxPendingRequests, http.Http2MaxRequests, http.MaxRequestsPerConnection, http.MaxRetries, http.IdleTimeout))
        {
            var httpPath = path.Property("http");
            RuleChecks.AtLeast(httpPath.Property("http1MaxPendingRequests"), http.Http1MaxPendingRequests, 1, problems);
            RuleChecks.AtLeast(httpPath.Property("http2MaxRequests"), http.Http2MaxRequests, 1, problems);
            RuleChecks.AtLeast(httpPath.Property("maxRequestsPerConnection"), http.MaxRequestsPerConnection, 0, problems);
            RuleChecks.AtLeast(httpPath.Property("maxRetries"), http.MaxRetries, 0, problems);
            RuleChecks.OptionalDuration(httpPath.Property("idleTimeout"), http.IdleTimeout, problems);
        }
    }
}
