using Frontend.Analysis.Manifests;

namespace Frontend.Analysis.Rendering;

/// <summary>
/// Where the Pulumi Kubernetes provider's <c>renderYamlToDirectory</c> puts each object: CustomResourceDefinitions
/// in <c>0-crd/</c>, everything else in <c>1-manifest/</c>, so a recursive <c>kubectl apply</c> (which walks
/// files in lexical order) creates the types before their instances. The file name is
/// <c>{apiVersion}-{kind}-{namespace}-{name}.yaml</c> with '/' and ':' in apiVersion replaced by '_', kind in
/// lower case, and "default" when the object names no namespace.
/// </summary>
public static class RenderLayout
{
    public const string CrdFolder = "0-crd";
    public const string ManifestFolder = "1-manifest";

    /// <summary>The path of a manifest's file relative to the render folder, with '/' separators.</summary>
    public static string RelativePath(Manifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        if (HasPathSeparator(manifest.Name) || HasPathSeparator(manifest.Namespace ?? ""))
        {
            throw new ArgumentException($"{manifest.DisplayName}: a name or namespace with a path separator cannot be rendered to a file", nameof(manifest));
        }

        var folder = manifest.Kind == "CustomResourceDefinition" ? CrdFolder : ManifestFolder;
        var apiVersion = manifest.ApiVersion.Replace('/', '_').Replace(':', '_');
        var fileName = $"{apiVersion}-{manifest.Kind.ToLowerInvariant()}-{manifest.Namespace ?? "default"}-{manifest.Name}.yaml";
        return $"{folder}/{fileName}";
    }

    private static bool HasPathSeparator(string text) =>
        text.Contains('/', StringComparison.Ordinal) || text.Contains('\\', StringComparison.Ordinal) || text is "." or "..";
}
