namespace Frontend.Infra.Configuration;

/// <summary>How Istio routes the Service's port, from the protocol its name starts with (<c>app.portName</c>).</summary>
internal enum RouteKind
{
    /// <summary>http, http2, grpc, grpc-web: HTTP routes, with every feature this stack has.</summary>
    Http,

    /// <summary>tcp, mongo, mysql, redis: one weighted <c>tcp</c> route, which splits connections, not requests.</summary>
    Tcp,

    /// <summary>https, tls, udp: refused (see <see cref="PortProtocolRules"/>).</summary>
    Unsupported,
}

/// <summary>
/// Istio applies only the routes of a port's protocol: <c>http</c> routes to an HTTP port, <c>tcp</c> routes to a
/// TCP one, <c>tls</c> routes (matched by SNI) to a TLS one. A stack whose port is not HTTP gets a weighted
/// <c>tcp</c> route, and the features that need HTTP (header and cookie matches, retries, timeouts,
/// stickiness, mirroring, the ingress gateways' HTTP routes) are refused with the reason, instead of being
/// emitted as <c>http</c> routes Istio would silently ignore. TLS passthrough (<c>https</c>, <c>tls</c>) is refused
/// outright: its routes match on SNI names, which this stack has no config for, and mesh traffic is already
/// encrypted by mTLS, so such an app is better named <c>http</c> (or <c>tcp</c> to split its connections). UDP
/// is not proxied by Istio at all.
/// </summary>
internal static class PortProtocolRules
{
    public static RouteKind KindOf(string portName) => (portName.Split('-')[0]) switch
    {
        "http" or "http2" or "grpc" => RouteKind.Http,
        "tcp" or "mongo" or "mysql" or "redis" => RouteKind.Tcp,
        _ => RouteKind.Unsupported,
    };

    public static void Validate(StackConfig config, Problems problems)
    {
        var portName = config.App.PortName;
        var protocol = portName.Split('-')[0];
        var path = ConfigPath.Root("app").Property("portName");
        if (!StackConfigValidator.NamesAProtocol(portName))
        {
            // The port-name rule already says what a port name must be.
            return;
        }

        switch (KindOf(portName))
        {
            case RouteKind.Unsupported when protocol == "udp":
                problems.Error(path, "names a UDP port, which Istio does not proxy: no route, split or policy of this stack would apply to it", ConfigValue.Show(portName), path.SetCommand("http"));
                return;
            case RouteKind.Unsupported:
                problems.Error(
                    path,
                    $"names a {protocol} (TLS passthrough) port, which Istio routes only by the SNI name clients send (tls routes), so the weighted split, match routes and stickiness would do nothing; this stack does not declare tls routes",
                    ConfigValue.Show(portName),
                    $"{path.SetCommand("http")} (the sidecars already encrypt mesh traffic with mTLS), or {path.SetCommand("tcp")} to split connections by weight");
                return;
            case RouteKind.Tcp:
                RefuseHttpOnly(config, protocol, problems);
                return;
        }
    }

    private static void RefuseHttpOnly(StackConfig config, string protocol, Problems problems)
    {
        var routing = ConfigPath.Root("routing");
        var features = new (ConfigPath Path, bool Set, string What, string Value)[]
        {
            (routing.Property("matches"), config.Routing.Matches.Count > 0, "header and cookie match routes", $"{config.Routing.Matches.Count} match route(s)"),
            (routing.Property("retries"), config.Routing.Retries is not null, "retries", "{...}"),
            (routing.Property("timeout"), config.Routing.Timeout is not null, "a request timeout", ConfigValue.Show(config.Routing.Timeout)),
            (routing.Property("mirror"), config.Routing.Mirror is not null, "mirroring", "{...}"),
            (ConfigPath.Root("stickiness"), config.Stickiness is not null, "cookie stickiness", "{...}"),
            (ConfigPath.Root("ingress"), config.Ingress is not null, "ingress through the gateways' HTTP(S) servers", "{...}"),
        };
        foreach (var feature in features.Where(f => f.Set))
        {
            problems.Error(
                feature.Path,
                $"needs HTTP ({feature.What}), but app.portName makes the port {protocol}: Istio gives a {protocol} port only tcp routes, which split connections by weight and ignore HTTP features",
                feature.Value,
                $"{feature.Path.RemoveCommand()}, or name an HTTP port: {ConfigPath.Root("app").Property("portName").SetCommand("http")}");
        }
    }
}
