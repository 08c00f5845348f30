using Frontend.Analysis.Manifests;
using Frontend.Analysis.Yaml;

namespace Frontend.Analysis.Schema;

/// <summary>
/// The openAPIV3Schema of every version of every CustomResourceDefinition in a bundle (such as Istio's
/// customresourcedefinitions.gen.yaml), to validate manifests of those kinds the way the API server would.
/// </summary>
public sealed class CrdSchemaBundle
{
    private static readonly string[] ServerOwnedFields = ["apiVersion", "kind", "metadata"];

    private readonly Dictionary<(string Group, string Kind), Dictionary<string, IReadOnlyDictionary<string, object?>>> schemas;

    private CrdSchemaBundle(Dictionary<(string Group, string Kind), Dictionary<string, IReadOnlyDictionary<string, object?>>> schemas)
    {
        this.schemas = schemas;
    }

    /// <summary>Every (group, kind) the bundle defines, as "Kind.group".</summary>
    public IReadOnlyList<string> DefinedKinds =>
        schemas.Keys.Select(key => $"{key.Kind}.{key.Group}").Order(StringComparer.Ordinal).ToList();

    public static CrdSchemaBundle Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Parse(File.ReadAllText(path), path);
    }

    /// <exception cref="ManifestException">The text is not YAML, or a CustomResourceDefinition lacks its group, kind or versions.</exception>
    public static CrdSchemaBundle Parse(string yaml, string source = "(crd bundle)")
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var schemas = new Dictionary<(string, string), Dictionary<string, IReadOnlyDictionary<string, object?>>>();
        foreach (var document in YamlTreeReader.ReadDocuments(yaml, source).OfType<IReadOnlyDictionary<string, object?>>())
        {
            if (document.GetValueOrDefault("kind") is not "CustomResourceDefinition")
            {
                continue;
            }

            var spec = Map(document, "spec", source);
            var group = spec.GetValueOrDefault("group") as string ?? throw new ManifestException($"{source}: a CustomResourceDefinition has no spec.group");
            var kind = Map(spec, "names", source).GetValueOrDefault("kind") as string ?? throw new ManifestException($"{source}: a CustomResourceDefinition has no spec.names.kind");
            var versions = new Dictionary<string, IReadOnlyDictionary<string, object?>>(StringComparer.Ordinal);
            foreach (var version in (spec.GetValueOrDefault("versions") as IReadOnlyList<object?> ?? []).OfType<IReadOnlyDictionary<string, object?>>())
            {
                if (version.GetValueOrDefault("name") is string name && version.GetValueOrDefault("served") is not false
                    && (version.GetValueOrDefault("schema") as IReadOnlyDictionary<string, object?>)?.GetValueOrDefault("openAPIV3Schema") is IReadOnlyDictionary<string, object?> schema)
                {
                    versions[name] = schema;
                }
            }

            schemas[(group, kind)] = versions;
        }

        return new CrdSchemaBundle(schemas);
    }

    /// <summary>Whether the bundle defines the manifest's group and kind (in any version).</summary>
    public bool Defines(Manifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return schemas.ContainsKey((manifest.Group, manifest.Kind));
    }

    /// <summary>
    /// Validates a manifest against the schema of its apiVersion. Returns no findings for kinds the bundle does not
    /// define (see <see cref="Defines"/>); apiVersion, kind and metadata are the API server's and not checked here.
    /// </summary>
    public IReadOnlyList<SchemaFinding> Validate(Manifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        if (!schemas.TryGetValue((manifest.Group, manifest.Kind), out var versions))
        {
            return [];
        }

        if (!versions.TryGetValue(manifest.Version, out var schema))
        {
            var served = string.Join(", ", versions.Keys.Order(StringComparer.Ordinal));
            return
            [
                new SchemaFinding(SchemaFindingKind.Violation, "apiVersion", "served versions", $"\"{manifest.ApiVersion}\"",
                    $"apiVersion: {manifest.ApiVersion} is not served for {manifest.Kind} (served: {served})"),
            ];
        }

        var content = manifest.Body
            .Where(pair => !ServerOwnedFields.Contains(pair.Key))
            .ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);
        return SchemaValidator.Validate(schema, content, "");
    }

    private static IReadOnlyDictionary<string, object?> Map(IReadOnlyDictionary<string, object?> parent, string key, string source) =>
        parent.GetValueOrDefault(key) as IReadOnlyDictionary<string, object?>
            ?? throw new ManifestException($"{source}: a CustomResourceDefinition has no {key}");
}
