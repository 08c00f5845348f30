using Frontend.Analysis.Manifests;
using Frontend.Analysis.Mesh;

namespace Frontend.Analysis.Users.Reading;

/// <summary>
/// Entry points and their routes from Gateway API HTTPRoutes: a Service parent (GAMMA) serves in-mesh callers of that
/// Service, a Gateway parent serves the route's hostnames through that Gateway. Backends are the version Services, so a
/// backend reads as the version it selects. Matches and retries are read as Istio translates them into its own routes,
/// so the same routes read the same as from a VirtualService. A route that only redirects (HTTP to HTTPS) reaches no
/// version and adds no entry point, as an Istio Gateway's <c>httpsRedirect</c> adds none.
/// </summary>
internal static class HttpRouteRoutes
{
    // Istio retries these on any HTTPRoute retry stanza, before the status codes (pilot's gateway conversion).
    private const string IstioRetryConditions = "connect-failure,refused-stream,unavailable,cancelled";

    public static IEnumerable<RoutedEntryPoint> Read(IReadOnlyList<Manifest> manifests)
    {
        var versions = VersionServices.Read(manifests);
        foreach (var route in manifests.Where(IsHttpRoute))
        {
            var rules = route.Body.MapAt("spec").MapsAt("rules");
            if (IsRedirectOnly(rules))
            {
                continue;
            }

            var plan = Plan(rules, route.EffectiveNamespace, versions);
            foreach (var entryPoint in EntryPoints(route))
            {
                yield return new RoutedEntryPoint(entryPoint, plan, route.DisplayName);
            }
        }
    }

    public static bool IsHttpRoute(Manifest manifest) => manifest is { Group: MeshInventory.GatewayApiGroup, Kind: "HTTPRoute" };

    /// <summary>Every rule redirects and none has a backend: the HTTP to HTTPS redirect.</summary>
    public static bool IsRedirectOnly(IReadOnlyList<IReadOnlyDictionary<string, object?>> rules) =>
        rules.Count > 0 && rules.All(rule => rule.MapsAt("backendRefs").Count == 0 && rule.MapsAt("filters").Any(filter => filter.StringAt("type") == "RequestRedirect"));

    private static IEnumerable<EntryPoint> EntryPoints(Manifest route)
    {
        var spec = route.Body.MapAt("spec");
        var hostnames = spec.StringsAt("hostnames");
        var entryPoints = new List<EntryPoint>();
        foreach (var parent in spec.MapsAt("parentRefs"))
        {
            var ns = parent.StringAt("namespace") ?? route.EffectiveNamespace;
            var name = parent.StringAt("name") ?? "";
            if (GatewayApiRoutes.IsServiceParent(parent))
            {
                entryPoints.Add(new EntryPoint(null, HostName.OfService(name, ns), IsServiceHost: true));
            }
            else if (GatewayApiRoutes.IsGatewayParent(parent))
            {
                // No hostnames: the route takes every host the listener accepts, as Istio writes it ("*").
                entryPoints.AddRange((hostnames.Count == 0 ? ["*"] : hostnames).Select(host => new EntryPoint($"{ns}/{name}", host, IsServiceHost: false)));
            }
        }

        return entryPoints.Distinct();
    }

    private static RoutePlan Plan(IReadOnlyList<IReadOnlyDictionary<string, object?>> rules, string ns, IReadOnlyDictionary<string, VersionService> versions)
    {
        string VersionOf(IReadOnlyDictionary<string, object?> backend) =>
            GatewayApiRoutes.ServiceReference(backend, ns) is { } service ? VersionServices.VersionOf(versions, service.Name, service.Namespace) : backend.TextAt("name") ?? "(no backend)";

        // Istio tries rules with matches before one without, whatever their order: the split is the rule without.
        var split = rules.LastOrDefault(CatchesAll);
        var backends = split.MapsAt("backendRefs");
        var cookies = backends.Select(SetCookie).OfType<string>().ToList();
        var stickyCookie = cookies.Count == 0 ? null : cookies[0][..Math.Max(0, cookies[0].IndexOf('=', StringComparison.Ordinal))];
        var values = backends
            .Select(backend => (Version: VersionOf(backend), Cookie: SetCookie(backend)))
            .Where(backend => backend.Cookie is not null)
            .GroupBy(backend => backend.Version, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.First().Cookie!.Split(';')[0][(stickyCookie!.Length + 1)..], StringComparer.Ordinal);
        bool IsSticky(IReadOnlyDictionary<string, object?> rule) =>
            stickyCookie is not null
            && rule.MapsAt("backendRefs") is [var only]
            && rule.MapsAt("matches") is [var match]
            && match.Count == 1
            && match.MapsAt("headers") is [var header]
            && string.Equals(header.StringAt("name"), "cookie", StringComparison.OrdinalIgnoreCase)
            && header.StringAt("type") == "RegularExpression"
            && VirtualServiceRoutes.CookiePair(Map(("regex", header.StringAt("value")))) == (stickyCookie, values.GetValueOrDefault(VersionOf(only)) ?? VersionOf(only));

        var retries = IstioRetries(split.MapAt("retry"), split.MapAt("timeouts").TextAt("backendRequest"));
        return new RoutePlan(
            rules.Where(rule => !CatchesAll(rule) && !IsSticky(rule))
                .Select(rule => VirtualServiceRoutes.Describe(
                    rule.TextAt("name") ?? "(unnamed)",
                    rule.MapsAt("matches").Select(IstioMatch).ToList(),
                    rule.MapsAt("backendRefs").Select(VersionOf).ToValueList()))
                .ToValueList(),
            stickyCookie is null ? null : new Stickiness(stickyCookie, cookies[0][(cookies[0].IndexOf(';', StringComparison.Ordinal) + 1)..].Trim(), rules.Where(IsSticky).Select(rule => VersionOf(rule.MapsAt("backendRefs")[0])).ToValueList()),
            Shares(backends, VersionOf),
            split.MapsAt("filters")
                .Where(filter => filter.StringAt("type") == "RequestMirror")
                .Select(filter => filter.MapAt("requestMirror"))
                .Select(mirror => new Mirror(VersionOf(mirror.MapOrEmpty("backendRef")), MirrorPercent(mirror)))
                .ToValueList(),
            retries is null ? null : string.Join(", ", TreeValues.Leaves(retries)),
            (retries.TextAt("retryOn") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToValueList(),
            split.MapAt("timeouts").TextAt("request"));
    }

    /// <summary>A rule without matches, or whose matches all come down to the default path prefix "/": it takes every request.</summary>
    private static bool CatchesAll(IReadOnlyDictionary<string, object?> rule) => rule.MapsAt("matches").All(match => IstioMatch(match).Count == 0);

    /// <summary>Weights are relative (default 1 each): each version's share is its percentage of their total, whole, adding up to 100.</summary>
    private static ValueList<Share> Shares(IReadOnlyList<IReadOnlyDictionary<string, object?>> backends, Func<IReadOnlyDictionary<string, object?>, string> versionOf)
    {
        var weights = backends.GroupBy(versionOf, StringComparer.Ordinal)
            .Select(group => (Version: group.Key, Weight: group.Sum(backend => backend.LongAt("weight") ?? 1)))
            .ToList();
        var total = weights.Sum(entry => entry.Weight);
        if (total <= 0)
        {
            return weights.Select(entry => new Share(entry.Version, 0)).ToValueList();
        }

        var percents = weights.Select(entry => entry.Weight * 100 / total).ToList();
        var leftOver = 100 - percents.Sum();
        foreach (var index in weights.Select((entry, index) => (Remainder: entry.Weight * 100 % total, Index: index))
                     .OrderByDescending(entry => entry.Remainder).ThenBy(entry => entry.Index).Take((int)leftOver).Select(entry => entry.Index))
        {
            percents[index]++;
        }

        return weights.Select((entry, index) => new Share(entry.Version, percents[index])).ToValueList();
    }

    /// <summary>The Set-Cookie value a backend's ResponseHeaderModifier adds or sets.</summary>
    private static string? SetCookie(IReadOnlyDictionary<string, object?> backend) =>
        backend.MapsAt("filters")
            .Where(filter => filter.StringAt("type") == "ResponseHeaderModifier")
            .Select(filter => filter.MapAt("responseHeaderModifier"))
            .SelectMany(modifier => modifier.MapsAt("add").Concat(modifier.MapsAt("set")))
            .Where(header => string.Equals(header.StringAt("name"), "set-cookie", StringComparison.OrdinalIgnoreCase))
            .Select(header => header.TextAt("value"))
            .FirstOrDefault();

    /// <summary><c>percent</c>, or <c>fraction</c> (denominator 100 unless given) as a percentage; 100 when neither is set.</summary>
    private static string MirrorPercent(IReadOnlyDictionary<string, object?>? mirror)
    {
        if (mirror.TextAt("percent") is { } percent)
        {
            return percent;
        }

        if (mirror.MapAt("fraction") is { } fraction && fraction.LongAt("numerator") is { } numerator)
        {
            var denominator = fraction.LongAt("denominator") ?? 100;
            return denominator == 0 ? "0" : TreeValues.Scalar(numerator * 100 % denominator == 0 ? numerator * 100 / denominator : (object)(numerator * 100.0 / denominator));
        }

        return "100";
    }

    /// <summary>
    /// The retries Istio gives a rule's <c>retry</c>: its attempts (default 2), connection errors and the codes, its backoff,
    /// and <c>timeouts.backendRequest</c> as each try's timeout (Istio reads it so only with a retry stanza).
    /// </summary>
    private static SortedDictionary<string, object?>? IstioRetries(IReadOnlyDictionary<string, object?>? retry, string? backendRequest)
    {
        if (retry is null)
        {
            return null;
        }

        var attempts = retry.LongAt("attempts") ?? 2;
        var codes = (retry.GetValueOrDefault("codes") as IReadOnlyList<object?> ?? []).OfType<object>().Select(TreeValues.Scalar);
        return Map(
            ("attempts", attempts),
            ("backoff", retry.TextAt("backoff")),
            ("perTryTimeout", attempts == 0 ? null : backendRequest),
            ("retryOn", attempts == 0 ? null : string.Join(",", new[] { IstioRetryConditions }.Concat(codes))));
    }

    /// <summary>An HTTPRoute match in the shape of Istio's HTTPMatchRequest, as Istio converts it; the default path prefix "/" matches everything and is left out.</summary>
    private static SortedDictionary<string, object?> IstioMatch(IReadOnlyDictionary<string, object?> match)
    {
        static IReadOnlyDictionary<string, object?> Comparison(string? type, string? value) =>
            Map((type switch { "RegularExpression" => "regex", "PathPrefix" => "prefix", _ => "exact" }, value));

        static IReadOnlyDictionary<string, object?>? Named(IReadOnlyList<IReadOnlyDictionary<string, object?>> items, bool lowerCase) =>
            items.Count == 0
                ? null
                : Map([.. items.Select(item => ((lowerCase ? item.StringAt("name")?.ToLowerInvariant() : item.StringAt("name")) ?? "", (object?)Comparison(item.StringAt("type"), item.TextAt("value"))))]);

        var path = match.MapAt("path");
        var pathType = path.StringAt("type") ?? "PathPrefix";
        var pathValue = path.StringAt("value") ?? "/";
        return Map(
            ("headers", Named(match.MapsAt("headers"), lowerCase: true)),
            ("method", match.StringAt("method") is { } method ? Comparison("Exact", method) : null),
            ("queryParams", Named(match.MapsAt("queryParams"), lowerCase: false)),
            ("uri", path is null || (pathType == "PathPrefix" && pathValue == "/") ? null : Comparison(pathType, pathValue)));
    }

    /// <summary>A map in canonical (ordinal) key order, without the null entries, as manifests hold them.</summary>
    private static SortedDictionary<string, object?> Map(params (string Key, object? Value)[] entries)
    {
        var map = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in entries.Where(entry => entry.Value is not null))
        {
            map[key] = value;
        }

        return map;
    }
}
