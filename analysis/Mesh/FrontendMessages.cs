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
}
