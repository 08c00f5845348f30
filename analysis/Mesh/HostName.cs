namespace Frontend.Analysis.Mesh;

/// <summary>
/// Service host names as Istio resources write them. A short name ("frontend") is resolved in the namespace of
/// the resource that writes it. "frontend.shop" and "frontend.shop.svc" are expanded to the cluster-local FQDN
/// too: Istio itself takes a dotted name literally, but people write these forms because Kubernetes DNS
/// resolves them, so treating them as the Service they mean finds the mistakes that matter here.
/// </summary>
internal static class HostName
{
    private const string ClusterSuffix = "svc.cluster.local";

    public static string Qualify(string host, string resourceNamespace)
    {
        var normalised = host.Trim().TrimEnd('.').ToLowerInvariant();
        if (normalised.StartsWith('*'))
        {
            return normalised;
        }

        var labels = normalised.Split('.');
        return labels.Length switch
        {
            1 => $"{normalised}.{resourceNamespace}.{ClusterSuffix}",
            2 => $"{normalised}.{ClusterSuffix}",
            3 when labels[2] == "svc" => $"{normalised}.cluster.local",
            _ => normalised,
        };
    }

    public static string OfService(string name, string serviceNamespace) => $"{name}.{serviceNamespace}.{ClusterSuffix}".ToLowerInvariant();

    /// <summary>Whether two qualified hosts name the same thing; either may be a wildcard ("*", "*.shop.svc.cluster.local").</summary>
    public static bool Matches(string left, string right) =>
        string.Equals(left, right, StringComparison.Ordinal) || WildcardCovers(left, right) || WildcardCovers(right, left);

    private static bool WildcardCovers(string pattern, string host) =>
        pattern == "*" || (pattern.StartsWith("*.", StringComparison.Ordinal) && host.EndsWith(pattern[1..], StringComparison.Ordinal));
}
