using System.Globalization;
using System.Text;
using Frontend.Analysis.Manifests;
using Frontend.Analysis.Mesh;
using Frontend.Analysis.Users;
using Frontend.Analysis.Users.Reading;
using Frontend.Cli.Commands;
using Frontend.Cli.Evaluation;
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
    private const string IstioDefault = "not set (Istio's default)";

    public static string Format(AnalysedStack analysed, string outDirectory)
    {
        var evaluation = analysed.Evaluation;
        var manifests = evaluation.Manifests.OrderBy(m => m.DisplayName, StringComparer.Ordinal).ThenBy(m => m.ApiVersion, StringComparer.Ordinal).ToList();
        var text = new StringBuilder();
        var view = UserView.Read(manifests, EvaluatedFacts.Of(evaluation));
        Line(text, $"Stack {evaluation.Settings.StackName} (project {evaluation.Settings.ProjectName}), namespace {string.Join(", ", view.Namespaces)}: {StackAnalysis.Plural(manifests.Count, "resource")}");
        foreach (var line in ResourceLines(manifests))
        {
            Line(text, Indent + line);
        }

        WriteCluster(text, view.Facts);
        WriteList(text, "Kept when deleted", evaluation.Safety.OrderBy(s => s.Type, StringComparer.Ordinal).ThenBy(s => s.Name, StringComparer.Ordinal).Select(KeptWhenDeleted));
        var groups = view.GroupedByPlan();
        WriteTraffic(text, view, groups, analysed.Findings);

        // The program emits one route plan for every entry point, so the first group's plan is everyone's.
        var plan = groups.Count == 0 ? null : groups[0][0].Plan;
        WriteMatchRoutes(text, plan);
        WriteStickiness(text, plan);
        WriteMirroring(text, plan);
        WritePolicies(text, view, plan);
        WriteList(text, "Secure defaults overridden", OverriddenSecureDefaults(evaluation.Config, evaluation.Settings.StackName));
        WriteList(text, "Config warnings", evaluation.Warnings.Where(p => p.Severity == ProblemSeverity.Warning).Select(warning => warning.ToString(evaluation.Settings.StackName)));
        WriteList(text, "Secrets", Secrets(evaluation));
        WriteAnalysis(text, analysed);
        Line(text, $"Wrote {StackAnalysis.Plural(manifests.Count, "manifest")} and {StackFacts.FileName} to {outDirectory} (kubectl apply -f {outDirectory} --recursive)");
        return text.ToString();
    }

    /// <summary>
    /// One line per resource, its display name, and for the Gateway API's resources what each is for: an HTTPRoute's
    /// entry points, a Gateway's class and listeners (told from Istio's Gateway of the same name), a version Service and
    /// its DestinationRule. A render without HTTPRoutes or Gateway API Gateways reads as the display names alone.
    /// </summary>
    internal static IEnumerable<string> ResourceLines(IReadOnlyList<Manifest> manifests)
    {
        var byServices = manifests.Any(manifest => manifest is { Group: GatewayApi, Kind: "HTTPRoute" });
        var versions = byServices ? VersionServices.Read(manifests) : new Dictionary<string, VersionService>();
        foreach (var manifest in manifests)
        {
            var role = manifest switch
            {
                { Group: GatewayApi, Kind: "HTTPRoute" } => RouteRole(manifest),
                { Group: GatewayApi, Kind: "Gateway" } => GatewayRole(manifest),
                { Group: "", Kind: "Service" } => versions.TryGetValue(HostName.OfService(manifest.Name, manifest.EffectiveNamespace), out var version) ? $"version {version.Version}" : null,
                { Group: "networking.istio.io", Kind: "DestinationRule" } when versions.TryGetValue(MeshInventory.DestinationRuleHost(manifest), out var version) => $"version {version.Version}'s traffic policy",
                _ => null,
            };
            yield return role is null ? manifest.DisplayName : $"{manifest.DisplayName} ({role})";
        }
    }

    private const string GatewayApi = "gateway.networking.k8s.io";

    /// <summary>"in-mesh callers of Service frontend/frontend", "www.example.com via Gateway istio-ingress/public-gateway", or the redirect.</summary>
    private static string RouteRole(Manifest route)
    {
        var spec = route.Body.MapAt("spec");
        var hostnames = spec.StringsAt("hostnames");
        var hosts = hostnames.Count == 0 ? "every host" : string.Join(", ", hostnames);
        var redirect = spec.MapsAt("rules") is { Count: > 0 } rules && rules.All(rule => rule.MapsAt("backendRefs").Count == 0
            && rule.MapsAt("filters").Any(filter => filter.StringAt("type") == "RequestRedirect"));
        var parents = spec.MapsAt("parentRefs").Select(parent =>
        {
            var name = $"{parent.StringAt("namespace") ?? route.EffectiveNamespace}/{parent.StringAt("name")}";
            var section = parent.StringAt("sectionName") is { } listener ? $" listener {listener}" : "";
            return GatewayApiRoutes.IsServiceParent(parent)
                ? $"in-mesh callers of Service {name}"
                : redirect ? $"redirects {hosts} to HTTPS at Gateway {name}{section}" : $"{hosts} via Gateway {name}{section}";
        });
        return string.Join("; ", parents);
    }

    /// <summary>"Gateway API, class istio: https 443/HTTPS www.example.com, http 80/HTTP", or a waypoint's.</summary>
    private static string GatewayRole(Manifest gateway)
    {
        var spec = gateway.Body.MapAt("spec");
        var waypointFor = gateway.Body.MapAt("metadata").LabelsAt("labels").GetValueOrDefault("istio.io/waypoint-for");
        var className = spec.StringAt("gatewayClassName") ?? "(no class)";
        var kind = waypointFor is not null || className == "istio-waypoint"
            ? $"Gateway API waypoint{(waypointFor is null ? "" : $" for {waypointFor} traffic")}"
            : "Gateway API";
        var listeners = spec.MapsAt("listeners").Select(listener =>
            $"{listener.StringAt("name")} {listener.TextAt("port")}/{listener.StringAt("protocol")}{(listener.StringAt("hostname") is { } host ? $" {host}" : "")}");
        return $"{kind}, class {className}: {string.Join(", ", listeners)}";
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
    private static void WriteCluster(StringBuilder text, StackFacts facts) => Line(text, facts.ClusterContext is { } context
        ? $"Cluster: kube context {context}, cluster identifier {facts.ClusterIdentifier ?? context} (a new identifier replaces every resource)"
        : "Cluster: not named (pulumi up deploys to the current kube context)");

    /// <summary>Every version, with the share each group of entry points gives it: a version at 0% still has pods worth seeing.</summary>
    private static void WriteTraffic(StringBuilder text, UserView view, IReadOnlyList<IReadOnlyList<RoutedEntryPoint>> groups, IReadOnlyList<Finding> findings)
    {
        if (view.Versions.Count == 0)
        {
            Line(text, "Traffic split: none (no weighted route and no subsets)");
            return;
        }

        var width = view.Versions.Max(version => version.Name.Length);
        foreach (var group in groups.DefaultIfEmpty([]))
        {
            Line(text, TrafficSplitHeading(group, findings));
            foreach (var version in view.Versions)
            {
                var weight = group.Count == 0 ? 0 : group[0].Plan.ShareOf(version.Name);
                Line(text, $"{Indent}{version.Name.PadRight(width)}  {weight,3}%{Workload(version)}");
            }
        }
    }

    /// <summary>
    /// "Traffic split (...):" saying whose traffic the split governs: in-mesh callers, the gateways, and the hosts they
    /// serve other than the Service's own. A split that only in-mesh callers get is the surprise FRT0001 explains.
    /// </summary>
    internal static string TrafficSplitHeading(IReadOnlyList<RoutedEntryPoint> group, IReadOnlyList<Finding> findings)
    {
        if (group.Count == 0)
        {
            return "Traffic split:";
        }

        var gateways = group.Select(routed => routed.EntryPoint.Gateway).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        if (gateways.Count == 0)
        {
            var explained = findings.Any(finding => finding.Code == FrontendMessages.SplitNotAppliedAtIngressCode && group.Any(routed => routed.Source == finding.Resource));
            return $"Traffic split (in-mesh callers only: no gateway bound{(explained ? $", see {FrontendMessages.SplitNotAppliedAtIngressCode}" : "")}):";
        }

        var externalHosts = group.Where(routed => routed.EntryPoint is { InMesh: false, IsServiceHost: false }).Select(routed => routed.EntryPoint.Host).Distinct(StringComparer.Ordinal).ToList();
        var served = $"{(gateways.Count == 1 ? "gateway" : "gateways")} {string.Join(", ", gateways)}{(externalHosts.Count == 0 ? "" : $" for {string.Join(", ", externalHosts)}")}";
        return group.Any(routed => routed.EntryPoint.InMesh)
            ? $"Traffic split (in-mesh callers and {served}):"
            : $"Traffic split ({served} only, not in-mesh callers):";
    }

    private static void WriteMatchRoutes(StringBuilder text, RoutePlan? plan)
    {
        if (plan is null || plan.MatchRoutes.Count == 0)
        {
            Line(text, "Match routes: none");
            return;
        }

        Line(text, "Match routes (before the split):");
        foreach (var route in plan.MatchRoutes)
        {
            Line(text, $"{Indent}{route.Name}: {route.Fields} -> {string.Join(", ", route.Versions)}");
        }
    }

    /// <summary>Which versions keep their visitors, and the cookie each weighted destination adds to say so.</summary>
    private static void WriteStickiness(StringBuilder text, RoutePlan? plan) => Line(text, plan?.Stickiness is { } sticky
        ? $"Stickiness: cookie {sticky.Cookie} ({sticky.Attributes}); visitors carrying it return to {string.Join(", ", sticky.Versions)}; new visitors get the split and the cookie of the version they land on"
        : "Stickiness: none (each request is split afresh)");

    /// <summary>A copy of a share of the split's requests, whose responses Istio discards.</summary>
    private static void WriteMirroring(StringBuilder text, RoutePlan? plan)
    {
        var mirrors = (plan?.Mirrors.AsEnumerable() ?? []).Select(mirror => $"{mirror.Percent}% of the split's requests copied to {mirror.Version} (responses discarded)").ToList();
        Line(text, mirrors.Count == 0 ? "Mirroring: none" : $"Mirroring: {string.Join("; ", mirrors)}");
    }

    private static void WritePolicies(StringBuilder text, UserView view, RoutePlan? plan)
    {
        var policies = view.Policies;
        var rows = new List<(string Name, string Value)>
        {
            ("load balancer", policies.LoadBalancer ?? IstioDefault),
            ("connection pool", policies.ConnectionPool ?? IstioDefault),
            ("outlier detection", policies.OutlierDetection ?? IstioDefault),
            ("client TLS", policies.ClientTls ?? "not set (Istio auto mTLS)"),
            ("mTLS", policies.Mtls is { } mode ? $"{mode} ({policies.MtlsSource})" : "no PeerAuthentication (namespace or mesh policy applies)"),
            ("disruption budget", policies.Budgets.Count == 0 ? "none" : string.Join("; ", policies.Budgets.Select(budget => $"{budget.Name}: {budget.Terms}"))),
            ("retries", plan?.Retries ?? "not set (Istio's default: 2 attempts)"),
            ("timeout", plan?.Timeout ?? "not set (none)"),
        };
        // With HTTPRoutes a version is a Service with a DestinationRule of its own, not a subset.
        var versionKind = view.EntryPoints.Any(routed => routed.Source.StartsWith("HTTPRoute ", StringComparison.Ordinal)) ? "version" : "subset";
        rows.AddRange(view.Versions.Where(version => version.OwnPolicy is not null).Select(version => ($"{versionKind} {version.Name}", version.OwnPolicy!)));

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

    /// <summary>", 3 replicas of image:tag (frontend-v1)" for the Deployment the version's subset selects.</summary>
    private static string Workload(VersionView version) => version switch
    {
        { HasLabels: false } => "",
        { Selected: false } => "  (no Deployment selected)",
        _ => $"  {version.Capacity!.Text} of {version.Images} ({version.Deployment})",
    };

    private static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');
}
