namespace Frontend.Analysis.Mesh;

/// <summary>
/// The messages this project adds where Istio has no code, numbered FRT0001 onwards so they never collide with
/// Istio's IST codes, and shaped like them: a name, a level, the message and a one-sentence fix.
/// </summary>
internal static class FrontendMessages
{
    public const string SplitNotAppliedAtIngressCode = "FRT0001";

    public static Finding SplitNotAppliedAtIngress(string resource, string host, string shares, string replicas, string split, bool sharesMatchSplit) =>
        new(SplitNotAppliedAtIngressCode, "SplitNotAppliedAtIngress", FindingLevel.Warning, resource,
            sharesMatchSplit
                ? $"External traffic through an ingress gateway that routes to {host} without subsets is spread by ready pods: {shares} ({replicas}), which happens to match the {split} split only while the replicas keep that ratio; the VirtualService's routes apply to in-mesh callers only."
                : $"External traffic through an ingress gateway that routes to {host} without subsets is spread by ready pods: {shares} ({replicas}), not the {split} split; in-mesh callers get the split.",
            "Bind the VirtualService to the ingress gateway beside mesh (frontend:ingress.gateways, or frontend:ingress.gateway to declare one) so external traffic gets the same routes.");

    public const string PerProxyLimitOverflowsCode = "FRT0002";

    public static Finding PerProxyLimitOverflows(string resource, string host, string overflows, long reference) =>
        new(PerProxyLimitOverflowsCode, "PerProxyLimitOverflows", FindingLevel.Warning, resource,
            $"Connection-pool limits for {host} hold per client proxy and per subset, not for the Service: one proxy (a gateway pod carrying every external request) answers 503 (flag UO) once its connections or requests in flight to the Service, split by the weights, reach {overflows}, below the {reference} Envoy defaults to for a single proxy.",
            "Size each limit for one proxy's busiest moment times the version's share (frontend:trafficPolicy.connectionPool, or the version's trafficPolicy), or leave it unset: Istio then sets no limit.");

    /// <summary>FRT0001 for a GAMMA HTTPRoute: the version Services carry the split, and no route at a gateway names them.</summary>
    public static Finding SplitNotAppliedAtIngressByRoute(string resource, string host, string shares, string replicas, string split, bool sharesMatchSplit) =>
        new(SplitNotAppliedAtIngressCode, "SplitNotAppliedAtIngress", FindingLevel.Warning, resource,
            sharesMatchSplit
                ? $"External traffic through an ingress gateway reaches {host} without this HTTPRoute (it applies to in-mesh callers of its parent Service only) and is spread by ready pods: {shares} ({replicas}), which happens to match the {split} split only while the replicas keep that ratio."
                : $"External traffic through an ingress gateway reaches {host} without this HTTPRoute (it applies to in-mesh callers of its parent Service only) and is spread by ready pods: {shares} ({replicas}), not the {split} split; in-mesh callers get the split.",
            "Attach the same rules to the ingress Gateway: an HTTPRoute with a Gateway parentRef and the external hostnames whose backendRefs are the version Services (frontend:ingress.gateways, or frontend:ingress.gateway to declare one).");

    public const string RouteBackendNotFoundCode = "FRT0005";

    public static Finding RouteBackendNotFound(string resource, string reference, string service, string ns) =>
        new(RouteBackendNotFoundCode, "RouteBackendNotFound", FindingLevel.Error, resource,
            $"Referenced Service not found: {reference} names Service \"{service}\" in namespace {ns}, which no manifest declares; Istio marks the route ResolvedRefs=False and answers its requests with 500.",
            $"Declare Service {ns}/{service} (a version Service per version, frontend:versions), or point the reference at a Service that exists.");

    public const string ListenerRejectsRouteCode = "FRT0006";

    public static Finding ListenerRejectsRoute(string resource, string gateway, string reasons) =>
        new(ListenerRejectsRouteCode, "ListenerRejectsRoute", FindingLevel.Error, resource,
            $"Gateway {gateway} does not accept this route (Accepted=False, NotAllowedByListeners): {reasons}.",
            "Change the route or the Gateway so that a listener admits it: allowedRoutes.namespaces (from: Same, All, or a Selector matching the route's namespace labels), allowedRoutes.kinds including HTTPRoute, and a listener hostname that matches one of the route's hostnames.");

    public const string ListenerAdmissionUndecidedCode = "FRT0007";

    public static Finding ListenerAdmissionUndecided(string resource, string gateway, string reasons) =>
        new(ListenerAdmissionUndecidedCode, "ListenerAdmissionUndecided", FindingLevel.Warning, resource,
            $"Whether Gateway {gateway} accepts this route cannot be decided from the manifests: {reasons}.",
            "Check the route namespace's labels in the cluster (kubectl get namespace --show-labels) against the listener's allowedRoutes.namespaces.selector, or declare the namespace in the stack.");

    public const string ParentServicePortNotFoundCode = "FRT0008";

    public static Finding ParentServicePortNotFound(string resource, string service, long port, IEnumerable<long> ports) =>
        new(ParentServicePortNotFoundCode, "ParentServicePortNotFound", FindingLevel.Error, resource,
            $"The parentRef to {service} names port {Whole(port)}, which the Service does not expose (ports: {Join(ports)}): the route attaches to nothing and in-mesh callers get no routes.",
            $"Set the parentRef's port to one of the Service's ports ({Join(ports)}), or leave it out to attach to every port.");

    public const string VirtualServiceInAmbientCode = "FRT0009";

    public static Finding VirtualServiceInAmbient(string resource, string ns, bool mixed) =>
        new(VirtualServiceInAmbientCode, "VirtualServiceInAmbient", mixed ? FindingLevel.Error : FindingLevel.Warning, resource,
            mixed
                ? $"Namespace {ns} runs in ambient mode, where a waypoint applies VirtualServices only as a preview feature and must not mix them with Gateway API routes: this VirtualService and an HTTPRoute route the same Service, and which one a waypoint applies is undefined."
                : $"Namespace {ns} runs in ambient mode, where a waypoint applies VirtualServices only as a preview feature (Istio recommends Gateway API routes), and no sidecar applies them.",
            "Route with HTTPRoutes in ambient mode (frontend:mesh.api: gateway-api) and drop the VirtualService.");

    public const string RouteWithoutWaypointCode = "FRT0010";

    public static Finding RouteWithoutWaypoint(string resource, string service, string ns) =>
        new(RouteWithoutWaypointCode, "RouteWithoutWaypoint", FindingLevel.Error, resource,
            $"Namespace {ns} runs in ambient mode and neither {service} nor the namespace carries istio.io/use-waypoint: no waypoint serves the Service, so nothing enforces this route and in-mesh traffic ignores it (Istio reports WaypointError MissingLabel).",
            $"Label {service} or namespace {ns} istio.io/use-waypoint: <waypoint name> and declare that waypoint (frontend:mesh.waypoint).");

    private static string Whole(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Join(IEnumerable<long> values) => string.Join(", ", values.Select(Whole));
}
