using System.Text.RegularExpressions;
using Frontend.Analysis.Manifests;
using Frontend.Analysis.Mesh;

namespace Frontend.Analysis.Users.Reading;

/// <summary>
/// Entry points and their routes from Istio VirtualServices, however many there are: one bound to <c>mesh</c> and the
/// gateways, or one per binding. Another way of routing (Gateway API HTTPRoutes) is another reader beside this one.
/// </summary>
internal static class VirtualServiceRoutes
{
    // The program's cookie match, as Envoy sees the Cookie header: the pair anywhere in it (Routes.CookieMatch).
    private static readonly Regex CookiePattern = new(@"^\^\(\.\*;\\s\*\)\?(?<pair>.+)\(;\.\*\)\?\$$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture);

    public static IEnumerable<RoutedEntryPoint> Read(IReadOnlyList<Manifest> manifests)
    {
        var serviceHosts = manifests.Where(m => m is { Group: "", Kind: "Service" })
            .Select(m => HostName.OfService(m.Name, m.EffectiveNamespace))
            .ToHashSet(StringComparer.Ordinal);
        var versions = VersionServices.Read(manifests);
        foreach (var virtualService in manifests.Where(m => m is { Group: "networking.istio.io", Kind: "VirtualService" }))
        {
            var plan = NamedByVersion(Plan(virtualService.Body.MapAt("spec")), versions, virtualService.EffectiveNamespace);
            foreach (var entryPoint in EntryPoints(virtualService, serviceHosts))
            {
                yield return new RoutedEntryPoint(entryPoint, plan, virtualService.DisplayName);
            }
        }
    }

    /// <summary>
    /// The sidecars (<c>mesh</c>) serve in-mesh callers of the Service's own host; a gateway serves the external hosts.
    /// A binding with none of the hosts it usually serves takes the others, so no bound host goes unseen.
    /// </summary>
    private static IEnumerable<EntryPoint> EntryPoints(Manifest virtualService, HashSet<string> serviceHosts)
    {
        var hosts = virtualService.Body.MapAt("spec").StringsAt("hosts")
            .Select(host => (Written: host, Qualified: HostName.Qualify(host, virtualService.EffectiveNamespace)))
            .DistinctBy(host => host.Qualified)
            .ToList();
        var own = hosts.Where(host => serviceHosts.Contains(host.Qualified)).Select(host => new EntryPoint(null, host.Qualified, IsServiceHost: true)).ToList();
        var external = hosts.Where(host => !serviceHosts.Contains(host.Qualified)).Select(host => new EntryPoint(null, host.Written, IsServiceHost: false)).ToList();
        if (MeshInventory.BindsToMesh(virtualService))
        {
            foreach (var entryPoint in own.Count > 0 ? own : external)
            {
                yield return entryPoint;
            }
        }

        foreach (var gateway in MeshInventory.BoundGateways(virtualService))
        {
            foreach (var entryPoint in external.Count > 0 ? external : own)
            {
                yield return entryPoint with { Gateway = gateway };
            }
        }
    }

    private static RoutePlan Plan(IReadOnlyDictionary<string, object?>? spec)
    {
        var http = spec.MapsAt("http");

        // The split is the last route without a match, as the program writes it; a TCP port has only that route.
        var split = http.LastOrDefault(route => !route.ContainsKey("match")) ?? spec.MapsAt("tcp").LastOrDefault(route => !route.ContainsKey("match"));
        var destinations = split.MapsAt("route");
        var cookies = destinations.Select(d => d.MapAt("headers").MapAt("response").MapAt("add").TextAt("set-cookie")).OfType<string>().ToList();
        var stickyCookie = cookies.Count == 0 ? null : cookies[0][..Math.Max(0, cookies[0].IndexOf('=', StringComparison.Ordinal))];
        // Each version's cookie value is what its weighted destination sets: its name, or for a rollout's canary the
        // name and the attempt (v2.1); the sticky route for that version matches the same pair.
        var values = destinations
            .Select(d => (Subset: SubsetOf(d), Cookie: d.MapAt("headers").MapAt("response").MapAt("add").TextAt("set-cookie")))
            .Where(d => d.Cookie is not null)
            .GroupBy(d => d.Subset, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Cookie!.Split(';')[0][(stickyCookie!.Length + 1)..], StringComparer.Ordinal);
        bool IsSticky(IReadOnlyDictionary<string, object?> route) => IsStickyRoute(route, stickyCookie, values);
        var stickyVersions = http.Where(IsSticky).Select(route => SubsetOf(route.MapsAt("route")[0])).ToValueList();
        var retries = split.MapAt("retries");
        return new RoutePlan(
            http.Where(route => route.ContainsKey("match") && !IsSticky(route)).Select(MatchRoute).ToValueList(),
            stickyCookie is null ? null : new Stickiness(stickyCookie, cookies[0][(cookies[0].IndexOf(';', StringComparison.Ordinal) + 1)..].Trim(), stickyVersions),
            destinations.GroupBy(SubsetOf, StringComparer.Ordinal)
                .Select(group => new Share(group.Key, group.First().LongAt("weight") ?? (destinations.Count == 1 ? 100 : 0)))
                .ToValueList(),
            split.MapsAt("mirrors").Select(mirror => new Mirror(SubsetOf(mirror), mirror.MapAt("percentage").TextAt("value") ?? "100")).ToValueList(),
            retries is null ? null : string.Join(", ", TreeValues.Leaves(retries)),
            (retries.TextAt("retryOn") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToValueList(),
            split.TextAt("timeout"));
    }

    /// <summary>
    /// A destination without a subset names its version by the version Service's host (an ingress VirtualService beside
    /// Gateway API routes, while a migration moves the mesh first): such a host reads as the version it stands for.
    /// </summary>
    private static RoutePlan NamedByVersion(RoutePlan plan, IReadOnlyDictionary<string, VersionService> versions, string ns)
    {
        if (versions.Count == 0)
        {
            return plan;
        }

        string Name(string destination) => versions.TryGetValue(HostName.Qualify(destination, ns), out var version) ? version.Version : destination;
        return plan with
        {
            MatchRoutes = plan.MatchRoutes.Select(route => route with { Versions = route.Versions.Select(Name).ToValueList() }).ToValueList(),
            Stickiness = plan.Stickiness is { } sticky ? sticky with { Versions = sticky.Versions.Select(Name).ToValueList() } : null,
            Split = plan.Split.Select(share => share with { Version = Name(share.Version) }).ToValueList(),
            Mirrors = plan.Mirrors.Select(mirror => mirror with { Version = Name(mirror.Version) }).ToValueList(),
        };
    }

    /// <summary>A route that sends the requests carrying the sticky cookie for one version (with that version's value) to that version.</summary>
    private static bool IsStickyRoute(IReadOnlyDictionary<string, object?> route, string? stickyCookie, IReadOnlyDictionary<string, string> values) =>
        stickyCookie is not null
        && route.MapsAt("route") is [var only]
        && route.MapsAt("match") is [var match]
        && match.Count == 1
        && match.MapAt("headers") is { Count: 1 } headers
        && CookiePair(headers.MapAt("cookie")) == (stickyCookie, values.GetValueOrDefault(SubsetOf(only)) ?? SubsetOf(only));

    private static MatchRoute MatchRoute(IReadOnlyDictionary<string, object?> route) =>
        Describe(route.TextAt("name") ?? "(unnamed)", route.MapsAt("match"), route.MapsAt("route").Select(SubsetOf).ToValueList());

    /// <summary>A match route in words and fields from Istio's match shape, which other readers translate theirs into.</summary>
    internal static MatchRoute Describe(string name, IReadOnlyList<IReadOnlyDictionary<string, object?>> matches, ValueList<string> versions) => new(
        name,
        "requests with " + string.Join(" or ", matches.Select(match => string.Join(" and ", Conditions(match)))),
        string.Join(" or ", matches.Select(match => string.Join(", ", TreeValues.Leaves(match)))),
        versions);

    /// <summary>A match in words: "header `x-canary: always`", "cookie `tester=yes`", or its fields for anything else.</summary>
    private static IEnumerable<string> Conditions(IReadOnlyDictionary<string, object?> match)
    {
        foreach (var (key, value) in match)
        {
            if (key != "headers" || value is not IReadOnlyDictionary<string, object?> headers)
            {
                yield return $"`{string.Join(", ", TreeValues.Leaves(value, key))}`";
                continue;
            }

            foreach (var (name, comparison) in headers)
            {
                var compare = comparison as IReadOnlyDictionary<string, object?>;
                yield return name == "cookie" && CookiePair(compare) is ({ } cookie, { } cookieValue)
                    ? $"cookie `{cookie}={cookieValue}`"
                    : (compare.TextAt("exact"), compare.TextAt("prefix"), compare.TextAt("regex")) switch
                    {
                        ({ } exact, _, _) => $"header `{name}: {exact}`",
                        (_, { } prefix, _) => $"header `{name}` starting with `{prefix}`",
                        (_, _, { } regex) => $"header `{name}` matching `{regex}`",
                        _ => $"header `{string.Join(", ", TreeValues.Leaves(comparison, name))}`",
                    };
            }
        }
    }

    /// <summary>The cookie name and value a Cookie-header regex of the program's shape looks for; nulls for any other.</summary>
    internal static (string? Name, string? Value) CookiePair(IReadOnlyDictionary<string, object?>? comparison)
    {
        if (comparison.TextAt("regex") is not { } regex || CookiePattern.Match(regex) is not { Success: true } found)
        {
            return (null, null);
        }

        var pair = found.Groups["pair"].Value.Split('=', 2);
        try
        {
            return pair.Length == 2 ? (Regex.Unescape(pair[0]), Regex.Unescape(pair[1])) : (null, null);
        }
        catch (ArgumentException)
        {
            // A hand-written pattern with a class such as \d matches more than one cookie: it stays a regex.
            return (null, null);
        }
    }

    private static string SubsetOf(IReadOnlyDictionary<string, object?> destination) =>
        destination.MapAt("destination").TextAt("subset") ?? destination.MapAt("destination").TextAt("host") ?? "(no destination)";
}
