using System.Globalization;

namespace Frontend.Analysis.Users.Changes;

/// <summary>
/// What changes for users between two renders of a stack, in the order a reviewer reads it: each version's share per
/// entry point first (so a weight change is approved from the first lines), then entry points, versions, routes,
/// policies, capacity and placement. Each sentence that deserves a second look carries its risk.
/// </summary>
public static class UserChanges
{
    private const string IstioDefault = "Istio's default";
    private const string DefaultRetries = "not set (Istio's default: 2 attempts)";
    private const string AutoMtls = "not set (Istio auto mTLS)";
    private const string NoPeerAuthentication = "no PeerAuthentication (the namespace's or mesh's policy applies)";

    // retryOn conditions that retry a request the app may already have acted on: a POST could run twice.
    private static readonly string[] NonIdempotentRetries = ["5xx", "reset", "gateway-error"];

    public static IReadOnlyList<ChangeSentence> Compare(UserView before, UserView after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var common = after.EntryPoints.Select(routed => routed.EntryPoint).Where(entryPoint => Plan(before, entryPoint) is not null).ToList();

        // Versions that no entry point reached in the base and one reaches now: the sentence that gives them users
        // says so, their share's if they get one, otherwise their match route's.
        var firstTraffic = after.Versions.Select(version => version.Name).Where(name => after.SendsUsersTo(name) && !before.SendsUsersTo(name)).ToHashSet(StringComparer.Ordinal);
        var firstTrafficByRouteOnly = firstTraffic.Where(name => after.EntryPoints.All(routed => routed.Plan.ShareOf(name) == 0)).ToHashSet(StringComparer.Ordinal);
        return
        [
            .. Shares(before, after, common, firstTraffic),
            .. EntryPoints(before, after),
            .. Versions(before, after),
            .. RouteChanges(before, after, common, firstTrafficByRouteOnly),
            .. Policies(before.Policies, after.Policies),
            .. Capacity(before, after),
            .. Placement(before, after),
        ];
    }

    /// <summary>"v2: 10% → 25% (www.example.com via istio-ingress/public-gateway, and in-mesh callers)", one per version and change.</summary>
    private static IEnumerable<ChangeSentence> Shares(UserView before, UserView after, List<EntryPoint> common, HashSet<string> firstTraffic)
    {
        var canary = after.Facts.RolloutCanary;
        var steps = after.Facts.RolloutSteps?.AsEnumerable() ?? [];
        var versions = after.Versions.Select(v => v.Name).Concat(before.Versions.Select(v => v.Name)).Distinct(StringComparer.Ordinal);
        var flagged = new HashSet<string>(StringComparer.Ordinal);
        foreach (var version in versions)
        {
            var changes = common
                .Select(entryPoint => (EntryPoint: entryPoint, Before: Plan(before, entryPoint)!.ShareOf(version), After: Plan(after, entryPoint)!.ShareOf(version)))
                .Where(change => change.Before != change.After)
                .GroupBy(change => (change.Before, change.After));
            foreach (var change in changes)
            {
                var sentence = new ChangeSentence($"{version}: {change.Key.Before}% → {change.Key.After}% ({Labels(change.Select(c => c.EntryPoint))})");
                if (change.Key.After > 0 && firstTraffic.Contains(version) && flagged.Add(version))
                {
                    sentence = sentence.WithRisk(FirstTraffic(version));
                }

                var nextStep = steps.Where(step => step > change.Key.Before).DefaultIfEmpty(-1).Min();
                yield return version == canary && nextStep >= 0 && change.Key.After > nextStep
                    ? sentence.WithRisk($"a larger step than the rollout plan's next one ({change.Key.Before}% → {nextStep}%)")
                    : sentence;
            }
        }
    }

    private static IEnumerable<ChangeSentence> EntryPoints(UserView before, UserView after)
    {
        foreach (var added in after.EntryPoints.Where(routed => Plan(before, routed.EntryPoint) is null))
        {
            yield return new ChangeSentence($"new entry point: {Detailed(added.EntryPoint)} ({Split(added.Plan)})");
        }

        foreach (var removed in before.EntryPoints.Where(routed => Plan(after, routed.EntryPoint) is null))
        {
            yield return new ChangeSentence($"entry point removed: {Detailed(removed.EntryPoint)} (was {Split(removed.Plan)})");
        }
    }

    private static IEnumerable<ChangeSentence> Versions(UserView before, UserView after)
    {
        foreach (var added in after.Versions.Where(version => before.Version(version.Name) is null))
        {
            yield return new ChangeSentence($"{added.Name} added: {Pods(added)}");
        }

        foreach (var removed in before.Versions.Where(version => after.Version(version.Name) is null))
        {
            var sentence = new ChangeSentence($"{removed.Name} removed (it ran {Pods(removed)})");
            yield return before.SendsUsersTo(removed.Name)
                ? sentence.WithRisk($"{removed.Name} still had users in the base: take it to 0% first, then remove it")
                : sentence;
        }

        foreach (var (old, current) in Both(before, after).Where(pair => pair.Before.Images != pair.After.Images))
        {
            yield return new ChangeSentence($"{current.Name} image: {old.Images ?? "none"} → {current.Images ?? "none"}");
        }
    }

    /// <summary>The routes compared at every entry point both renders route; a sentence names its entry points only when it does not hold for all.</summary>
    private static IEnumerable<ChangeSentence> RouteChanges(UserView before, UserView after, List<EntryPoint> common, HashSet<string> firstTrafficByRouteOnly)
    {
        var everywhere = common.Count == Math.Max(before.EntryPoints.Count, after.EntryPoints.Count);
        return common
            .SelectMany(entryPoint => Routes(Plan(before, entryPoint)!, Plan(after, entryPoint)!, firstTrafficByRouteOnly).Select(sentence => (Sentence: sentence, EntryPoint: entryPoint)))
            .GroupBy(pair => pair.Sentence)
            .Select(group => everywhere && group.Count() == common.Count ? group.Key : group.Key with { Text = $"{group.Key.Text} ({Labels(group.Select(pair => pair.EntryPoint))})" });
    }

    private static IEnumerable<ChangeSentence> Routes(RoutePlan before, RoutePlan after, HashSet<string> firstTrafficByRouteOnly)
    {
        foreach (var route in after.MatchRoutes)
        {
            var old = before.MatchRoutes.FirstOrDefault(r => r.Name == route.Name);
            if (old == route)
            {
                continue;
            }

            var sentence = new ChangeSentence(old is null ? $"match route `{route.Name}` added: {Words(route)}" : $"match route `{route.Name}`: {Words(old)} becomes {Words(route)}");
            var first = route.Versions.Where(firstTrafficByRouteOnly.Contains).ToList();
            yield return first.Aggregate(sentence, (flagged, version) => flagged.WithRisk(FirstTraffic(version)));
        }

        foreach (var removed in before.MatchRoutes.Where(route => after.MatchRoutes.All(r => r.Name != route.Name)))
        {
            yield return new ChangeSentence($"match route `{removed.Name}` removed: {removed.Words} no longer go to {string.Join(", ", removed.Versions)} (they get the split)");
        }

        foreach (var sentence in Stickiness(before.Stickiness, after.Stickiness))
        {
            yield return sentence;
        }

        foreach (var sentence in Mirrors(before.Mirrors, after.Mirrors))
        {
            yield return sentence;
        }

        if (before.Retries != after.Retries)
        {
            var sentence = new ChangeSentence($"retries: {before.Retries ?? DefaultRetries} → {after.Retries ?? DefaultRetries}");
            var risky = after.RetryOn.Intersect(NonIdempotentRetries, StringComparer.Ordinal).Except(before.RetryOn, StringComparer.Ordinal).ToList();
            yield return risky.Count > 0
                ? sentence.WithRisk($"retries now cover non-idempotent failures ({string.Join(", ", risky)}): a request the app already acted on may run twice")
                : sentence;
        }

        if (before.Timeout != after.Timeout)
        {
            yield return new ChangeSentence($"timeout: {before.Timeout ?? "none"} → {after.Timeout ?? "none"}");
        }
    }

    private static IEnumerable<ChangeSentence> Stickiness(Stickiness? before, Stickiness? after)
    {
        switch (before, after)
        {
            case (null, null):
                yield break;
            case (null, { } on):
                yield return new ChangeSentence($"stickiness on: visitors carrying cookie `{on.Cookie}` return to their version ({string.Join(", ", on.Versions)}); each response of the split adds it ({on.Attributes})");
                yield break;
            case ({ } off, null):
                yield return new ChangeSentence($"stickiness off: cookie `{off.Cookie}` no longer returns visitors to their version; each request is split afresh");
                yield break;
        }

        if (before.Cookie != after.Cookie)
        {
            yield return new ChangeSentence($"stickiness cookie: `{before.Cookie}` → `{after.Cookie}` (visitors holding the old cookie are split afresh once)");
        }

        if (before with { Versions = after.Versions, Cookie = after.Cookie } != after)
        {
            yield return new ChangeSentence($"stickiness cookie attributes: {before.Attributes} → {after.Attributes}");
        }

        foreach (var version in after.Versions.Except(before.Versions, StringComparer.Ordinal))
        {
            yield return new ChangeSentence($"visitors carrying {version}'s cookie now return to {version}");
        }

        foreach (var version in before.Versions.Except(after.Versions, StringComparer.Ordinal))
        {
            yield return new ChangeSentence($"visitors carrying {version}'s cookie no longer return to {version}: they get the split afresh");
        }
    }

    private static IEnumerable<ChangeSentence> Mirrors(ValueList<Mirror> before, ValueList<Mirror> after)
    {
        foreach (var mirror in after)
        {
            var old = before.FirstOrDefault(m => m.Version == mirror.Version);
            if (old is null)
            {
                yield return new ChangeSentence($"mirroring on: {mirror.Percent}% of the split's requests copied to {mirror.Version} (responses discarded)");
            }
            else if (old.Percent != mirror.Percent)
            {
                yield return new ChangeSentence($"mirroring to {mirror.Version}: {old.Percent}% → {mirror.Percent}% of the split's requests");
            }
        }

        foreach (var mirror in before.Where(m => after.All(current => current.Version != m.Version)))
        {
            yield return new ChangeSentence($"mirroring off: {mirror.Version} no longer gets copies of the split's requests");
        }
    }

    private static IEnumerable<ChangeSentence> Policies(TrafficPolicies before, TrafficPolicies after)
    {
        if (before.LoadBalancer != after.LoadBalancer)
        {
            yield return new ChangeSentence($"load balancing: {before.LoadBalancer ?? IstioDefault} → {after.LoadBalancer ?? IstioDefault}");
        }

        if (before.ConnectionPool != after.ConnectionPool)
        {
            yield return new ChangeSentence($"connection pool: {before.ConnectionPool ?? IstioDefault} → {after.ConnectionPool ?? IstioDefault}");
        }

        if (before.OutlierDetection != after.OutlierDetection)
        {
            yield return new ChangeSentence($"outlier detection: {before.OutlierDetection ?? "off"} → {after.OutlierDetection ?? "off"}");
        }

        if (before.ClientTls != after.ClientTls)
        {
            var sentence = new ChangeSentence($"client TLS: {before.ClientTls ?? AutoMtls} → {after.ClientTls ?? AutoMtls}");
            yield return ClientTlsStrength(after.ClientTls) < ClientTlsStrength(before.ClientTls) ? sentence.WithRisk("TLS weakened: calls to the app may go out in plain text") : sentence;
        }

        if (before.Mtls != after.Mtls)
        {
            var sentence = new ChangeSentence($"mTLS: {before.Mtls ?? NoPeerAuthentication} → {after.Mtls ?? NoPeerAuthentication}");
            yield return MtlsStrength(after.Mtls) < MtlsStrength(before.Mtls) ? sentence.WithRisk("mTLS weakened: the app may accept plain text") : sentence;
        }
    }

    private static IEnumerable<ChangeSentence> Capacity(UserView before, UserView after)
    {
        var production = before.Facts.Production == true || after.Facts.Production == true;
        foreach (var (old, current) in Both(before, after))
        {
            if (old.Capacity != current.Capacity && current.Capacity is { } capacity)
            {
                var switched = (old.Capacity?.Autoscaled, capacity.Autoscaled) switch
                {
                    (false, true) => " (autoscaling on)",
                    (true, false) => " (autoscaling off)",
                    _ => "",
                };
                yield return new ChangeSentence($"{current.Name} capacity: {old.Capacity?.Text ?? "no pods"} → {capacity.Text}{switched}");
            }

            if (old.Budget != current.Budget)
            {
                var sentence = new ChangeSentence($"{current.Name} disruption budget: {old.Budget ?? "none"} → {current.Budget ?? "none"}");
                yield return production && current.Budget is null
                    ? sentence.WithRisk($"a production budget is lost: a node drain may take every {current.Name} pod at once")
                    : sentence;
            }

            if (old.OwnPolicy != current.OwnPolicy)
            {
                yield return new ChangeSentence($"{current.Name}'s own traffic policy: {old.OwnPolicy ?? "none"} → {current.OwnPolicy ?? "none"}");
            }
        }
    }

    private static IEnumerable<ChangeSentence> Placement(UserView before, UserView after)
    {
        if (!before.Namespaces.Equals(after.Namespaces) && before.Namespaces.Count > 0 && after.Namespaces.Count > 0)
        {
            yield return new ChangeSentence($"namespace: {before.Namespaces} → {after.Namespaces}")
                .WithRisk("replaces every resource: each is created in the new namespace and deleted from the old");
        }

        var (old, current) = (before.Facts, after.Facts);
        if (old.ClusterContext is not null && current.ClusterContext is not null
            && (old.ClusterContext != current.ClusterContext || old.ClusterIdentifier != current.ClusterIdentifier))
        {
            var sentence = new ChangeSentence($"cluster: kube context {old.ClusterContext} (identifier {old.ClusterIdentifier}) → kube context {current.ClusterContext} (identifier {current.ClusterIdentifier})");
            yield return old.ClusterIdentifier != current.ClusterIdentifier
                ? sentence.WithRisk("a new cluster identifier replaces the provider and every resource")
                : sentence;
        }

        if (before.DestinationRule is { } oldRule && after.DestinationRule is { } newRule && oldRule != newRule)
        {
            yield return new ChangeSentence($"DestinationRule {oldRule} → {newRule} (its name follows the set of versions)")
                .WithRisk("replaces a resource: the new rule is created first, the old one deleted at the end of the update");
        }
    }

    private static string FirstTraffic(string version) => $"first traffic to {version}: no user has reached its pods yet";

    private static RoutePlan? Plan(UserView view, EntryPoint entryPoint) =>
        view.EntryPoints.FirstOrDefault(routed => routed.EntryPoint == entryPoint)?.Plan;

    private static IEnumerable<(VersionView Before, VersionView After)> Both(UserView before, UserView after) =>
        after.Versions.Select(version => (Before: before.Version(version.Name), After: version))
            .Where(pair => pair.Before is not null)
            .Select(pair => (pair.Before!, pair.After));

    /// <summary>"www.example.com via istio-ingress/public-gateway, and in-mesh callers": gateways first, as visitors come in there.</summary>
    private static string Labels(IEnumerable<EntryPoint> entryPoints)
    {
        var labels = entryPoints.OrderBy(entryPoint => entryPoint.InMesh).Select(entryPoint => entryPoint.Label).ToList();
        return labels.Count == 1 ? labels[0] : $"{string.Join(", ", labels[..^1])}, and {labels[^1]}";
    }

    /// <summary>An entry point with its host even for in-mesh callers: a new Service host is one callers must use.</summary>
    private static string Detailed(EntryPoint entryPoint) => entryPoint.InMesh ? $"in-mesh callers of {entryPoint.Host}" : entryPoint.Label;

    private static string Split(RoutePlan plan) =>
        plan.Split.Count == 0 ? "no weighted split" : string.Join(", ", plan.Split.Select(share => $"{share.Version} {share.Percent.ToString(CultureInfo.InvariantCulture)}%"));

    private static string Words(MatchRoute route) => $"{route.Words} → {string.Join(", ", route.Versions)}";

    private static string Pods(VersionView version) => version.Capacity is { } capacity ? $"{capacity.Text} of {version.Images}" : "no Deployment";

    private static int MtlsStrength(string? mode) => mode switch
    {
        "STRICT" => 3,
        "DISABLE" => 0,
        _ => 2,
    };

    private static int ClientTlsStrength(string? tls)
    {
        var mode = tls is null ? null : tls.Contains("mode=", StringComparison.Ordinal) ? tls.Split("mode=")[1].Split(',')[0] : tls;
        return mode switch
        {
            "ISTIO_MUTUAL" or "MUTUAL" => 3,
            "SIMPLE" => 2,
            null => 1,
            _ => 0,
        };
    }
}
