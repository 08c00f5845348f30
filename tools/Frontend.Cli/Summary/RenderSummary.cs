using System.Globalization;
using System.Text;
using Frontend.Analysis.Manifests;
using Frontend.Analysis.Mesh;
using Frontend.Analysis.Yaml;
using Frontend.Cli.Commands;
using Frontend.Cli.Stacks;
using Frontend.Infra.Configuration;

namespace Frontend.Cli.Summary;

/// <summary>
/// The few lines a reviewer reads after a render: what exists, where traffic goes, which policies are in force,
/// and anything that weakens the defaults. Read from the rendered manifests, so it shows what would be applied,
/// not what the config meant to say.
/// </summary>
internal static class RenderSummary
{
    private const string Indent = "  ";

    public static string Format(AnalysedStack analysed, string outDirectory)
    {
        var evaluation = analysed.Evaluation;
        var manifests = evaluation.Manifests.OrderBy(m => m.DisplayName, StringComparer.Ordinal).ThenBy(m => m.ApiVersion, StringComparer.Ordinal).ToList();
        var text = new StringBuilder();
        var namespaces = manifests.Where(m => !m.IsClusterScoped).Select(m => m.EffectiveNamespace).Distinct().Order(StringComparer.Ordinal);
        Line(text, $"Stack {evaluation.Settings.StackName} (project {evaluation.Settings.ProjectName}), namespace {string.Join(", ", namespaces)}: {StackAnalysis.Plural(manifests.Count, "resource")}");
        foreach (var manifest in manifests)
        {
            Line(text, Indent + manifest.DisplayName);
        }

        WriteCluster(text, evaluation.Registered);
        WriteList(text, "Kept when deleted", evaluation.Safety.OrderBy(s => s.Type, StringComparer.Ordinal).ThenBy(s => s.Name, StringComparer.Ordinal).Select(KeptWhenDeleted));
        // The in-mesh VirtualService first: the routes shown are its, and the heading says whether the others carry the same.
        var virtualServices = manifests.Where(m => m.Kind == "VirtualService").OrderBy(m => MeshInventory.BindsToMesh(m) ? 0 : 1).ToList();
        var virtualService = virtualServices.Count > 0 ? virtualServices[0] : null;
        var destinationRule = manifests.FirstOrDefault(m => m.Kind == "DestinationRule");
        WriteTraffic(text, virtualServices, destinationRule, manifests, analysed.Findings);
        WriteMatchRoutes(text, virtualService);
        WriteStickiness(text, virtualService);
        WriteMirroring(text, virtualService);
        WritePolicies(text, virtualService, destinationRule, manifests);
        WriteList(text, "Secure defaults overridden", OverriddenSecureDefaults(evaluation.Config, evaluation.Settings.StackName));
        WriteList(text, "Config warnings", evaluation.Warnings.Where(p => p.Severity == ProblemSeverity.Warning).Select(warning => warning.ToString()));
        WriteList(text, "Secrets", Secrets(evaluation));
        WriteAnalysis(text, analysed);
        Line(text, $"Wrote {StackAnalysis.Plural(manifests.Count, "file")} to {outDirectory} (kubectl apply -f {outDirectory} --recursive)");
        return text.ToString();
    }

    /// <summary>
    /// Each secret key, and each secure value whose format a rule would have checked: offline the rule saw only the
    /// placeholder, so it neither passed nor refused the value; <c>pulumi preview</c> checks the decrypted one.
    /// </summary>
    private static IEnumerable<string> Secrets(Evaluation.StackEvaluation evaluation)
    {
        foreach (var key in evaluation.Settings.SecretKeys)
        {
            yield return $"{key}: a secure value, shown as \"{StackFiles.SecretPlaceholder}\" (secrets are not decrypted offline)";
        }

        foreach (var notChecked in evaluation.Warnings.Where(p => p.Severity == ProblemSeverity.NotCheckedOffline))
        {
            yield return $"{notChecked.Path}: format not checked offline (rule: {notChecked.Rule}); pulumi preview checks the decrypted value";
        }
    }

    /// <summary>A protected or retained resource, and what each option does when a change would delete it.</summary>
    private static string KeptWhenDeleted(Evaluation.DeletionSafety safety)
    {
        var kind = safety.Type[(safety.Type.LastIndexOf(':') + 1)..];
        var what = new List<string>();
        if (safety.Protected)
        {
            what.Add("protected (pulumi refuses to delete it until `pulumi state unprotect`)");
        }

        if (safety.RetainedOnDelete)
        {
            what.Add("retained on delete (dropping it from the stack leaves it in the cluster)");
        }

        return $"{kind} {safety.Name}: {string.Join(", ", what)}";
    }

    /// <summary>Which cluster <c>pulumi up</c> would reach: the explicit provider's context, or the current one.</summary>
    private static void WriteCluster(StringBuilder text, IReadOnlyList<Pulumi.Testing.MockResourceArgs> registered)
    {
        var provider = registered.FirstOrDefault(r => r.Type == "pulumi:providers:kubernetes");
        if (provider is null)
        {
            Line(text, "Cluster: not named (pulumi up deploys to the current kube context)");
            return;
        }

        var context = provider.Inputs.GetValueOrDefault("context") as string ?? "(current)";
        var identifier = provider.Inputs.GetValueOrDefault("clusterIdentifier") as string ?? context;
        Line(text, $"Cluster: kube context {context}, cluster identifier {identifier} (a new identifier replaces every resource)");
    }

    /// <summary>Every subset, with the share the weighted route gives it: a version at 0% still has pods worth seeing.</summary>
    private static void WriteTraffic(StringBuilder text, List<Manifest> virtualServices, Manifest? destinationRule, IReadOnlyList<Manifest> manifests, IReadOnlyList<Finding> findings)
    {
        var destinations = WeightedRoute(virtualServices.Count > 0 ? virtualServices[0] : null).MapsAt("route");
        var weights = destinations
            .GroupBy(SubsetOf, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.First().TextAt("weight") ?? (destinations.Count == 1 ? "100" : "0"), StringComparer.Ordinal);
        var subsets = (destinationRule?.Body.MapAt("spec").MapsAt("subsets") ?? []).Select(SubsetName)
            .Concat(destinations.Select(SubsetOf))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (subsets.Count == 0)
        {
            Line(text, "Traffic split: none (no weighted route and no subsets)");
            return;
        }

        Line(text, TrafficSplitHeading(virtualServices, manifests, findings));
        var width = subsets.Max(name => name.Length);
        foreach (var subset in subsets)
        {
            var weight = weights.GetValueOrDefault(subset, "0");
            Line(text, $"{Indent}{subset.PadRight(width)}  {weight,3}%{Workload(subset, destinationRule, manifests)}");
        }
    }

    /// <summary>
    /// "Traffic split (...):" saying whose traffic the split governs, from the VirtualServices' gateways: the sidecars
    /// ("mesh", also when none is named), the gateways named, and the hosts they serve other than a Service's own
    /// cluster-local name. A split that only in-mesh callers get is the surprise FRT0001 explains. With several
    /// VirtualServices (one per entry point), whether they carry the same routes, since only the first one's are shown.
    /// </summary>
    internal static string TrafficSplitHeading(IReadOnlyList<Manifest> virtualServices, IReadOnlyList<Manifest> manifests, IReadOnlyList<Finding> findings)
    {
        if (virtualServices.Count == 0)
        {
            return "Traffic split:";
        }

        var routes = virtualServices.Count < 2 ? "" : $"; {CompareRoutes(virtualServices)}";
        var gateways = virtualServices.SelectMany(MeshInventory.BoundGateways).Distinct(StringComparer.Ordinal).ToList();
        if (gateways.Count == 0)
        {
            var explained = findings.Any(finding => finding.Code == FrontendMessages.SplitNotAppliedAtIngressCode && virtualServices.Any(vs => finding.Resource == vs.DisplayName));
            return $"Traffic split (in-mesh callers only: no gateway bound{(explained ? $", see {FrontendMessages.SplitNotAppliedAtIngressCode}" : "")}{routes}):";
        }

        var serviceHosts = manifests.Where(m => m is { Group: "", Kind: "Service" }).Select(m => HostName.OfService(m.Name, m.EffectiveNamespace)).ToHashSet(StringComparer.Ordinal);
        var externalHosts = virtualServices
            .Where(vs => MeshInventory.BoundGateways(vs).Count > 0)
            .SelectMany(vs => vs.Body.MapAt("spec").StringsAt("hosts").Where(host => !serviceHosts.Contains(HostName.Qualify(host, vs.EffectiveNamespace))))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var served = $"{(gateways.Count == 1 ? "gateway" : "gateways")} {string.Join(", ", gateways)}{(externalHosts.Count == 0 ? "" : $" for {string.Join(", ", externalHosts)}")}";
        return virtualServices.Any(MeshInventory.BindsToMesh)
            ? $"Traffic split (in-mesh callers and {served}{routes}):"
            : $"Traffic split ({served} only, not in-mesh callers{routes}):";
    }

    /// <summary>"the same routes in VirtualServices a, b", or which differ from the first, whose routes the summary shows.</summary>
    private static string CompareRoutes(IReadOnlyList<Manifest> virtualServices)
    {
        var names = string.Join(", ", virtualServices.Select(vs => vs.Name));
        var routes = virtualServices.Select(vs => YamlEmitter.Emit(new Dictionary<string, object?>
        {
            ["http"] = vs.Body.MapAt("spec")?.GetValueOrDefault("http"),
            ["tcp"] = vs.Body.MapAt("spec")?.GetValueOrDefault("tcp"),
        })).ToList();
        var differing = virtualServices.Where((_, i) => routes[i] != routes[0]).Select(vs => vs.Name).ToList();
        return differing.Count == 0
            ? $"the same routes in VirtualServices {names}"
            : $"ROUTES DIFFER in VirtualServices {string.Join(", ", differing)} from {virtualServices[0].Name}, whose routes are shown";
    }

    private static void WriteMatchRoutes(StringBuilder text, Manifest? virtualService)
    {
        var routes = virtualService?.Body.MapAt("spec").MapsAt("http").Where(route => route.ContainsKey("match") && !IsStickyRoute(route)).ToList() ?? [];
        if (routes.Count == 0)
        {
            Line(text, "Match routes: none");
            return;
        }

        Line(text, "Match routes (before the split):");
        foreach (var route in routes)
        {
            var conditions = string.Join(" or ", route.MapsAt("match").Select(match => string.Join(", ", TreeValues.Leaves(match))));
            var targets = string.Join(", ", route.MapsAt("route").Select(SubsetOf));
            Line(text, $"{Indent}{route.TextAt("name") ?? "(unnamed)"}: {conditions} -> {targets}");
        }
    }

    /// <summary>
    /// A version's cookie route is named by <see cref="StickinessRules.RouteName"/> after the one version it routes to,
    /// a name match routes may not take; a tester's route that merely starts the same way stays a match route.
    /// </summary>
    private static bool IsStickyRoute(IReadOnlyDictionary<string, object?> route) =>
        route.MapsAt("route") is [var only] && route.TextAt("name") == StickinessRules.RouteName(SubsetOf(only));

    /// <summary>Which versions keep their visitors, and the cookie each weighted destination adds to say so.</summary>
    private static void WriteStickiness(StringBuilder text, Manifest? virtualService)
    {
        var cookies = (WeightedRoute(virtualService)?.MapsAt("route") ?? [])
            .Select(destination => destination.MapAt("headers").MapAt("response").MapAt("add").TextAt("set-cookie"))
            .OfType<string>()
            .ToList();
        if (cookies.Count == 0)
        {
            Line(text, "Stickiness: none (each request is split afresh)");
            return;
        }

        var sticky = virtualService!.Body.MapAt("spec").MapsAt("http").Where(IsStickyRoute).Select(route => string.Join(", ", route.MapsAt("route").Select(SubsetOf)));
        var attributes = cookies[0][(cookies[0].IndexOf(';', StringComparison.Ordinal) + 1)..].Trim();
        var name = cookies[0][..cookies[0].IndexOf('=', StringComparison.Ordinal)];
        Line(text, $"Stickiness: cookie {name} ({attributes}); visitors carrying it return to {string.Join(", ", sticky)}; new visitors get the split and the cookie of the version they land on");
    }

    /// <summary>A copy of a share of the split's requests, whose responses Istio discards.</summary>
    private static void WriteMirroring(StringBuilder text, Manifest? virtualService)
    {
        var mirrors = (WeightedRoute(virtualService)?.MapsAt("mirrors") ?? [])
            .Select(mirror => $"{mirror.MapAt("percentage").TextAt("value") ?? "100"}% of the split's requests copied to {SubsetOf(mirror)} (responses discarded)")
            .ToList();
        Line(text, mirrors.Count == 0 ? "Mirroring: none" : $"Mirroring: {string.Join("; ", mirrors)}");
    }

    private static void WritePolicies(StringBuilder text, Manifest? virtualService, Manifest? destinationRule, IReadOnlyList<Manifest> manifests)
    {
        var policy = destinationRule?.Body.MapAt("spec").MapAt("trafficPolicy");
        var split = WeightedRoute(virtualService);
        var peerAuthentication = manifests.FirstOrDefault(m => m.Kind == "PeerAuthentication");
        var budgets = manifests.Where(m => m.Kind == "PodDisruptionBudget").ToList();
        var rows = new List<(string Name, string Value)>
        {
            ("load balancer", Policy(policy, "loadBalancer")),
            ("connection pool", Policy(policy, "connectionPool")),
            ("outlier detection", Policy(policy, "outlierDetection")),
            ("client TLS", Policy(policy, "tls", "not set (Istio auto mTLS)")),
            ("mTLS", peerAuthentication?.Body.MapAt("spec").MapAt("mtls").TextAt("mode") is { } mode ? $"{mode} ({peerAuthentication.DisplayName})" : "no PeerAuthentication (namespace or mesh policy applies)"),
            ("disruption budget", budgets.Count == 0 ? "none" : string.Join("; ", budgets.Select(b => $"{b.Name}: {string.Join(", ", TreeValues.Leaves(b.Body.MapAt("spec"))
                .Where(leaf => !leaf.StartsWith("selector.", StringComparison.Ordinal)))}"))),
            ("retries", Policy(split, "retries", "not set (Istio's default: 2 attempts)")),
            ("timeout", split?.TextAt("timeout") ?? "not set (none)"),
        };
        foreach (var subset in destinationRule?.Body.MapAt("spec").MapsAt("subsets") ?? [])
        {
            if (subset.MapAt("trafficPolicy") is { } own)
            {
                rows.Add(($"subset {SubsetName(subset)}", string.Join(", ", TreeValues.Leaves(own))));
            }
        }

        Line(text, "Policies in force:");
        var width = rows.Max(row => row.Name.Length);
        foreach (var (name, value) in rows)
        {
            Line(text, $"{Indent}{name.PadRight(width)}  {value}");
        }
    }

    private static void WriteAnalysis(StringBuilder text, AnalysedStack analysed)
    {
        var counts = Enum.GetValues<FindingLevel>()
            .Select(level => (Level: level, Count: analysed.Findings.Count(f => f.Level == level)))
            .Where(pair => pair.Count > 0)
            // "2 warnings", but "2 info": Istio's level names a kind of message, not a countable thing.
            .Select(pair => pair.Level == FindingLevel.Info
                ? $"{pair.Count.ToString(CultureInfo.InvariantCulture)} info"
                : StackAnalysis.Plural(pair.Count, pair.Level.ToString().ToLowerInvariant()));
        var verdict = analysed.Findings.Count == 0 ? FindingFormatter.NoIssues.TrimEnd('.') : string.Join(", ", counts);
        Line(text, $"Analysis: {verdict}; {SummaryText.SchemaValidation(analysed)}");
        foreach (var finding in analysed.Findings)
        {
            Line(text, Indent + FindingFormatter.Format(finding));
        }
    }

    private static void WriteList(StringBuilder text, string heading, IEnumerable<string> items)
    {
        var all = items.ToList();
        if (all.Count == 0)
        {
            Line(text, $"{heading}: none");
            return;
        }

        Line(text, $"{heading}:");
        foreach (var item in all)
        {
            Line(text, Indent + item);
        }
    }

    /// <summary>The hardened pod settings a stack may turn off; each one it did is worth a reviewer's second look.</summary>
    private static IEnumerable<string> OverriddenSecureDefaults(StackConfig? config, string stackName)
    {
        if (config is null)
        {
            yield break;
        }

        // A stack named like production that opts out loses the pinned-image, STRICT mTLS and budget rules.
        var namedProduction = StackConfigValidator.IsProduction(config with { Production = null }, stackName);
        if (namedProduction && config.Production == false)
        {
            yield return $"production = false on stack '{stackName}' (default true: pinned images, STRICT mTLS and disruption budgets are not enforced)";
        }

        var defaults = new PodSecurityConfig();
        foreach (var property in typeof(PodSecurityConfig).GetProperties())
        {
            var secure = property.GetValue(defaults);
            var actual = property.GetValue(config.App.Security);
            if (!Equals(secure, actual))
            {
                yield return $"app.security.{char.ToLowerInvariant(property.Name[0])}{property.Name[1..]} = {Describe(actual)} (default {Describe(secure)})";
            }
        }
    }

    private static string Describe(object? value) => value is null ? "null" : TreeValues.Scalar(value);

    private static string Policy(IReadOnlyDictionary<string, object?>? parent, string key, string absent = "not set (Istio's default)")
    {
        var leaves = TreeValues.Leaves(parent.MapAt(key)).ToList();
        return leaves.Count switch
        {
            0 => absent,
            1 when leaves[0].IndexOf('=', StringComparison.Ordinal) is var equals and > 0 && key is "loadBalancer" or "tls" => leaves[0][(equals + 1)..],
            _ => string.Join(", ", leaves),
        };
    }

    /// <summary>The route that carries the weighted split: the last one without a match, as the program writes it.</summary>
    private static IReadOnlyDictionary<string, object?>? WeightedRoute(Manifest? virtualService) =>
        virtualService?.Body.MapAt("spec").MapsAt("http").LastOrDefault(route => !route.ContainsKey("match"))
        ?? virtualService?.Body.MapAt("spec").MapsAt("tcp").LastOrDefault(route => !route.ContainsKey("match"));

    private static string SubsetOf(IReadOnlyDictionary<string, object?> destination) =>
        destination.MapAt("destination").TextAt("subset") ?? destination.MapAt("destination").TextAt("host") ?? "(no destination)";

    private static string SubsetName(IReadOnlyDictionary<string, object?> subset) => subset.TextAt("name") ?? "(unnamed)";

    /// <summary>", 3 replicas of image:tag" for the Deployment the subset's labels select.</summary>
    private static string Workload(string subset, Manifest? destinationRule, IReadOnlyList<Manifest> manifests)
    {
        var labels = destinationRule?.Body.MapAt("spec").MapsAt("subsets").FirstOrDefault(s => SubsetName(s) == subset).LabelsAt("labels");
        if (labels is null || labels.Count == 0)
        {
            return "";
        }

        var deployment = manifests.FirstOrDefault(m => m.Kind == "Deployment"
            && m.Body.MapAt("spec").MapAt("template").MapAt("metadata").LabelsAt("labels") is var podLabels
            && labels.All(label => podLabels.TryGetValue(label.Key, out var value) && value == label.Value));
        if (deployment is null)
        {
            return "  (no Deployment selected)";
        }

        var spec = deployment.Body.MapAt("spec");
        var images = string.Join(", ", spec.MapAt("template").MapAt("spec").MapsAt("containers").Select(c => c.TextAt("image")).OfType<string>());
        return $"  {Replicas(deployment, manifests)} of {images} ({deployment.Name})";
    }

    /// <summary>
    /// "3 replicas", or "2-10 replicas (HPA: 70% CPU)" when an autoscaler scales the Deployment on its pods' resources,
    /// "(HPA: 70% CPU of app)" when on one container's (a <c>ContainerResource</c> metric).
    /// </summary>
    private static string Replicas(Manifest deployment, IReadOnlyList<Manifest> manifests)
    {
        var autoscaler = manifests.FirstOrDefault(m => m.Kind == "HorizontalPodAutoscaler"
            && m.EffectiveNamespace == deployment.EffectiveNamespace
            && m.Body.MapAt("spec").MapAt("scaleTargetRef") is var target
            && target.TextAt("kind") == "Deployment" && target.TextAt("name") == deployment.Name);
        if (autoscaler is null)
        {
            var replicas = deployment.Body.MapAt("spec").TextAt("replicas") ?? "1";
            return $"{replicas} {(replicas == "1" ? "replica" : "replicas")}";
        }

        var spec = autoscaler.Body.MapAt("spec");
        var targets = spec.MapsAt("metrics")
            .Select(metric => metric.MapAt("containerResource") ?? metric.MapAt("resource"))
            .Select(resource => $"{resource.MapAt("target").TextAt("averageUtilization")}% {(resource.TextAt("name") == "cpu" ? "CPU" : resource.TextAt("name"))}{(resource.TextAt("container") is { } container ? $" of {container}" : "")}");
        return $"{spec.TextAt("minReplicas") ?? "1"}-{spec.TextAt("maxReplicas")} replicas (HPA: {string.Join(", ", targets)})";
    }

    private static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');
}
