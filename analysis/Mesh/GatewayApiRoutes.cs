using System.Globalization;
using Frontend.Analysis.Manifests;

namespace Frontend.Analysis.Mesh;

/// <summary>
/// Checks of Gateway API routes against the other manifests, where Istio would set a route's status instead of
/// refusing it: FRT0005 (a backend or mirror Service, or a parent Service, that no manifest declares), FRT0006 and
/// FRT0007 (a declared Gateway whose listeners do not admit the route, or may not), FRT0008 (a parent Service port the
/// Service lacks), FRT0009 (a VirtualService in an ambient namespace) and FRT0010 (a GAMMA route in an ambient
/// namespace without a waypoint).
/// </summary>
internal static class GatewayApiRoutes
{
    private const string DataplaneModeLabel = "istio.io/dataplane-mode";
    private const string UseWaypointLabel = "istio.io/use-waypoint";

    public static IEnumerable<Finding> Findings(MeshInventory inventory) =>
        MissingServices(inventory)
            .Concat(ListenerAdmission(inventory))
            .Concat(ParentPorts(inventory))
            .Concat(Ambient(inventory));

    /// <summary>A parentRef's kind: Gateway unless it says otherwise; a Service is in the core group ("" or "core").</summary>
    public static bool IsServiceParent(IReadOnlyDictionary<string, object?> parent) =>
        parent.StringAt("kind") == "Service" && (parent.StringAt("group") ?? "") is "" or "core";

    public static bool IsGatewayParent(IReadOnlyDictionary<string, object?> parent) =>
        (parent.StringAt("kind") ?? "Gateway") == "Gateway" && (parent.StringAt("group") ?? MeshInventory.GatewayApiGroup) == MeshInventory.GatewayApiGroup;

    /// <summary>A reference to a core Service (a backendRef's default kind), as name and namespace; null for any other kind.</summary>
    public static (string Name, string Namespace)? ServiceReference(IReadOnlyDictionary<string, object?>? reference, string routeNamespace) =>
        reference is not null && (reference.StringAt("kind") ?? "Service") == "Service" && (reference.StringAt("group") ?? "") is "" or "core" && reference.StringAt("name") is { } name
            ? (name, reference.StringAt("namespace") ?? routeNamespace)
            : null;

    /// <summary>Every backendRef of a route, with its rule's name, and every mirror's backendRef (rule or backend filters).</summary>
    public static IEnumerable<(string Reference, IReadOnlyDictionary<string, object?> Backend)> BackendReferences(Manifest route)
    {
        var rules = route.Body.MapAt("spec").MapsAt("rules");
        for (var index = 0; index < rules.Count; index++)
        {
            var rule = $"rule {rules[index].StringAt("name") ?? $"#{(index + 1).ToString(CultureInfo.InvariantCulture)}"}";
            foreach (var backend in rules[index].MapsAt("backendRefs"))
            {
                yield return ($"backendRef of {rule}", backend);
                foreach (var mirror in Mirrors(backend))
                {
                    yield return ($"RequestMirror backendRef of {rule}", mirror);
                }
            }

            foreach (var mirror in Mirrors(rules[index]))
            {
                yield return ($"RequestMirror backendRef of {rule}", mirror);
            }
        }
    }

    /// <summary>The backendRefs of the RequestMirror filters of a rule or a backendRef.</summary>
    public static IEnumerable<IReadOnlyDictionary<string, object?>> Mirrors(IReadOnlyDictionary<string, object?> holder) =>
        holder.MapsAt("filters")
            .Where(filter => filter.StringAt("type") == "RequestMirror")
            .Select(filter => filter.MapAt("requestMirror").MapAt("backendRef"))
            .OfType<IReadOnlyDictionary<string, object?>>();

    private static IEnumerable<Finding> MissingServices(MeshInventory inventory)
    {
        foreach (var route in inventory.HttpRoutes)
        {
            var references = route.Body.MapAt("spec").MapsAt("parentRefs").Where(IsServiceParent).Select(parent => (Reference: "parentRef", Target: parent))
                .Concat(BackendReferences(route).Select(backend => (backend.Reference, Target: backend.Backend)));
            foreach (var (reference, target) in references)
            {
                if (ServiceReference(target, route.EffectiveNamespace) is { } service && inventory.Service(service.Name, service.Namespace) is null)
                {
                    yield return FrontendMessages.RouteBackendNotFound(route.DisplayName, reference, service.Name, service.Namespace);
                }
            }
        }
    }

    /// <summary>
    /// For each parentRef to a Gateway the manifests declare: the listeners it names (its sectionName and port, or all)
    /// must include one that admits the route's namespace, the HTTPRoute kind and one of its hostnames.
    /// </summary>
    private static IEnumerable<Finding> ListenerAdmission(MeshInventory inventory)
    {
        foreach (var route in inventory.HttpRoutes)
        {
            var hostnames = route.Body.MapAt("spec").StringsAt("hostnames");
            foreach (var parent in route.Body.MapAt("spec").MapsAt("parentRefs").Where(IsGatewayParent))
            {
                var gatewayNamespace = parent.StringAt("namespace") ?? route.EffectiveNamespace;
                var gateway = inventory.Gateways.FirstOrDefault(candidate => candidate.Name == parent.StringAt("name") && candidate.EffectiveNamespace == gatewayNamespace);
                if (gateway is null)
                {
                    continue;
                }

                var section = parent.StringAt("sectionName");
                var port = parent.LongAt("port");
                var listeners = gateway.Body.MapAt("spec").MapsAt("listeners")
                    .Where(listener => (section is null || listener.StringAt("name") == section) && (port is null || listener.LongAt("port") == port))
                    .ToList();
                var gatewayName = $"{gateway.EffectiveNamespace}/{gateway.Name}";
                if (listeners.Count == 0)
                {
                    var wanted = string.Join(" and ", new[] { section is null ? null : $"sectionName {section}", port is null ? null : $"port {Whole(port.Value)}" }.OfType<string>());
                    yield return FrontendMessages.ListenerRejectsRoute(route.DisplayName, gatewayName, $"it has no listener with {wanted}");
                    continue;
                }

                var verdicts = listeners.Select(listener => (Listener: listener.StringAt("name") ?? "(unnamed)", Verdict: Admits(inventory, gateway, listener, route, hostnames))).ToList();
                if (verdicts.Exists(verdict => verdict.Verdict.Admitted == true))
                {
                    continue;
                }

                var reasons = string.Join("; ", verdicts.Select(verdict => $"listener {verdict.Listener}: {verdict.Verdict.Reason}"));
                yield return verdicts.Exists(verdict => verdict.Verdict.Admitted is null)
                    ? FrontendMessages.ListenerAdmissionUndecided(route.DisplayName, gatewayName, reasons)
                    : FrontendMessages.ListenerRejectsRoute(route.DisplayName, gatewayName, reasons);
            }
        }
    }

    /// <summary>Whether the listener admits the route: true, false with the rule that refuses it, or null when the manifests cannot tell.</summary>
    private static (bool? Admitted, string Reason) Admits(MeshInventory inventory, Manifest gateway, IReadOnlyDictionary<string, object?> listener, Manifest route, IReadOnlyList<string> hostnames)
    {
        var allowed = listener.MapAt("allowedRoutes");
        var kinds = allowed.MapsAt("kinds");
        var protocol = listener.StringAt("protocol") ?? "";
        var kindAllowed = kinds.Count > 0
            ? kinds.Any(kind => kind.StringAt("kind") == "HTTPRoute" && (kind.StringAt("group") ?? MeshInventory.GatewayApiGroup) == MeshInventory.GatewayApiGroup)
            : protocol is "HTTP" or "HTTPS";
        if (!kindAllowed)
        {
            return (false, kinds.Count > 0
                ? $"allowedRoutes.kinds ({string.Join(", ", kinds.Select(kind => kind.StringAt("kind")))}) leaves out HTTPRoute"
                : $"protocol {protocol} admits no HTTPRoute");
        }

        var listenerHost = listener.StringAt("hostname");
        if (listenerHost is not null && hostnames.Count > 0 && !hostnames.Any(host => HostnamesIntersect(host, listenerHost)))
        {
            return (false, $"hostname {listenerHost} matches none of the route's hostnames ({string.Join(", ", hostnames)})");
        }

        var namespaces = allowed.MapAt("namespaces");
        var from = namespaces.StringAt("from") ?? "Same";
        switch (from)
        {
            case "All":
                return (true, "");
            case "Same":
                return route.EffectiveNamespace == gateway.EffectiveNamespace
                    ? (true, "")
                    : (false, $"allowedRoutes.namespaces.from Same admits routes in {gateway.EffectiveNamespace} only, not {route.EffectiveNamespace}");
            case "Selector":
                if (inventory.NamespaceLabels(route.EffectiveNamespace) is not { } labels)
                {
                    return (null, $"allowedRoutes.namespaces.from Selector, and the manifests do not declare namespace {route.EffectiveNamespace} to read its labels");
                }

                return Selects(namespaces.MapAt("selector"), labels) switch
                {
                    true => (true, ""),
                    false => (false, $"allowedRoutes.namespaces.selector does not select namespace {route.EffectiveNamespace} (labels: {Labels(labels)})"),
                    null => (null, "allowedRoutes.namespaces.selector uses an operator this check does not know"),
                };
            default:
                return (false, $"allowedRoutes.namespaces.from {from} is not Same, All or Selector");
        }
    }

    /// <summary>A label selector's verdict on labels: matchLabels and matchExpressions (In, NotIn, Exists, DoesNotExist).</summary>
    private static bool? Selects(IReadOnlyDictionary<string, object?>? selector, IReadOnlyDictionary<string, string> labels)
    {
        if (!selector.LabelsAt("matchLabels").All(label => labels.TryGetValue(label.Key, out var value) && value == label.Value))
        {
            return false;
        }

        foreach (var expression in selector.MapsAt("matchExpressions"))
        {
            var key = expression.StringAt("key") ?? "";
            var values = expression.StringsAt("values");
            bool? holds = expression.StringAt("operator") switch
            {
                "In" => labels.TryGetValue(key, out var value) && values.Contains(value),
                "NotIn" => !labels.TryGetValue(key, out var value) || !values.Contains(value),
                "Exists" => labels.ContainsKey(key),
                "DoesNotExist" => !labels.ContainsKey(key),
                _ => null,
            };
            if (holds != true)
            {
                return holds;
            }
        }

        return true;
    }

    /// <summary>Gateway API hostname intersection: equal, or a leading "*." wildcard on either side covering the other.</summary>
    private static bool HostnamesIntersect(string route, string listener)
    {
        static bool Covers(string pattern, string host) =>
            pattern.StartsWith("*.", StringComparison.Ordinal) && host.EndsWith(pattern[1..], StringComparison.OrdinalIgnoreCase) && host.Length > pattern.Length - 1;

        return string.Equals(route, listener, StringComparison.OrdinalIgnoreCase) || Covers(route, listener) || Covers(listener, route);
    }

    private static IEnumerable<Finding> ParentPorts(MeshInventory inventory)
    {
        foreach (var route in inventory.HttpRoutes)
        {
            foreach (var parent in route.Body.MapAt("spec").MapsAt("parentRefs").Where(IsServiceParent))
            {
                var service = inventory.Service(parent.StringAt("name") ?? "", parent.StringAt("namespace") ?? route.EffectiveNamespace);
                var ports = service?.Ports.Select(port => port.LongAt("port") ?? 0).ToList() ?? [];
                if (service is not null && parent.LongAt("port") is { } port && !ports.Contains(port))
                {
                    yield return FrontendMessages.ParentServicePortNotFound(route.DisplayName, service.Manifest.DisplayName, port, ports);
                }
            }
        }
    }

    private static IEnumerable<Finding> Ambient(MeshInventory inventory)
    {
        bool IsAmbient(string ns) => inventory.NamespaceLabels(ns)?.GetValueOrDefault(DataplaneModeLabel) == "ambient";

        var routedServiceHosts = inventory.HttpRoutes
            .SelectMany(route => route.Body.MapAt("spec").MapsAt("parentRefs").Where(IsServiceParent)
                .Select(parent => HostName.OfService(parent.StringAt("name") ?? "", parent.StringAt("namespace") ?? route.EffectiveNamespace)))
            .ToHashSet(StringComparer.Ordinal);
        foreach (var virtualService in inventory.VirtualServices.Where(candidate => IsAmbient(candidate.EffectiveNamespace)))
        {
            var mixed = virtualService.Body.MapAt("spec").StringsAt("hosts")
                .Select(host => HostName.Qualify(host, virtualService.EffectiveNamespace))
                .Any(host => routedServiceHosts.Any(routed => HostName.Matches(routed, host)));
            yield return FrontendMessages.VirtualServiceInAmbient(virtualService.DisplayName, virtualService.EffectiveNamespace, mixed);
        }

        foreach (var route in inventory.HttpRoutes)
        {
            foreach (var parent in route.Body.MapAt("spec").MapsAt("parentRefs").Where(IsServiceParent))
            {
                var ns = parent.StringAt("namespace") ?? route.EffectiveNamespace;
                var service = inventory.Service(parent.StringAt("name") ?? "", ns);
                if (service is null || !IsAmbient(ns))
                {
                    continue;
                }

                if (!UsesWaypoint(service.Manifest.Body.MapAt("metadata").LabelsAt("labels")) && !UsesWaypoint(inventory.NamespaceLabels(ns)!))
                {
                    yield return FrontendMessages.RouteWithoutWaypoint(route.DisplayName, service.Manifest.DisplayName, ns);
                }
            }
        }
    }

    /// <summary>As Istio reads the label: set, not empty and not "none".</summary>
    private static bool UsesWaypoint(IReadOnlyDictionary<string, string> labels) =>
        labels.TryGetValue(UseWaypointLabel, out var waypoint) && waypoint.Length > 0 && !string.Equals(waypoint, "none", StringComparison.OrdinalIgnoreCase);

    private static string Labels(IReadOnlyDictionary<string, string> labels) =>
        labels.Count == 0 ? "none" : string.Join(", ", labels.OrderBy(label => label.Key, StringComparer.Ordinal).Select(label => $"{label.Key}={label.Value}"));

    private static string Whole(long value) => value.ToString(CultureInfo.InvariantCulture);
}
