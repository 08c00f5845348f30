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
}
