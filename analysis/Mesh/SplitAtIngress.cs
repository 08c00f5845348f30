using System.Globalization;
using Frontend.Analysis.Manifests;

namespace Frontend.Analysis.Mesh;

/// <summary>
/// FRT0001: a VirtualService bound only to the sidecars ("mesh") does not apply at an ingress gateway. The gateway's
/// own route to the Service host has no subsets, so Envoy spreads external requests over the Service's endpoints, one
/// per ready pod, and the split is whatever the replica counts make it. The pod counts come from the manifests: the
/// replicas, or an autoscaler's minimum, the one count it is sure to have.
/// </summary>
internal static class SplitAtIngress
{
    private static readonly string[] RouteSections = ["http", "tcp", "tls"];

    private sealed record PodGroup(string Label, long Weight, long Pods, bool Autoscaled);

    public static IEnumerable<Finding> Findings(MeshInventory inventory)
    {
        foreach (var virtualService in inventory.VirtualServices.Where(candidate => MeshInventory.BoundGateways(candidate).Count == 0))
        {
            foreach (var (host, route) in SplitRoutes(virtualService))
            {
                var service = inventory.Services.FirstOrDefault(candidate => candidate.Host == host && candidate.Selector.Count > 0);
                if (service is null || RoutedBySubsetsAtAGateway(inventory, host))
                {
                    continue;
                }

                if (Finding(PodGroups(inventory, service, route), route.Count, (shares, replicas, split, sharesMatchSplit) =>
                        FrontendMessages.SplitNotAppliedAtIngress(virtualService.DisplayName, host, shares, replicas, split, sharesMatchSplit)) is { } finding)
                {
                    yield return finding;
                }
            }
        }

        foreach (var finding in RouteFindings(inventory))
        {
            yield return finding;
        }
    }

    /// <summary>
    /// The same for a GAMMA HTTPRoute: its parent Service's split over version Services applies to in-mesh callers; an
    /// ingress reaches the parent Service itself unless a route at a gateway (an HTTPRoute with a Gateway parent, or a
    /// VirtualService bound to a gateway) sends it to the version Services.
    /// </summary>
    private static IEnumerable<Finding> RouteFindings(MeshInventory inventory)
    {
        foreach (var route in inventory.HttpRoutes)
        {
            var spec = route.Body.MapAt("spec");
            var split = spec.MapsAt("rules").LastOrDefault(rule => rule.MapsAt("matches").Count == 0)?.MapsAt("backendRefs") ?? [];
            var backends = split
                .Select(backend => (Backend: backend, Service: GatewayApiRoutes.ServiceReference(backend, route.EffectiveNamespace)))
                .Where(entry => entry.Service is not null)
                .Select(entry => (entry.Backend, Service: inventory.Service(entry.Service!.Value.Name, entry.Service.Value.Namespace)))
                .ToList();
            if (backends.Count == 0 || backends.Exists(entry => entry.Service is null))
            {
                // A backend no manifest declares is FRT0005's.
                continue;
            }

            foreach (var parent in spec.MapsAt("parentRefs").Where(GatewayApiRoutes.IsServiceParent))
            {
                var shared = inventory.Service(parent.StringAt("name") ?? "", parent.StringAt("namespace") ?? route.EffectiveNamespace);
                if (shared is null || shared.Selector.Count == 0 || backends.Exists(entry => entry.Service == shared)
                    || backends.Select(entry => entry.Service!.Host).Any(host => RoutedAtAGateway(inventory, host)))
                {
                    continue;
                }

                var weights = backends.Select(entry => entry.Backend.LongAt("weight") ?? 1).ToList();
                var total = weights.Sum();
                var percents = total == 0 ? weights.Select(_ => 0L).ToList() : LargestRemainderPercentages(weights, total);
                var selections = backends
                    .Select((entry, index) => (Label: entry.Service!.Manifest.Name, Weight: percents[index], Labels: (IReadOnlyDictionary<string, string>?)entry.Service.Selector))
                    .GroupBy(selection => selection.Label, StringComparer.Ordinal)
                    .Select(group => (group.Key, group.Sum(selection => selection.Weight), group.First().Labels))
                    .ToList();
                if (Finding(PodGroups(inventory, shared, selections, "no version Service"), selections.Count, (shares, replicas, splitText, sharesMatchSplit) =>
                        FrontendMessages.SplitNotAppliedAtIngressByRoute(route.DisplayName, shared.Host, shares, replicas, splitText, sharesMatchSplit)) is { } finding)
                {
                    yield return finding;
                }
            }
        }
    }

    /// <summary>An HTTPRoute with a Gateway parent, or a VirtualService bound to a gateway, that sends requests to the Service host.</summary>
    private static bool RoutedAtAGateway(MeshInventory inventory, string host) =>
        inventory.HttpRoutes
            .Where(route => route.Body.MapAt("spec").MapsAt("parentRefs").Any(GatewayApiRoutes.IsGatewayParent))
            .Any(route => GatewayApiRoutes.BackendReferences(route)
                .Select(backend => GatewayApiRoutes.ServiceReference(backend.Backend, route.EffectiveNamespace))
                .Any(service => service is { } found && HostName.OfService(found.Name, found.Namespace) == host))
        || inventory.VirtualServices
            .Where(candidate => MeshInventory.BoundGateways(candidate).Count > 0)
            .Any(candidate => MeshInventory.Destinations(candidate).Any(destination => HostName.Qualify(destination.Host, candidate.EffectiveNamespace) == host));

    /// <summary>The finding for these pod groups, or null when there is nothing to report (no pods, or one destination holding them all).</summary>
    private static Finding? Finding(List<PodGroup>? groups, int destinations, Func<string, string, string, bool, Finding> message)
    {
        var totalPods = groups?.Sum(group => group.Pods) ?? 0;
        if (groups is null || totalPods == 0)
        {
            return null;
        }

        var sharesMatchSplit = groups.TrueForAll(group => group.Pods * 100 == group.Weight * totalPods);
        if (sharesMatchSplit && destinations == 1)
        {
            // One destination and every pod in it: there is no split for the gateway to miss.
            return null;
        }

        var percentages = LargestRemainderPercentages(groups.Select(group => group.Pods).ToList(), totalPods);
        var shares = string.Join(", ", groups.Select((group, index) => $"{group.Label} {Whole(percentages[index])}%"));
        var split = string.Join("/", groups.Select(group => Whole(group.Weight)));
        return message(shares, Replicas(groups), split, sharesMatchSplit);
    }

    /// <summary>
    /// Per Service host, the route whose destinations are all subsets of it: the last one without a match (the
    /// default route, where a canary's split lives), or else the first.
    /// </summary>
    private static IEnumerable<(string Host, IReadOnlyList<IReadOnlyDictionary<string, object?>> Route)> SplitRoutes(Manifest virtualService)
    {
        var spec = virtualService.Body.MapAt("spec");
        var candidates = RouteSections
            .SelectMany(section => spec.MapsAt(section))
            .Select(route => (Route: route, Destinations: route.MapsAt("route")))
            .Where(candidate => candidate.Destinations.Count > 0
                && candidate.Destinations.All(weighted => !string.IsNullOrEmpty(weighted.MapAt("destination").StringAt("subset"))))
            .Select(candidate => (
                Hosts: candidate.Destinations.Select(weighted => HostName.Qualify(weighted.MapAt("destination").StringAt("host") ?? "", virtualService.EffectiveNamespace)).Distinct(StringComparer.Ordinal).ToList(),
                candidate.Route,
                candidate.Destinations))
            .Where(candidate => candidate.Hosts.Count == 1)
            .ToList();
        foreach (var byHost in candidates.GroupBy(candidate => candidate.Hosts[0], StringComparer.Ordinal))
        {
            var defaults = byHost.Where(candidate => !candidate.Route.ContainsKey("match")).ToList();
            yield return (byHost.Key, defaults.Count > 0 ? defaults[^1].Destinations : byHost.First().Destinations);
        }
    }

    /// <summary>A VirtualService bound to a gateway that routes the host by subsets gives external traffic its own split.</summary>
    private static bool RoutedBySubsetsAtAGateway(MeshInventory inventory, string host) =>
        inventory.VirtualServices
            .Where(candidate => MeshInventory.BoundGateways(candidate).Count > 0)
            .Any(candidate => MeshInventory.Destinations(candidate).Any(destination =>
                !string.IsNullOrEmpty(destination.Subset) && HostName.Qualify(destination.Host, candidate.EffectiveNamespace) == host));

    /// <summary>
    /// The route's subsets in route order, then the DestinationRules' other subsets, then each pod template the Service
    /// selects that no subset does; a pod template counts once, in the first group that selects it. Null when a
    /// selected workload's pod count cannot be read from the manifests.
    /// </summary>
    private static List<PodGroup>? PodGroups(MeshInventory inventory, ServiceEntryPoint service, IReadOnlyList<IReadOnlyDictionary<string, object?>> route)
    {
        var weights = route
            .GroupBy(weighted => weighted.MapAt("destination").StringAt("subset")!, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Sum(weighted => weighted.LongAt("weight") ?? (route.Count == 1 ? 100 : 0)), StringComparer.Ordinal);
        var subsets = inventory.DestinationRules
            .Where(rule => HostName.Matches(MeshInventory.DestinationRuleHost(rule), service.Host))
            .SelectMany(rule => rule.Body.MapAt("spec").MapsAt("subsets"))
            .Where(subset => subset.StringAt("name") is not null)
            .GroupBy(subset => subset.StringAt("name")!, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.First().LabelsAt("labels"), StringComparer.Ordinal);

        // A subset no DestinationRule defines selects no pods (IST0101 says so); it still shows its weight.
        var selections = weights.Keys.Concat(subsets.Keys).Distinct(StringComparer.Ordinal)
            .Select(subset => (subset, weights.GetValueOrDefault(subset), subsets.GetValueOrDefault(subset)))
            .ToList();
        return PodGroups(inventory, service, selections, "no subset");
    }

    /// <summary>
    /// Groups of pods in the order given, each the pod templates its labels (joined with the Service's selector) select
    /// and no earlier group does, then each pod template the Service selects that none does. Null when a selected
    /// workload's pod count cannot be read, or the Service selects no pods.
    /// </summary>
    private static List<PodGroup>? PodGroups(MeshInventory inventory, ServiceEntryPoint service, IReadOnlyList<(string Label, long Weight, IReadOnlyDictionary<string, string>? Labels)> selections, string unselected)
    {
        var counted = new HashSet<Manifest>();
        var groups = new List<PodGroup>();
        foreach (var (label, weight, labels) in selections)
        {
            var workloads = labels is null
                ? []
                : inventory.WorkloadsSelectedBy(service, labels).Where(workload => counted.Add(workload.Manifest)).ToList();
            var group = Group(inventory, label, weight, workloads);
            if (group is null)
            {
                return null;
            }

            groups.Add(group);
        }

        foreach (var workload in inventory.WorkloadsSelectedBy(service, new Dictionary<string, string>()).Where(workload => counted.Add(workload.Manifest)))
        {
            var group = Group(inventory, $"{workload.Manifest.Name} ({unselected})", 0, [workload]);
            if (group is null)
            {
                return null;
            }

            groups.Add(group);
        }

        // A subset with neither pods nor weight has nothing to say about the traffic; one selecting nothing is IST0173's.
        return counted.Count == 0 ? null : groups.Where(group => group.Pods > 0 || group.Weight > 0).ToList();
    }

    private static PodGroup? Group(MeshInventory inventory, string label, long weight, IReadOnlyList<Workload> workloads)
    {
        var floors = workloads.Select(inventory.PodFloorOf).ToList();
        return floors.Exists(floor => floor is null)
            ? null
            : new PodGroup(label, weight, floors.Sum(floor => floor!.Pods), floors.Exists(floor => floor!.Autoscaled));
    }

    /// <summary>"3:2 replicas", or "at least 3:2 replicas, autoscaled: at their minimums" when autoscalers may add pods.</summary>
    private static string Replicas(IReadOnlyList<PodGroup> groups)
    {
        var counts = $"{string.Join(":", groups.Select(group => Whole(group.Pods)))} replicas";
        var autoscaled = groups.Where(group => group.Autoscaled).Select(group => group.Label).ToList();
        if (autoscaled.Count == 0)
        {
            return counts;
        }

        var which = groups.Where(group => group.Pods > 0).All(group => group.Autoscaled) ? "" : $"{JoinWithAnd(autoscaled)} ";
        var minimums = autoscaled.Count == 1 ? "at its minimum" : "at their minimums";
        return $"at least {counts}, {which}autoscaled: {minimums}";
    }

    /// <summary>Whole percentages that add up to 100: each share rounded down, the rest given to the largest remainders first.</summary>
    private static List<long> LargestRemainderPercentages(IReadOnlyList<long> pods, long totalPods)
    {
        var percentages = pods.Select(count => count * 100 / totalPods).ToList();
        var leftOver = 100 - percentages.Sum();
        var byRemainder = pods
            .Select((count, index) => (Remainder: count * 100 % totalPods, Index: index))
            .OrderByDescending(entry => entry.Remainder)
            .ThenBy(entry => entry.Index)
            .Take((int)leftOver);
        foreach (var (_, index) in byRemainder)
        {
            percentages[index]++;
        }

        return percentages;
    }

    private static string JoinWithAnd(List<string> items) =>
        items.Count == 1 ? items[0] : $"{string.Join(", ", items.Take(items.Count - 1))} and {items[^1]}";

    private static string Whole(long value) => value.ToString(CultureInfo.InvariantCulture);
}
