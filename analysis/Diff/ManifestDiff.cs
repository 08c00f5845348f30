using Frontend.Analysis.Manifests;
using Frontend.Analysis.Rendering;
using Frontend.Analysis.Yaml;

namespace Frontend.Analysis.Diff;

public enum ChangeKind
{
    Added,
    Removed,
    Changed,
    Unchanged,
}

/// <summary>
/// One resource's change between two renders. <see cref="Resource"/> is its display name ("Deployment shop/frontend-v2"),
/// <see cref="UnifiedDiff"/> the unified diff of its YAML ("" when unchanged).
/// </summary>
public sealed record ResourceChange(string Resource, string ApiVersion, ChangeKind Kind, string UnifiedDiff);

/// <summary>
/// Every resource of two renders, in a stable order (display name, then API group), and the risks of the change
/// that only the two renders together show (<see cref="ChangeRisks"/>).
/// </summary>
public sealed record DiffReport(IReadOnlyList<ResourceChange> Resources, IReadOnlyList<Mesh.Finding> Risks)
{
    /// <summary>A risk the change must not ship with (a version retired while the base still routes to it).</summary>
    public bool IsRefused => Risks.Any(risk => risk.Level == Mesh.FindingLevel.Error);

    public int Count(ChangeKind kind) => Resources.Count(resource => resource.Kind == kind);

    public bool HasChanges => Resources.Any(resource => resource.Kind != ChangeKind.Unchanged);
}

/// <summary>
/// Compares two sets of manifests resource by resource. A resource is identified by API group, kind, namespace and
/// name, so moving it to a new API version (v1beta1 to v1) shows as a change, not a removal and an addition.
/// Both sides are compared as deterministic YAML, so formatting differences in hand-edited files do not show.
/// </summary>
public static class ManifestDiff
{
    public static DiffReport Compare(IEnumerable<Manifest> before, IEnumerable<Manifest> after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var beforeList = before.ToList();
        var afterList = after.ToList();
        var old = Index(beforeList, "before");
        var current = Index(afterList, "after");
        var changes = old.Keys.Union(current.Keys)
            .OrderBy(key => key.Display, StringComparer.Ordinal)
            .ThenBy(key => key.Group, StringComparer.Ordinal)
            .Select(key => Describe(key, old.GetValueOrDefault(key), current.GetValueOrDefault(key)))
            .ToList();
        return new DiffReport(changes, ChangeRisks.Find(beforeList, afterList));
    }

    /// <summary>Compares two rendered folders (see <see cref="RenderedFolder"/>).</summary>
    public static DiffReport CompareFolders(string beforeDirectory, string afterDirectory) =>
        Compare(RenderedFolder.Read(beforeDirectory), RenderedFolder.Read(afterDirectory));

    private static Dictionary<(string Group, string Display), Manifest> Index(IEnumerable<Manifest> manifests, string side)
    {
        var index = new Dictionary<(string Group, string Display), Manifest>();
        foreach (var manifest in manifests)
        {
            if (!index.TryAdd((manifest.Group, manifest.DisplayName), manifest))
            {
                throw new ArgumentException($"{manifest.DisplayName} appears twice in the {side} manifests");
            }
        }

        return index;
    }

    private static ResourceChange Describe((string Group, string Display) key, Manifest? before, Manifest? after)
    {
        var beforeYaml = before is null ? "" : ManifestYaml.Write(before);
        var afterYaml = after is null ? "" : ManifestYaml.Write(after);
        var beforeLabel = before is null ? "/dev/null" : $"a/{RenderLayout.RelativePath(before)}";
        var afterLabel = after is null ? "/dev/null" : $"b/{RenderLayout.RelativePath(after)}";
        var kind = (before, after) switch
        {
            (null, _) => ChangeKind.Added,
            (_, null) => ChangeKind.Removed,
            _ when string.Equals(beforeYaml, afterYaml, StringComparison.Ordinal) => ChangeKind.Unchanged,
            _ => ChangeKind.Changed,
        };
        var apiVersion = (after ?? before)!.ApiVersion;
        return new ResourceChange(key.Display, apiVersion, kind, UnifiedDiff.Render(beforeYaml, afterYaml, beforeLabel, afterLabel));
    }
}
