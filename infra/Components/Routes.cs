using System.Collections.Immutable;
using Frontend.Infra.Configuration;
using Pulumi;
using Pulumi.Kubernetes.Types.Inputs.Networking.V1;

namespace Frontend.Infra.Components;

/// <summary>
/// The VirtualService's HTTP routes, in the order Istio tries them (the first that matches wins): each
/// match route (testers) in config order; with stickiness, one route per weighted version that sends
/// requests carrying that version's cookie back to it; then the weighted route across every version that
/// has a weight, each destination adding the cookie for its version. A version at weight 0 is left out
/// of the split and has no sticky route, so its visitors are split afresh when it is drained or rolled back.
/// </summary>
internal static class Routes
{
    public static IEnumerable<VirtualServiceSpecHttpArgs> For(TrafficSplitArgs args)
    {
        foreach (var match in args.Routing.Matches)
        {
            yield return Route(args, match.Name, [Destination(args, match.Version, weight: null)], FromRouting<VirtualServiceSpecHttpMatchArgs>(args, Match(match)), mirrored: false);
        }

        var weightedVersions = args.Versions.Where(v => v.Weight > 0).ToList();
        if (args.Stickiness is { } sticky)
        {
            foreach (var version in weightedVersions)
            {
                var cookie = new CookieMatchConfig { Name = sticky.Cookie, Value = StickinessRules.CookieValue(args.Rollout, version.Name) };
                yield return Route(args, StickinessRules.RouteName(version.Name), [Destination(args, version.Name, weight: null)], CookieRoute(cookie), mirrored: true);
            }
        }

        var weighted = weightedVersions.Select(v => Destination(args, v.Name, v.Weight, args.Stickiness?.SetCookie(StickinessRules.CookieValue(args.Rollout, v.Name))));
        yield return Route(args, MatchRouteRules.WeightedRouteName, [.. weighted], match: null, mirrored: true);
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

    /// <param name="mirrored">The split's routes (sticky and weighted) carry the mirror; the testers' routes do not.</param>
    /// <param name="match">A tester's match comes from <c>frontend:routing</c> (and is a secret when that key is); a sticky route's does not.</param>
    private static VirtualServiceSpecHttpArgs Route(TrafficSplitArgs args, string name, ImmutableArray<VirtualServiceSpecHttpRouteArgs> destinations, Input<VirtualServiceSpecHttpMatchArgs>? match, bool mirrored) => new()
    {
        Name = name,
        Mirrors = mirrored && args.Routing.Mirror is { } mirror ? [FromRouting<VirtualServiceSpecHttpMirrorsArgs>(args, Mirror(args, mirror))!] : null!,
        Match = match is null ? null! : [match],
        Route = [.. destinations],
        Timeout = FromRouting(args, Optional.Of(args.Routing.Timeout)),
        Retries = FromRouting(args, Optional.Block(RetryRules.Effective(args.Routing.Retries), retries => new VirtualServiceSpecHttpRetriesArgs
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

    /// <param name="setCookie">
    /// A <c>Set-Cookie</c> to add to this destination's responses. Added, never set: Envoy appends it, so the
    /// app's own <c>Set-Cookie</c> headers survive.
    /// </param>
    private static VirtualServiceSpecHttpRouteArgs Destination(TrafficSplitArgs args, string subset, int? weight, string? setCookie = null) => new()
    {
        Destination = new VirtualServiceSpecHttpRouteDestinationArgs
        {
            Host = args.ServiceHost,
            Subset = subset,
            Port = new VirtualServiceSpecHttpRouteDestinationPortArgs { Number = args.ServicePort },
        },
        Weight = Optional.Of(weight),
        Headers = Optional.Block(setCookie, cookie => new VirtualServiceSpecHttpRouteHeadersArgs
        {
            Response = new VirtualServiceSpecHttpRouteHeadersResponseArgs { Add = { ["set-cookie"] = cookie } },
        }),
    };

    /// <summary>Istio 1.30's <c>mirrors</c> list: a copy of the given share of the route's requests to the version.</summary>
    private static VirtualServiceSpecHttpMirrorsArgs Mirror(TrafficSplitArgs args, MirrorConfig mirror) => new()
    {
        Destination = new VirtualServiceSpecHttpMirrorsDestinationArgs
        {
            Host = args.ServiceHost,
            Subset = mirror.Version,
            Port = new VirtualServiceSpecHttpMirrorsDestinationPortArgs { Number = args.ServicePort },
        },
        Percentage = new VirtualServiceSpecHttpMirrorsPercentageArgs { Value = mirror.Percent },
    };

    private static VirtualServiceSpecHttpMatchArgs Match(MatchRouteConfig route) => route switch
    {
        { Header: { } header } => new() { Headers = new InputMap<ImmutableDictionary<string, object>> { [header.Name] = StringMatch(header) } },
        { Cookie: { } cookie } => CookieRoute(cookie),
        _ => throw new InvalidOperationException($"Route '{route.Name}' has neither header nor cookie; validation should have refused it."),
    };

    private static VirtualServiceSpecHttpMatchArgs CookieRoute(CookieMatchConfig cookie) => new()
    {
        Headers = new InputMap<ImmutableDictionary<string, object>> { ["cookie"] = CookieMatch(cookie) },
    };

    private static ImmutableDictionary<string, object> StringMatch(HeaderMatchConfig header) =>
        (header.Exact, header.Prefix, header.Regex) switch
        {
            ({ } exact, _, _) => ImmutableDictionary<string, object>.Empty.Add("exact", exact),
            (_, { } prefix, _) => ImmutableDictionary<string, object>.Empty.Add("prefix", prefix),
            (_, _, { } regex) => ImmutableDictionary<string, object>.Empty.Add("regex", regex),
            _ => throw new InvalidOperationException($"Header match '{header.Name}' compares nothing; validation should have refused it."),
        };

    /// <summary>The cookie as one of the pairs in the Cookie header, in RE2 as Envoy evaluates it.</summary>
    private static ImmutableDictionary<string, object> CookieMatch(CookieMatchConfig cookie) =>
        ImmutableDictionary<string, object>.Empty.Add("regex", $"^(.*;\\s*)?{System.Text.RegularExpressions.Regex.Escape(cookie.Name)}={System.Text.RegularExpressions.Regex.Escape(cookie.Value)}(;.*)?$");
}
