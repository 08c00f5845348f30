using Frontend.Infra.Configuration;

namespace Frontend.Infra.Components;

/// <summary>
/// The split's HTTP routes in the order a proxy tries them (the first that matches wins), in terms of neither
/// Istio's VirtualService nor the Gateway API's HTTPRoute, so that each is an emission of the same plan: every
/// entry point gets the same routes. Every route carries <paramref name="Retries"/> and <paramref name="Timeout"/>;
/// the routes of the split also carry the mirror.
/// </summary>
/// <param name="Retries">The retries every route carries: the stack's, or the safe default (see <see cref="RetryRules.Effective"/>).</param>
/// <param name="Timeout">An Istio duration; null for no timeout.</param>
internal sealed record RoutePlan(IReadOnlyList<PlannedRoute> Routes, RetriesConfig Retries, string? Timeout)
{
    /// <summary>
    /// Each match route (testers) in config order; with stickiness, one route per weighted version that sends
    /// requests carrying that version's cookie back to it; then the weighted route across every version that has a
    /// weight, each destination adding the cookie for its version. A version at weight 0 is left out of the split
    /// and has no sticky route, so its visitors are split afresh when it is drained or rolled back.
    /// </summary>
    public static RoutePlan For(IReadOnlyList<VersionConfig> versions, RoutingConfig routing, StickinessConfig? stickiness, RolloutConfig? rollout)
    {
        var mirror = routing.Mirror is { } copy ? new PlannedMirror(copy.Version, copy.Percent) : null;
        var routes = new List<PlannedRoute>();
        routes.AddRange(routing.Matches.Select(match => new PlannedRoute(match.Name, MatchOf(match), [new PlannedDestination(match.Version)], Split: false)));
        var weighted = versions.Where(v => v.Weight > 0).ToList();
        if (stickiness is { } sticky)
        {
            routes.AddRange(weighted.Select(version => new PlannedRoute(
                StickinessRules.RouteName(version.Name),
                CookieMatch(new CookieMatchConfig { Name = sticky.Cookie, Value = StickinessRules.CookieValue(rollout, version.Name) }, fromRouting: false),
                [new PlannedDestination(version.Name)],
                Split: true) { Mirror = mirror }));
        }

        routes.Add(new PlannedRoute(
            MatchRouteRules.WeightedRouteName,
            Match: null,
            [.. weighted.Select(v => new PlannedDestination(v.Name, v.Weight, stickiness?.SetCookie(StickinessRules.CookieValue(rollout, v.Name))))],
            Split: true) { Mirror = mirror });
        return new RoutePlan(routes, RetryRules.Effective(routing.Retries), routing.Timeout);
    }

    private static PlannedMatch MatchOf(MatchRouteConfig route) => route switch
    {
        { Header: { Exact: { } exact } header } => new PlannedMatch(header.Name, "exact", exact, FromRouting: true),
        { Header: { Prefix: { } prefix } header } => new PlannedMatch(header.Name, "prefix", prefix, FromRouting: true),
        { Header: { Regex: { } regex } header } => new PlannedMatch(header.Name, "regex", regex, FromRouting: true),
        { Cookie: { } cookie } => CookieMatch(cookie, fromRouting: true),
        _ => throw new InvalidOperationException($"Route '{route.Name}' has neither header nor cookie; validation should have refused it."),
    };

    /// <summary>The cookie as one of the pairs in the Cookie header, in RE2 as Envoy evaluates it.</summary>
    private static PlannedMatch CookieMatch(CookieMatchConfig cookie, bool fromRouting) =>
        new("cookie", "regex", $"^(.*;\\s*)?{System.Text.RegularExpressions.Regex.Escape(cookie.Name)}={System.Text.RegularExpressions.Regex.Escape(cookie.Value)}(;.*)?$", fromRouting);
}

/// <param name="Split">Part of the split (the sticky and weighted routes), which carries the mirror; the testers' routes do not.</param>
internal sealed record PlannedRoute(string Name, PlannedMatch? Match, IReadOnlyList<PlannedDestination> Destinations, bool Split)
{
    /// <summary>A copy of this route's requests to another version; only on the split's routes.</summary>
    public PlannedMirror? Mirror { get; init; }
}

/// <summary>A copy of <paramref name="Percent"/> percent (fractions allowed) of a route's requests to <paramref name="Version"/>, whose responses are dropped.</summary>
internal sealed record PlannedMirror(string Version, double Percent);

/// <summary>
/// A request header compared by <paramref name="Kind"/> (exact, prefix or regex). <paramref name="FromRouting"/>: the
/// value comes from <c>frontend:routing</c>, so it is a secret when that key is one.
/// </summary>
internal sealed record PlannedMatch(string Header, string Kind, string Value, bool FromRouting);

/// <param name="Weight">Null on a route with one destination, which takes everything.</param>
/// <param name="SetCookie">A <c>Set-Cookie</c> added to this destination's responses (stickiness).</param>
internal sealed record PlannedDestination(string Version, int? Weight = null, string? SetCookie = null);
