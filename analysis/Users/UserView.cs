using Frontend.Analysis.Manifests;
using Frontend.Analysis.Users.Reading;

namespace Frontend.Analysis.Users;

/// <summary>
/// What the users of one stack get, read from its rendered manifests: per entry point, which requests reach which
/// version; per version, what runs; the policies every request meets; and where it all lives. <c>render</c>'s summary
/// prints one, <c>diff</c> compares two, so both say the same about the same manifests.
/// </summary>
public sealed record UserView(
    ValueList<RoutedEntryPoint> EntryPoints,
    ValueList<VersionView> Versions,
    TrafficPolicies Policies,
    string? DestinationRule,
    ValueList<string> Namespaces,
    StackFacts Facts)
{
    /// <summary>
    /// Reads the manifests once. Routes come from each route reader in turn (today Istio's VirtualServices); an entry
    /// point two resources claim keeps the first, as IST0109 reports the conflict.
    /// </summary>
    public static UserView Read(IReadOnlyList<Manifest> manifests, StackFacts facts)
    {
        ArgumentNullException.ThrowIfNull(manifests);
        ArgumentNullException.ThrowIfNull(facts);
        var entryPoints = VirtualServiceRoutes.Read(manifests)
            .Concat(HttpRouteRoutes.Read(manifests))
            .DistinctBy(routed => routed.EntryPoint)
            .ToValueList();
        var routedVersions = entryPoints.SelectMany(routed => routed.Plan.ReachedVersions);
        var namespaces = manifests.Where(m => !m.IsClusterScoped).Select(m => m.EffectiveNamespace).Distinct().Order(StringComparer.Ordinal).ToValueList();
        if (manifests.Any(HttpRouteRoutes.IsHttpRoute))
        {
            // Gateway API names versions by their Services, and each version's DestinationRule holds its whole policy.
            var versions = VersionServicePolicies.Read(manifests);
            return new UserView(
                entryPoints,
                Workloads.Versions(versions.Versions, routedVersions, manifests).ToValueList(),
                DestinationRulePolicies.Read(versions.Shared, manifests),
                null,
                namespaces,
                facts);
        }

        var destinationRule = manifests.FirstOrDefault(m => m is { Group: "networking.istio.io", Kind: "DestinationRule" });
        return new UserView(
            entryPoints,
            Workloads.Versions(destinationRule, routedVersions, manifests).ToValueList(),
            DestinationRulePolicies.Read(destinationRule?.Body.MapAt("spec").MapAt("trafficPolicy"), manifests),
            destinationRule?.Name,
            namespaces,
            facts);
    }

    /// <summary>Entry points that get the same routes, in first-seen order: one group today, one per plan if they ever differ.</summary>
    public IReadOnlyList<IReadOnlyList<RoutedEntryPoint>> GroupedByPlan() =>
        EntryPoints.GroupBy(routed => routed.Plan).Select(group => (IReadOnlyList<RoutedEntryPoint>)group.ToList()).ToList();

    public VersionView? Version(string name) => Versions.FirstOrDefault(version => version.Name == name);

    /// <summary>Whether any entry point sends users to the version: a share of the split, or a tester's or sticky route.</summary>
    public bool SendsUsersTo(string version) => EntryPoints.Any(routed => routed.Plan.ReachedVersions.Contains(version));
}

/// <summary>
/// Where requests come in: in-mesh callers (<see cref="Gateway"/> null, through the sidecars) or a gateway for a host.
/// <see cref="IsServiceHost"/> says the host is the Service's own name rather than an external one.
/// </summary>
public sealed record EntryPoint(string? Gateway, string Host, bool IsServiceHost)
{
    public bool InMesh => Gateway is null;

    public string Label => (InMesh, IsServiceHost) switch
    {
        (true, true) => "in-mesh callers",
        (true, false) => $"in-mesh callers of {Host}",
        _ => $"{Host} via {Gateway}",
    };
}

/// <summary>An entry point, the routes it gets, and the resource that declares them ("VirtualService shop/frontend").</summary>
public sealed record RoutedEntryPoint(EntryPoint EntryPoint, RoutePlan Plan, string Source);

/// <summary>
/// The routes one entry point gets, in the order they are tried: testers' match routes, the sticky routes that send a
/// version's cookie back to it, then the weighted split; with the split's mirroring, retries and timeout.
/// </summary>
public sealed record RoutePlan(
    ValueList<MatchRoute> MatchRoutes,
    Stickiness? Stickiness,
    ValueList<Share> Split,
    ValueList<Mirror> Mirrors,
    string? Retries,
    ValueList<string> RetryOn,
    string? Timeout)
{
    public long ShareOf(string version) => Split.Where(share => share.Version == version).Sum(share => share.Percent);

    /// <summary>The versions some request reaches: in the split with a share, or named by a match or sticky route.</summary>
    public IEnumerable<string> ReachedVersions => Split.Where(share => share.Percent > 0).Select(share => share.Version)
        .Concat(MatchRoutes.SelectMany(route => route.Versions))
        .Concat(Stickiness?.Versions.AsEnumerable() ?? [])
        .Distinct(StringComparer.Ordinal);
}

/// <summary>
/// A route tried before the split. <see cref="Words"/> says who it catches ("requests with header `x-canary: always`"),
/// <see cref="Fields"/> the same as match fields (<c>headers.x-canary.exact=always</c>).
/// </summary>
public sealed record MatchRoute(string Name, string Words, string Fields, ValueList<string> Versions);

/// <summary>
/// The cookie each weighted destination adds, its attributes, and the versions whose cookie routes back to them. Two
/// are equal whatever the order of the attributes (<c>Path=/; Secure</c> or <c>Secure; Path=/</c>): a browser reads
/// them as a set.
/// </summary>
public sealed record Stickiness(string Cookie, string Attributes, ValueList<string> Versions)
{
    public bool Equals(Stickiness? other) =>
        other is not null && Cookie == other.Cookie && Versions.Equals(other.Versions) && AttributeSet().SetEquals(other.AttributeSet());

    public override int GetHashCode() => HashCode.Combine(Cookie, Versions, AttributeSet().Count);

    private HashSet<string> AttributeSet() =>
        Attributes.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
}

/// <summary>A version's percentage of the weighted split.</summary>
public sealed record Share(string Version, long Percent);

/// <summary>A copy of a percentage of the split's requests sent to a version; its responses are discarded.</summary>
public sealed record Mirror(string Version, string Percent);

/// <summary>
/// One version (a DestinationRule subset): the Deployment its labels select, its images, how many pods it runs, its
/// disruption budget and the traffic policy it has of its own. <see cref="Selected"/> is false when the subset's
/// labels select no Deployment.
/// </summary>
public sealed record VersionView(string Name, bool HasLabels, bool Selected, string? Deployment, string? Images, Capacity? Capacity, string? Budget, string? OwnPolicy);

/// <summary>"3 replicas", or "2-10 replicas (HPA: 70% CPU)" when an autoscaler scales the Deployment.</summary>
public sealed record Capacity(string Text, bool Autoscaled);

/// <summary>A PodDisruptionBudget and its terms (<c>maxUnavailable=1</c>).</summary>
public sealed record Budget(string Name, string Terms);

/// <summary>
/// The DestinationRule's Service-wide policy, as <c>field=value</c> lists (null when not set), the mTLS mode the
/// workloads accept, and the disruption budgets. A single value (load balancer, TLS mode) stands alone: <c>LEAST_REQUEST</c>.
/// </summary>
public sealed record TrafficPolicies(
    string? LoadBalancer,
    string? ConnectionPool,
    string? OutlierDetection,
    string? ClientTls,
    string? Mtls,
    string? MtlsSource,
    ValueList<Budget> Budgets);
