using System.Globalization;
using Frontend.Analysis.Manifests;
using Frontend.Analysis.Mesh;
using Frontend.Analysis.Yaml;

namespace Frontend.Analysis.Diff;

/// <summary>
/// What only a comparison of two renders can see, because each render alone is valid: the base is what the stack
/// runs (deploys go commit by commit), the head what it is about to run.
/// <list type="bullet">
/// <item>FRT0003 (error): a version's Deployment removed in the same change that stops routing to it. Its pods go
/// within seconds, while istiod is still pushing the new routes to every sidecar and gateway, which keep sending it
/// requests until then. Two changes (weight 0, then removal) leave a whole deploy between them.</item>
/// <item>FRT0004 (warning): the DestinationRule renamed (its name hashes the subset names) and its traffic policy
/// changed in one change. While both rules exist Istio merges them, and for a field both set the older rule's
/// wins, so the new policy takes effect only when Pulumi deletes the old rule at the end of the update.</item>
/// </list>
/// </summary>
public static class ChangeRisks
{
    public const string RetiredWhileRoutedCode = "FRT0003";
    public const string RenamedWithPolicyChangeCode = "FRT0004";

    private static readonly string[] RouteSections = ["http", "tcp", "tls"];

    public static IReadOnlyList<Finding> Find(IReadOnlyList<Manifest> before, IReadOnlyList<Manifest> after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        return [.. RetiredWhileRouted(before, after), .. RenamedWithPolicyChange(before, after)];
    }

    private static IEnumerable<Finding> RetiredWhileRouted(IReadOnlyList<Manifest> before, IReadOnlyList<Manifest> after)
    {
        var inventory = new MeshInventory(before);
        var remaining = after.Where(m => m.Kind == "Deployment").Select(m => (m.EffectiveNamespace, m.Name)).ToHashSet();
        var reported = new HashSet<string>(StringComparer.Ordinal);
        var routed = RoutedSubsets(inventory)
            .Select(pair => (pair.Host, What: $"subset {pair.Subset}", Name: pair.Subset, Labels: inventory.DestinationRules
                .FirstOrDefault(r => HostName.Matches(MeshInventory.DestinationRuleHost(r), pair.Host))?
                .Body.MapAt("spec").MapsAt("subsets").FirstOrDefault(s => s.StringAt("name") == pair.Subset)?.LabelsAt("labels")))
            // The Gateway API (and a VirtualService during a migration to it) routes to a version's own Service, whose selector is the subset.
            .Concat(RoutedServices(inventory).Select(host => (Host: host, What: $"Service {host.Split('.')[0]}", Name: host.Split('.')[0], Labels: (IReadOnlyDictionary<string, string>?)new Dictionary<string, string>())));
        foreach (var (host, what, subset, labels) in routed)
        {
            if (labels is null)
            {
                continue;
            }

            foreach (var service in inventory.ServicesFor(host))
            {
                foreach (var workload in inventory.WorkloadsSelectedBy(service, labels))
                {
                    var manifest = workload.Manifest;
                    if (manifest.Kind == "Deployment" && !remaining.Contains((manifest.EffectiveNamespace, manifest.Name)) && reported.Add(manifest.DisplayName))
                    {
                        yield return new Finding(
                            RetiredWhileRoutedCode,
                            "RetiredWhileRouted",
                            FindingLevel.Error,
                            manifest.DisplayName,
                            $"The change removes {manifest.DisplayName}, whose {what} the base still routes traffic to: its pods go within seconds, while sidecars and gateways keep sending it requests until istiod's push of the new routes reaches them.",
                            $"Set its weight to 0 (and drop any match route or mirror naming {subset}) in one change, deploy it, and remove the version in the next.");
                    }
                }
            }
        }
    }

    /// <summary>Each (host, subset) a route of the base sends requests to: a weight above 0, a route's only destination, or a mirror.</summary>
    private static IEnumerable<(string Host, string Subset)> RoutedSubsets(MeshInventory inventory) =>
        VirtualServiceDestinations(inventory).Where(d => d.Subset is not null).Select(d => (d.Host, d.Subset!)).Distinct();

    /// <summary>Each destination (host, and subset when named) a VirtualService of the base sends requests to: a weight above 0, a route's only destination, or a mirror.</summary>
    private static IEnumerable<(string Host, string? Subset)> VirtualServiceDestinations(MeshInventory inventory) =>
        inventory.VirtualServices.SelectMany(virtualService =>
            RouteSections
                .SelectMany(section => virtualService.Body.MapAt("spec").MapsAt(section))
                .SelectMany(route =>
                {
                    var destinations = route.MapsAt("route");
                    var routed = destinations
                        .Where(weighted => (weighted.LongAt("weight") ?? (destinations.Count == 1 ? 100 : 0)) > 0)
                        .Select(weighted => weighted.MapAt("destination"));
                    var mirrored = route.MapsAt("mirrors").Select(mirror => mirror.MapAt("destination")).Append(route.MapAt("mirror"));
                    return routed.Concat(mirrored);
                })
                .OfType<IReadOnlyDictionary<string, object?>>()
                .Where(destination => !string.IsNullOrEmpty(destination.StringAt("host")))
                .Select(destination => (HostName.Qualify(destination.StringAt("host")!, virtualService.EffectiveNamespace), string.IsNullOrEmpty(destination.StringAt("subset")) ? null : destination.StringAt("subset"))));

    /// <summary>
    /// Each Service host the base sends requests to without a subset: an HTTPRoute's backendRef with a weight above 0
    /// (a rule's only backend takes everything) or its mirror, and a VirtualService destination that names no subset.
    /// </summary>
    private static IEnumerable<string> RoutedServices(MeshInventory inventory)
    {
        var fromHttpRoutes = inventory.HttpRoutes.SelectMany(route => route.Body.MapAt("spec").MapsAt("rules").SelectMany(rule =>
        {
            var backends = rule.MapsAt("backendRefs");
            var weighted = backends.Where(backend => backends.Count == 1 || (backend.LongAt("weight") ?? 1) > 0);
            var mirrored = GatewayApiRoutes.Mirrors(rule).Concat(backends.SelectMany(GatewayApiRoutes.Mirrors));
            return weighted.Concat(mirrored)
                .Select(reference => GatewayApiRoutes.ServiceReference(reference, route.EffectiveNamespace))
                .OfType<(string Name, string Namespace)>()
                .Select(service => $"{service.Name}.{service.Namespace}.svc.cluster.local");
        }));
        var fromVirtualServices = VirtualServiceDestinations(inventory).Where(d => d.Subset is null).Select(d => d.Host);
        return fromHttpRoutes.Concat(fromVirtualServices).Distinct(StringComparer.Ordinal);
    }

    private static IEnumerable<Finding> RenamedWithPolicyChange(IReadOnlyList<Manifest> before, IReadOnlyList<Manifest> after)
    {
        var rulesBefore = before.Where(IsDestinationRule).ToList();
        foreach (var rule in after.Where(IsDestinationRule))
        {
            var host = MeshInventory.DestinationRuleHost(rule);
            var renamedFrom = rulesBefore.FirstOrDefault(old =>
                old.EffectiveNamespace == rule.EffectiveNamespace && old.Name != rule.Name
                && MeshInventory.DestinationRuleHost(old) == host
                && !after.Any(m => IsDestinationRule(m) && m.EffectiveNamespace == old.EffectiveNamespace && m.Name == old.Name));
            if (renamedFrom is null)
            {
                continue;
            }

            // Only the subsets both rules define: an added or removed version's subset is the rename itself.
            var shared = SubsetNames(renamedFrom).Intersect(SubsetNames(rule), StringComparer.Ordinal).ToHashSet(StringComparer.Ordinal);
            if (Policies(renamedFrom, shared) == Policies(rule, shared))
            {
                continue;
            }

            yield return new Finding(
                RenamedWithPolicyChangeCode,
                "RenamedWithPolicyChange",
                FindingLevel.Warning,
                rule.DisplayName,
                string.Create(CultureInfo.InvariantCulture, $"The change replaces {renamedFrom.DisplayName} with {rule.DisplayName} (a version added or removed renames the rule) and changes a traffic policy in the same change: while both exist Istio merges them and the older rule's policy wins, so the new policy applies only once the old rule is deleted at the end of the update."),
                "Change traffic policies in a change of their own, before or after the one that adds or removes a version.");
        }
    }

    private static bool IsDestinationRule(Manifest manifest) => manifest is { Group: "networking.istio.io", Kind: "DestinationRule" };

    private static IEnumerable<string> SubsetNames(Manifest rule) =>
        rule.Body.MapAt("spec").MapsAt("subsets").Select(subset => subset.StringAt("name") ?? "");

    /// <summary>The service-level policy and the policies of the given subsets, by subset name, as comparable text.</summary>
    private static string Policies(Manifest rule, HashSet<string> subsets)
    {
        var spec = rule.Body.MapAt("spec");
        var policies = new SortedDictionary<string, object?>(StringComparer.Ordinal) { ["(service)"] = spec?.GetValueOrDefault("trafficPolicy") };
        foreach (var subset in spec.MapsAt("subsets").Where(subset => subsets.Contains(subset.StringAt("name") ?? "")))
        {
            policies[subset.StringAt("name") ?? ""] = subset.GetValueOrDefault("trafficPolicy");
        }

        return YamlEmitter.Emit(policies.ToDictionary(pair => pair.Key, pair => pair.Value));
    }
}
