using System.Globalization;
using Frontend.Analysis.Manifests;

namespace Frontend.Analysis.Mesh;

/// <summary>
/// FRT0002: a DestinationRule's connection-pool limits are enforced by each client proxy on its own, per subset (each
/// subset is its own Envoy cluster), not across the Service. A proxy that sends a version the share <c>w</c> of its
/// traffic overflows that version's limit <c>L</c> once it has <c>L / w</c> connections or requests in flight to the
/// Service, and answers the rest with 503 (response flag UO). A shared ingress gateway runs a few pods that carry all
/// external traffic, so that figure is one gateway pod's whole load. The rule flags a limit whose figure is below
/// <see cref="ReferenceProxyConcurrency"/>: Envoy's own default for each of these thresholds (which Istio raises to
/// effectively unlimited when a DestinationRule says nothing), the load Envoy considers ordinary for one proxy.
/// </summary>
internal static class PerProxyLimits
{
    /// <summary>Envoy's default circuit-breaker threshold for connections, pending requests and requests per cluster.</summary>
    public const long ReferenceProxyConcurrency = 1024;

    private static readonly string[] RouteSections = ["http", "tcp", "tls"];

    private static readonly (string Group, string Field)[] Limits =
    [
        ("tcp", "maxConnections"),
        ("http", "http1MaxPendingRequests"),
        ("http", "http2MaxRequests"),
        ("http", "maxRetries"),
    ];

    public static IEnumerable<Finding> Findings(MeshInventory inventory)
    {
        foreach (var rule in inventory.DestinationRules)
        {
            var host = MeshInventory.DestinationRuleHost(rule);
            var spec = rule.Body.MapAt("spec");
            var overflows = new List<string>();
            foreach (var subset in spec.MapsAt("subsets"))
            {
                var name = subset.StringAt("name") ?? "";
                var share = LargestShare(inventory, host, name);
                if (share <= 0)
                {
                    continue;
                }

                // Istio applies a subset's connectionPool instead of the Service-level one, as a whole block.
                var pool = subset.MapAt("trafficPolicy").MapAt("connectionPool") ?? spec.MapAt("trafficPolicy").MapAt("connectionPool");
                foreach (var (group, field) in Limits)
                {
                    if (pool.MapAt(group).LongAt(field) is { } limit && limit * 100 / share < ReferenceProxyConcurrency)
                    {
                        overflows.Add($"{group}.{field}={Whole(limit)} for {name} (routes send it up to {Whole(share)}%) at {Whole(limit * 100 / share)}");
                    }
                }
            }

            if (spec.MapsAt("subsets").Count == 0 && LargestRouteShare(inventory, host) is var routeShare and > 0)
            {
                // A version Service's own rule: the whole rule is that version's Envoy cluster, as a subset is.
                var pool = spec.MapAt("trafficPolicy").MapAt("connectionPool");
                var name = host.Split('.')[0];
                foreach (var (group, field) in Limits)
                {
                    if (pool.MapAt(group).LongAt(field) is { } limit && limit * 100 / routeShare < ReferenceProxyConcurrency)
                    {
                        overflows.Add($"{group}.{field}={Whole(limit)} for {name} (routes send it up to {Whole(routeShare)}%) at {Whole(limit * 100 / routeShare)}");
                    }
                }
            }

            if (overflows.Count > 0)
            {
                yield return FrontendMessages.PerProxyLimitOverflows(rule.DisplayName, host, string.Join("; ", overflows), ReferenceProxyConcurrency);
            }
        }
    }

    /// <summary>
    /// The largest share, in percent, that any route of any VirtualService sends to the subset: a destination's weight,
    /// or 100 for a route's only destination (a match route, a sticky route).
    /// </summary>
    private static long LargestShare(MeshInventory inventory, string host, string subset)
    {
        long largest = 0;
        foreach (var virtualService in inventory.VirtualServices)
        {
            foreach (var route in RouteSections.SelectMany(section => virtualService.Body.MapAt("spec").MapsAt(section)))
            {
                var destinations = route.MapsAt("route");
                foreach (var weighted in destinations)
                {
                    var destination = weighted.MapAt("destination");
                    if (destination.StringAt("subset") == subset && HostName.Qualify(destination.StringAt("host") ?? "", virtualService.EffectiveNamespace) == host)
                    {
                        largest = Math.Max(largest, weighted.LongAt("weight") ?? (destinations.Count == 1 ? 100 : 0));
                    }
                }
            }
        }

        return largest;
    }

    /// <summary>
    /// The largest share, in percent, that any HTTPRoute rule sends to the Service host: its backends' weights relative to
    /// their total (each 1 unless set), so a rule's only backend gets 100.
    /// </summary>
    private static long LargestRouteShare(MeshInventory inventory, string host)
    {
        long largest = 0;
        foreach (var route in inventory.HttpRoutes)
        {
            foreach (var rule in route.Body.MapAt("spec").MapsAt("rules"))
            {
                var backends = rule.MapsAt("backendRefs");
                var total = backends.Sum(backend => backend.LongAt("weight") ?? 1);
                foreach (var backend in backends)
                {
                    if (total > 0 && GatewayApiRoutes.ServiceReference(backend, route.EffectiveNamespace) is { } service && HostName.OfService(service.Name, service.Namespace) == host)
                    {
                        largest = Math.Max(largest, (backend.LongAt("weight") ?? 1) * 100 / total);
                    }
                }
            }
        }

        return largest;
    }

    private static string Whole(long value) => value.ToString(CultureInfo.InvariantCulture);
}
