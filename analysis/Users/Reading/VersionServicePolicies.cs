using Frontend.Analysis.Manifests;
using Frontend.Analysis.Mesh;

namespace Frontend.Analysis.Users.Reading;

/// <summary>
/// Versions and policies when routes name versions by their Services: each version Service may have a DestinationRule
/// of its own holding the version's whole policy, where Istio's subsets hold a Service-wide policy and each subset's
/// departures from it. The Service-wide policy is the shared Service's DestinationRule when there is one; otherwise,
/// block by block (loadBalancer, connectionPool, ...), the value most versions have (the first version's on a tie). A
/// version's own policy is each block where it departs from that, so the same policies read the same either way.
/// </summary>
internal static class VersionServicePolicies
{
    public static (IReadOnlyList<(string Name, Manifest Service, string? OwnPolicy)> Versions, IReadOnlyDictionary<string, object?>? Shared) Read(IReadOnlyList<Manifest> manifests)
    {
        var rules = manifests.Where(m => m is { Group: "networking.istio.io", Kind: "DestinationRule" }).ToList();
        IReadOnlyDictionary<string, object?>? PolicyFor(string host) => rules
            .FirstOrDefault(rule => MeshInventory.DestinationRuleHost(rule) == host)?.Body.MapAt("spec").MapAt("trafficPolicy");

        var versions = VersionServices.Read(manifests).Values.ToList();
        var policies = versions.Select(version => PolicyFor(version.Host)).ToList();
        var sharedHosts = versions.Select(version => HostName.OfService(version.Shared.Name, version.Shared.EffectiveNamespace)).Distinct(StringComparer.Ordinal).ToList();
        var shared = sharedHosts.Select(PolicyFor).FirstOrDefault(policy => policy is not null) ?? MostCommonBlocks(policies);
        return (
            versions.Select((version, index) => (version.Version, version.Service, OwnPolicy(policies[index], shared))).ToList(),
            shared);
    }

    private static SortedDictionary<string, object?>? MostCommonBlocks(IReadOnlyList<IReadOnlyDictionary<string, object?>?> policies)
    {
        var keys = policies.SelectMany(policy => policy?.Keys ?? []).Distinct(StringComparer.Ordinal);
        var common = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            var winner = policies
                .Select((policy, index) => (Value: policy?.GetValueOrDefault(key), Index: index))
                .GroupBy(entry => Text(entry.Value), StringComparer.Ordinal)
                .OrderByDescending(group => group.Count())
                .ThenBy(group => group.Min(entry => entry.Index))
                .First()
                .First();
            if (winner.Value is not null)
            {
                common[key] = winner.Value;
            }
        }

        return common.Count == 0 ? null : common;
    }

    private static string? OwnPolicy(IReadOnlyDictionary<string, object?>? policy, IReadOnlyDictionary<string, object?>? shared)
    {
        var own = (policy ?? new Dictionary<string, object?>())
            .Where(block => Text(block.Value) != Text(shared?.GetValueOrDefault(block.Key)))
            .SelectMany(block => TreeValues.Leaves(block.Value, block.Key))
            .ToList();
        return own.Count == 0 ? null : string.Join(", ", own);
    }

    private static string Text(object? value) => string.Join(", ", TreeValues.Leaves(value));
}
