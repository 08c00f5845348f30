using System.Collections.Immutable;
using Frontend.Infra.Configuration;
using Pulumi;
using Pulumi.Kubernetes.Types.Inputs.Networking.V1;

namespace Frontend.Infra.Components;

/// <summary>
/// The route plan (<see cref="RoutePlan"/>) as a VirtualService's HTTP routes, and the TCP split: the same routes for
/// every VirtualService the stack declares, since each is an emission of the one plan.
/// </summary>
internal static class Routes
{
    public static IEnumerable<VirtualServiceSpecHttpArgs> For(TrafficSplitArgs args)
    {
        var plan = RoutePlan.For(args.Versions, args.Routing, args.Stickiness, args.Rollout);
        return plan.Routes.Select(route => Route(args, plan, route));
    }

    /// <summary>
    /// The weighted split for a TCP port: Envoy picks a version per connection, by the same weights. Match routes,
    /// stickiness, mirroring, retries and timeouts need HTTP, and the config rules refuse them on such a port.
    /// </summary>
    public static VirtualServiceSpecTcpArgs TcpSplit(TrafficSplitArgs args) => new()
    {
        Route = [.. args.Versions.Where(v => v.Weight > 0).Select(v => new VirtualServiceSpecTcpRouteArgs
        {
            Destination = new VirtualServiceSpecTcpRouteDestinationArgs
            {
                Host = args.ServiceHost,
                Subset = v.Name,
                Port = new VirtualServiceSpecTcpRouteDestinationPortArgs { Number = args.ServicePort },
            },
            Weight = v.Weight,
        })],
    };

    private static VirtualServiceSpecHttpArgs Route(TrafficSplitArgs args, RoutePlan plan, PlannedRoute route) => new()
    {
        Name = route.Name,
        Mirrors = route.Mirror is { } mirror ? [FromRouting<VirtualServiceSpecHttpMirrorsArgs>(args, Mirror(args, mirror))!] : null!,
        Match = route.Match is { } match ? [match.FromRouting ? FromRouting<VirtualServiceSpecHttpMatchArgs>(args, Match(match))! : Match(match)] : null!,
        Route = [.. route.Destinations.Select(destination => Destination(args, destination))],
        Timeout = FromRouting(args, Optional.Of(plan.Timeout)),
        Retries = FromRouting(args, Optional.Block(plan.Retries, retries => new VirtualServiceSpecHttpRetriesArgs
        {
            Attempts = retries.Attempts,
            PerTryTimeout = Optional.Of(retries.PerTryTimeout),
            RetryOn = Optional.Of(retries.RetryOn),
        })),
    };

    /// <summary>
    /// A value taken from <c>frontend:routing</c>, as a secret when that key holds one, so Pulumi's state and
    /// previews show ciphertext for it; the weighted destinations come from the versions and stay readable.
    /// </summary>
    private static Input<T>? FromRouting<T>(TrafficSplitArgs args, Input<T>? value) =>
        args.RoutingIsSecret && value is not null ? Output.CreateSecret(value.ToOutput()!)! : value;

    /// <summary>
    /// A destination of the route: the version's subset of the Service, or (while a migration to the Gateway API keeps
    /// the ingress VirtualService) the version's own Service. Its <c>Set-Cookie</c> is added, never set: Envoy appends it,
    /// so the app's own <c>Set-Cookie</c> headers survive.
    /// </summary>
    private static VirtualServiceSpecHttpRouteArgs Destination(TrafficSplitArgs args, PlannedDestination destination)
    {
        var (host, subset) = args.DestinationOf(destination.Version);
        return new()
        {
            Destination = new VirtualServiceSpecHttpRouteDestinationArgs
            {
                Host = host,
                Subset = Optional.Of(subset)!,
                Port = new VirtualServiceSpecHttpRouteDestinationPortArgs { Number = args.ServicePort },
            },
            Weight = Optional.Of(destination.Weight),
            Headers = Optional.Block(destination.SetCookie, cookie => new VirtualServiceSpecHttpRouteHeadersArgs
            {
                Response = new VirtualServiceSpecHttpRouteHeadersResponseArgs { Add = { ["set-cookie"] = cookie } },
            }),
        };
    }

    /// <summary>Istio 1.30's <c>mirrors</c> list: a copy of the given share of the route's requests to the version.</summary>
    private static VirtualServiceSpecHttpMirrorsArgs Mirror(TrafficSplitArgs args, PlannedMirror mirror)
    {
        var (host, subset) = args.DestinationOf(mirror.Version);
        return new()
        {
            Destination = new VirtualServiceSpecHttpMirrorsDestinationArgs
            {
                Host = host,
                Subset = Optional.Of(subset)!,
                Port = new VirtualServiceSpecHttpMirrorsDestinationPortArgs { Number = args.ServicePort },
            },
            Percentage = new VirtualServiceSpecHttpMirrorsPercentageArgs { Value = mirror.Percent },
        };
    }

    private static VirtualServiceSpecHttpMatchArgs Match(PlannedMatch match) => new()
    {
        Headers = new InputMap<ImmutableDictionary<string, object>> { [match.Header] = ImmutableDictionary<string, object>.Empty.Add(match.Kind, match.Value) },
    };
}
