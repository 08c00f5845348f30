using System.Globalization;
using System.Text;
using Frontend.Infra.Configuration;
using Pulumi;
using Pulumi.Kubernetes.Types.Inputs.Gateway.V1;

namespace Frontend.Infra.Components;

/// <summary>
/// The route plan (<see cref="RoutePlan"/>) as an HTTPRoute's rules, the Gateway API's emission of the plan that
/// <see cref="Routes"/> emits as VirtualService routes. Each destination is a version's own Service. The rules keep the
/// plan's order: the Gateway API ranks rules by their matches (the most header matches first) and breaks ties by list
/// order, and every rule here matches the default path with at most one header, so the testers' routes and the sticky
/// routes (one header each) come in plan order, and the split (no header) comes last, as in the VirtualService.
/// </summary>
internal static class HttpRouteRules
{
    private const string Exact = "Exact";
    private const string RegularExpression = "RegularExpression";

    public static IEnumerable<HTTPRouteSpecRulesArgs> For(TrafficSplitArgs args)
    {
        var plan = RoutePlan.For(args.Versions, args.Routing, args.Stickiness, args.Rollout);
        return plan.Routes.Select(route => Rule(args, plan, route));
    }

    /// <summary>The retries each rule carries, as the pinned channel allows (see <see cref="GatewayApiRules"/>): null leaves Istio's mesh default.</summary>
    private static HTTPRouteSpecRulesRetryArgs? Retry(TrafficSplitArgs args, RoutePlan plan)
    {
        if (!args.GatewayApiRetries)
        {
            return null;
        }

        // The stack's retries, or its safe default (2 attempts, a 503); Istio adds the connection-error conditions itself.
        var retries = plan.Retries;
        return new HTTPRouteSpecRulesRetryArgs
        {
            Attempts = retries.Attempts,
            Codes = retries.Attempts == 0 ? null! : [.. (retries.RetryOn ?? "").Split(',').Select(GatewayApiRules.RetryCode).OfType<int>()],
        };
    }

    private static HTTPRouteSpecRulesArgs Rule(TrafficSplitArgs args, RoutePlan plan, PlannedRoute route) => new()
    {
        Name = route.Name,
        Matches = route.Match is { } match ? [Secret(args, match, Match(match))!] : null!,
        Filters = route.Mirror is { } mirror ? [Secret(args, fromRouting: true, Mirror(args, mirror))!] : null!,
        BackendRefs = [.. route.Destinations.Select(destination => Backend(args, destination))],
        Timeouts = Secret(args, fromRouting: true, Timeouts(args, plan)),
        Retry = Secret(args, fromRouting: true, Retry(args, plan)),
    };

    /// <summary>
    /// A value taken from <c>frontend:routing</c>, as a secret when that key holds one (as <see cref="Routes"/> does), so
    /// Pulumi's state and previews show ciphertext; the weighted backends come from the versions and stay readable.
    /// </summary>
    private static Input<T>? Secret<T>(TrafficSplitArgs args, bool fromRouting, T? value)
        where T : class =>
        value is null ? null : args.RoutingIsSecret && fromRouting ? Output.CreateSecret(value) : (Input<T>)value;

    private static Input<T>? Secret<T>(TrafficSplitArgs args, PlannedMatch match, T value)
        where T : class => Secret(args, match.FromRouting, value);

    /// <summary>
    /// A header match. The Gateway API compares headers exactly or by regex only; a prefix becomes the regex that Istio's
    /// own prefix match means (Envoy matches a regex against the whole value, as RE2 full matches).
    /// </summary>
    private static HTTPRouteSpecRulesMatchesArgs Match(PlannedMatch match) => new()
    {
        Headers =
        [
            new HTTPRouteSpecRulesMatchesHeadersArgs
            {
                Name = match.Header,
                Type = match.Kind == "exact" ? Exact : RegularExpression,
                Value = match.Kind switch
                {
                    "exact" or "regex" => match.Value,
                    _ => Re2Syntax.Quote(match.Value) + ".*",
                },
            },
        ],
    };

    /// <summary>
    /// A backend: the version's Service on the app's port. A weight only in the split (the Gateway API's weights are
    /// relative; the config's add up to 100, so they read as percent). The sticky cookie is added, not set: Envoy appends
    /// it, so the app's own <c>Set-Cookie</c> headers survive.
    /// </summary>
    private static HTTPRouteSpecRulesBackendRefsArgs Backend(TrafficSplitArgs args, PlannedDestination destination) => new()
    {
        Name = FrontendWorkloads.VersionServiceName(args.AppName, destination.Version),
        Port = args.ServicePort,
        Weight = Optional.Of(destination.Weight),
        Filters = destination.SetCookie is { } cookie
            ?
            [
                new HTTPRouteSpecRulesBackendRefsFiltersArgs
                {
                    Type = "ResponseHeaderModifier",
                    ResponseHeaderModifier = new HTTPRouteSpecRulesBackendRefsFiltersResponseHeaderModifierArgs
                    {
                        Add = [new HTTPRouteSpecRulesBackendRefsFiltersResponseHeaderModifierAddArgs { Name = "set-cookie", Value = cookie }],
                    },
                },
            ]
            : null!,
    };

    /// <summary>A copy of the rule's requests to the mirror version's Service: a whole percent, or an exact fraction for a share such as 0.5%.</summary>
    private static HTTPRouteSpecRulesFiltersArgs Mirror(TrafficSplitArgs args, PlannedMirror mirror)
    {
        var (numerator, denominator) = Fraction(mirror.Percent);
        return new HTTPRouteSpecRulesFiltersArgs
        {
            Type = "RequestMirror",
            RequestMirror = new HTTPRouteSpecRulesFiltersRequestMirrorArgs
            {
                BackendRef = new HTTPRouteSpecRulesFiltersRequestMirrorBackendRefArgs
                {
                    Name = FrontendWorkloads.VersionServiceName(args.AppName, mirror.Version),
                    Port = args.ServicePort,
                },
                Percent = denominator == 100 ? numerator : null!,
                Fraction = denominator == 100 ? null! : new HTTPRouteSpecRulesFiltersRequestMirrorFractionArgs { Numerator = numerator, Denominator = denominator },
            },
        };
    }

    /// <summary>A percentage as numerator over a power-of-ten denominator from 100 up: 10 is 10/100, 0.5 is 5/1000.</summary>
    public static (int Numerator, int Denominator) Fraction(double percent)
    {
        var value = (decimal)percent;
        var denominator = 100;
        while (decimal.Truncate(value) != value && denominator < 1_000_000_000)
        {
            value *= 10;
            denominator *= 10;
        }

        return ((int)decimal.Round(value), denominator);
    }

    /// <summary>The route's timeout, and with retries each try's; null when neither is set (no timeout, as in Istio).</summary>
    private static HTTPRouteSpecRulesTimeoutsArgs? Timeouts(TrafficSplitArgs args, RoutePlan plan)
    {
        var request = plan.Timeout is { } timeout ? GatewayApiDuration.From(timeout) : null;
        // Istio reads backendRequest as the per-try timeout only when the rule has a retry stanza; without one it would
        // replace the route's timeout, so it is emitted only with retries.
        var backendRequest = args.GatewayApiRetries && plan.Retries.PerTryTimeout is { } perTry ? GatewayApiDuration.From(perTry) : null;
        return request is null && backendRequest is null
            ? null
            : new HTTPRouteSpecRulesTimeoutsArgs { Request = Optional.Of(request), BackendRequest = Optional.Of(backendRequest) };
    }
}
