using Frontend.Analysis.Manifests;
using Frontend.Analysis.Mesh;

namespace Frontend.Analysis.Users.Reading;

/// <summary>
/// A Service that selects one version's pods beside the Service that selects them all (Gateway API routes name a
/// version by its Service, having no subsets): its host, the version it stands for and the shared Service it narrows.
/// </summary>
internal sealed record VersionService(Manifest Service, string Host, string Version, IReadOnlyDictionary<string, string> Selector, Manifest Shared);

internal static class VersionServices
{
    /// <summary>
    /// Each Service whose selector narrows another Service's in its namespace, by host. The version is the value of the
    /// one selector label the shared Service lacks (<c>version: v1</c>), else its <c>version</c> label, else the name
    /// without the shared Service's as prefix (<c>frontend-v1</c> → <c>v1</c>).
    /// </summary>
    public static IReadOnlyDictionary<string, VersionService> Read(IReadOnlyList<Manifest> manifests)
    {
        var services = manifests.Where(m => m is { Group: "", Kind: "Service" })
            .Select(m => (Manifest: m, Selector: m.Body.MapAt("spec").LabelsAt("selector")))
            .Where(s => s.Selector.Count > 0)
            .ToList();
        var result = new Dictionary<string, VersionService>(StringComparer.Ordinal);
        foreach (var (service, selector) in services)
        {
            var shared = services.FirstOrDefault(candidate =>
                candidate.Manifest.EffectiveNamespace == service.EffectiveNamespace
                && candidate.Selector.Count < selector.Count
                && candidate.Selector.All(label => selector.TryGetValue(label.Key, out var value) && value == label.Value));
            if (shared.Manifest is null)
            {
                continue;
            }

            var extra = selector.Where(label => !shared.Selector.ContainsKey(label.Key)).ToList();
            var prefix = shared.Manifest.Name + "-";
            var version = extra.Count == 1
                ? extra[0].Value
                : service.Body.MapAt("metadata").LabelsAt("labels").GetValueOrDefault("version")
                    ?? (service.Name.StartsWith(prefix, StringComparison.Ordinal) ? service.Name[prefix.Length..] : service.Name);
            var host = HostName.OfService(service.Name, service.EffectiveNamespace);
            result[host] = new VersionService(service, host, version, selector, shared.Manifest);
        }

        return result;
    }

    /// <summary>The version a Service host stands for, or the Service's name when it stands for none.</summary>
    public static string VersionOf(IReadOnlyDictionary<string, VersionService> versions, string name, string ns) =>
        versions.TryGetValue(HostName.OfService(name, ns), out var version) ? version.Version : name;
}
