using Frontend.Analysis.Manifests;

namespace Frontend.Analysis.Users.Reading;

/// <summary>The policies every request meets: the Service-wide traffic policy, mTLS, and the budgets.</summary>
internal static class DestinationRulePolicies
{
    /// <param name="policy">The Service-wide <c>trafficPolicy</c>; null when there is none.</param>
    public static TrafficPolicies Read(IReadOnlyDictionary<string, object?>? policy, IReadOnlyList<Manifest> manifests)
    {
        var peerAuthentication = manifests.FirstOrDefault(m => m is { Group: "security.istio.io", Kind: "PeerAuthentication" });
        var mtls = peerAuthentication?.Body.MapAt("spec").MapAt("mtls").TextAt("mode");
        return new TrafficPolicies(
            Policy(policy, "loadBalancer"),
            Policy(policy, "connectionPool"),
            Policy(policy, "outlierDetection"),
            Policy(policy, "tls"),
            mtls,
            mtls is null ? null : peerAuthentication!.DisplayName,
            Workloads.Budgets(manifests).ToValueList());
    }

    /// <summary><c>field=value</c> pairs, or the bare value when the block holds one mode (<c>LEAST_REQUEST</c>, <c>ISTIO_MUTUAL</c>).</summary>
    private static string? Policy(IReadOnlyDictionary<string, object?>? parent, string key)
    {
        var leaves = TreeValues.Leaves(parent.MapAt(key)).ToList();
        return leaves.Count switch
        {
            0 => null,
            1 when leaves[0].IndexOf('=', StringComparison.Ordinal) is var equals and > 0 && key is "loadBalancer" or "tls" => leaves[0][(equals + 1)..],
            _ => string.Join(", ", leaves),
        };
    }
}
