using Frontend.Analysis.Manifests;

namespace Frontend.Analysis.Users.Reading;

/// <summary>Each version's pods: the Deployment its subset's labels select, with its images, size and disruption budget.</summary>
internal static class Workloads
{
    /// <summary>The DestinationRule's subsets in its order, then any routed version it does not define (IST0101 says so).</summary>
    public static IEnumerable<VersionView> Versions(Manifest? destinationRule, IEnumerable<string> routedVersions, IReadOnlyList<Manifest> manifests)
    {
        var subsets = destinationRule?.Body.MapAt("spec").MapsAt("subsets") ?? [];
        var names = subsets.Select(subset => subset.TextAt("name") ?? "(unnamed)").Concat(routedVersions).Distinct(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var subset = subsets.FirstOrDefault(s => s.TextAt("name") == name);
            var labels = subset.LabelsAt("labels");
            var ownPolicy = subset.MapAt("trafficPolicy") is { } policy ? string.Join(", ", TreeValues.Leaves(policy)) : null;
            var deployment = labels.Count == 0 ? null : manifests.FirstOrDefault(m => m.Kind == "Deployment" && Includes(PodLabels(m), labels));
            if (deployment is null)
            {
                yield return new VersionView(name, labels.Count > 0, Selected: false, null, null, null, null, ownPolicy);
                continue;
            }

            yield return Selected(name, deployment, ownPolicy, manifests);
        }
    }

    private static VersionView Selected(string name, Manifest deployment, string? ownPolicy, IReadOnlyList<Manifest> manifests)
    {
        var images = string.Join(", ", deployment.Body.MapAt("spec").MapAt("template").MapAt("spec").MapsAt("containers").Select(c => c.TextAt("image")).OfType<string>());
        return new VersionView(name, HasLabels: true, Selected: true, deployment.Name, images, Capacity(deployment, manifests), Budget(deployment, manifests), ownPolicy);
    }

    /// <summary>The version Services in their order, each with the Deployment its selector picks, then any routed version none stands for.</summary>
    public static IEnumerable<VersionView> Versions(IReadOnlyList<(string Name, Manifest Service, string? OwnPolicy)> versions, IEnumerable<string> routedVersions, IReadOnlyList<Manifest> manifests)
    {
        foreach (var (name, service, ownPolicy) in versions)
        {
            var selector = service.Body.MapAt("spec").LabelsAt("selector");
            var deployment = manifests.FirstOrDefault(m => m.Kind == "Deployment" && m.EffectiveNamespace == service.EffectiveNamespace && Includes(PodLabels(m), selector));
            yield return deployment is null
                ? new VersionView(name, selector.Count > 0, Selected: false, null, null, null, null, ownPolicy)
                : Selected(name, deployment, ownPolicy, manifests);
        }

        foreach (var name in routedVersions.Distinct(StringComparer.Ordinal).Where(name => versions.All(version => version.Name != name)))
        {
            yield return new VersionView(name, HasLabels: false, Selected: false, null, null, null, null, null);
        }
    }

    /// <summary>Every PodDisruptionBudget, by name, with its terms.</summary>
    public static IEnumerable<Budget> Budgets(IReadOnlyList<Manifest> manifests) =>
        manifests.Where(m => m.Kind == "PodDisruptionBudget").Select(budget => new Budget(budget.Name, Terms(budget)));

    private static Capacity Capacity(Manifest deployment, IReadOnlyList<Manifest> manifests)
    {
        var autoscaler = manifests.FirstOrDefault(m => m.Kind == "HorizontalPodAutoscaler"
            && m.EffectiveNamespace == deployment.EffectiveNamespace
            && m.Body.MapAt("spec").MapAt("scaleTargetRef") is var target
            && target.TextAt("kind") == "Deployment" && target.TextAt("name") == deployment.Name);
        if (autoscaler is null)
        {
            var replicas = deployment.Body.MapAt("spec").TextAt("replicas") ?? "1";
            return new Capacity($"{replicas} {(replicas == "1" ? "replica" : "replicas")}", Autoscaled: false);
        }

        var spec = autoscaler.Body.MapAt("spec");
        var targets = spec.MapsAt("metrics")
            .Select(metric => metric.MapAt("containerResource") ?? metric.MapAt("resource"))
            .Select(resource => $"{resource.MapAt("target").TextAt("averageUtilization")}% {(resource.TextAt("name") == "cpu" ? "CPU" : resource.TextAt("name"))}{(resource.TextAt("container") is { } container ? $" of {container}" : "")}");
        return new Capacity($"{spec.TextAt("minReplicas") ?? "1"}-{spec.TextAt("maxReplicas")} replicas (HPA: {string.Join(", ", targets)})", Autoscaled: true);
    }

    /// <summary>The terms of the budget in the Deployment's namespace whose selector picks its pods.</summary>
    private static string? Budget(Manifest deployment, IReadOnlyList<Manifest> manifests) =>
        manifests.Where(m => m.Kind == "PodDisruptionBudget"
                && m.EffectiveNamespace == deployment.EffectiveNamespace
                && Includes(PodLabels(deployment), m.Body.MapAt("spec").MapAt("selector").LabelsAt("matchLabels")))
            .Select(Terms)
            .FirstOrDefault();

    private static string Terms(Manifest budget) =>
        string.Join(", ", TreeValues.Leaves(budget.Body.MapAt("spec")).Where(leaf => !leaf.StartsWith("selector.", StringComparison.Ordinal)));

    private static IReadOnlyDictionary<string, string> PodLabels(Manifest deployment) =>
        deployment.Body.MapAt("spec").MapAt("template").MapAt("metadata").LabelsAt("labels");

    private static bool Includes(IReadOnlyDictionary<string, string> labels, IReadOnlyDictionary<string, string> wanted) =>
        wanted.Count > 0 && wanted.All(label => labels.TryGetValue(label.Key, out var value) && value == label.Value);
}
