using Frontend.Analysis.Manifests;

namespace Frontend.Analysis.Yaml;

/// <summary>
/// Deterministic YAML for manifests. Key order: apiVersion, kind, metadata, spec, then the remaining top-level
/// keys in ordinal order; inside metadata name and namespace first, then ordinal order; every other map in
/// ordinal order. Whole numbers are written as integers. Strings are quoted (double quotes) only where a YAML
/// reader could take them for something else: "", "true", "8080", "1e3", a ':' or '#', leading or trailing
/// spaces, non-ASCII or control characters. LF line endings, one trailing newline. The same manifest always
/// gives the same bytes.
/// </summary>
public static class ManifestYaml
{
    public const string DocumentSeparator = "---\n";

    public static string Write(Manifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return YamlEmitter.Emit(manifest.Body);
    }

    /// <summary>Several manifests as one multi-document stream, each document after a "---" line.</summary>
    public static string WriteAll(IEnumerable<Manifest> manifests)
    {
        ArgumentNullException.ThrowIfNull(manifests);
        return string.Concat(manifests.Select(manifest => DocumentSeparator + Write(manifest)));
    }

    /// <summary>Reads every non-empty document of a YAML stream as a manifest.</summary>
    /// <param name="yaml">The YAML text.</param>
    /// <param name="source">Where the text came from, for error messages (a file path).</param>
    /// <exception cref="ManifestException">The text is not YAML, or a document is not a manifest.</exception>
    public static IReadOnlyList<Manifest> Read(string yaml, string source = "(yaml)")
    {
        ArgumentNullException.ThrowIfNull(yaml);
        return YamlTreeReader.ReadDocuments(yaml, source)
            .Select(document => document is IReadOnlyDictionary<string, object?> map
                ? Manifest.FromObjectTree(map)
                : throw new ManifestException($"{source}: a document is not a map"))
            .ToList();
    }
}
