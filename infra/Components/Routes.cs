using System.Collections.Immutable;
using Frontend.Infra.Configuration;
using Pulumi;
using Pulumi.Kubernetes.Types.Inputs.Networking.V1;

namespace Frontend.Infra.Components;

/// <summary>
/// The VirtualService's HTTP routes: each match route first, in config order (Istio takes the first
/// route that matches), then the weighted route across every version that has a weight.
/// A version at weight 0 is left out of the split, which is what lets it be retired safely.
/// </summary>
internal static class Routes
{
    public static IEnumerable<VirtualServiceSpecHttpArgs> For(TrafficSplitArgs args)
    {
        foreach (var match in args.Routing.Matches)
        {
            yield return Route(args, match.Name, [Destination(args, match.Version, weight: null)], Match(match));
        }

        var weighted = args.Versions.Where(v => v.Weight > 0).Select(v => Destination(args, v.Name, v.Weight));
        yield return Route(args, TrafficRules.WeightedRouteName, [.. weighted], match: null);
    }

    private static VirtualServiceSpecHttpArgs Route(TrafficSplitArgs args, string name, ImmutableArray<VirtualServiceSpecHttpRouteArgs> destinations, VirtualServiceSpecHttpMatchArgs? match) => new()
    {
        Name = name,
        Match = match is null ? null! : [FromRouting<VirtualServiceSpecHttpMatchArgs>(args, match)!],
        Route = [.. destinations],
        Timeout = FromRouting(args, Optional.Of(args.Routing.Timeout)),
        Retries = FromRouting(args, Optional.Block(args.Routing.Retries, retries => new VirtualServiceSpecHttpRetriesArgs
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

    private static VirtualServiceSpecHttpRouteArgs Destination(TrafficSplitArgs args, string subset, int? weight) => new()
    {
        Destination = new VirtualServiceSpecHttpRouteDestinationArgs
        {
            Host = args.ServiceHost,
            Subset = subset,
            Port = new VirtualServiceSpecHttpRouteDestinationPortArgs { Number = args.ServicePort },
        },
        Weight = Optional.Of(weight),
    };

    private static VirtualServiceSpecHttpMatchArgs Match(MatchRouteConfig route) => new()
    {
        Headers = route switch
        {
            { Header: { } header } => new InputMap<ImmutableDictionary<string, object>> { [header.Name] = StringMatch(header) },
            { Cookie: { } cookie } => new InputMap<ImmutableDictionary<string, object>> { ["cookie"] = CookieMatch(cookie) },
            _ => throw new InvalidOperationException($"Route '{route.Name}' has neither header nor cookie; validation should have refused it."),
        },
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
