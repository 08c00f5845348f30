using Frontend.Analysis.Manifests;
using Frontend.Analysis.Yaml;

namespace Frontend.Analysis.Schema;

/// <summary>
/// The openAPIV3Schema of every version of every CustomResourceDefinition in one or more bundles (such as Istio's
/// customresourcedefinitions.gen.yaml and a Gateway API channel's install file), to validate manifests of those
/// kinds the way the API server would: defaults applied first, then the schema and its CEL rules.
/// </summary>
public sealed class CrdSchemaBundle
{
    private static readonly string[] ServerOwnedFields = ["apiVersion", "kind", "metadata"];

    private readonly Dictionary<(string Group, string Kind), Definition> definitions;

    private CrdSchemaBundle(Dictionary<(string Group, string Kind), Definition> definitions)
    {
        this.definitions = definitions;
    }

    /// <summary>Every (group, kind) the bundle defines, as "Kind.group".</summary>
    public IReadOnlyList<string> DefinedKinds =>
        definitions.Keys.Select(key => $"{key.Kind}.{key.Group}").Order(StringComparer.Ordinal).ToList();

    public static CrdSchemaBundle Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>The union of several bundles' kinds, such as Istio's and one Gateway API channel's.</summary>
    /// <exception cref="ManifestException">A file is not a bundle, or two define the same kind.</exception>
    public static CrdSchemaBundle Load(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        return Combine(paths.Select(Load));
    }

    /// <summary>
    /// One bundle of all the given ones' kinds. A kind two of them define is refused rather than picked: a cluster
    /// holds one CustomResourceDefinition per kind, so two bundles that both define it (the Gateway API's standard
    /// and experimental channels) are two different clusters.
    /// </summary>
    /// <exception cref="ManifestException">Two bundles define the same group and kind.</exception>
    public static CrdSchemaBundle Combine(IEnumerable<CrdSchemaBundle> bundles)
    {
        ArgumentNullException.ThrowIfNull(bundles);
        var combined = new Dictionary<(string, string), Definition>();
        foreach (var bundle in bundles)
        {
            foreach (var (key, definition) in bundle.definitions)
            {
                if (combined.TryGetValue(key, out var first) && first.Source != definition.Source)
                {
                    throw new ManifestException(
                        $"{definition.Source}: defines {key.Item2}.{key.Item1}, which {first.Source} defines too; give one bundle per kind (one Gateway API channel, not both)");
                }

                combined[key] = definition;
            }
        }

        return new CrdSchemaBundle(combined);
    }

    /// <summary>
    /// The CustomResourceDefinitions of a YAML stream; other documents (such as the ValidatingAdmissionPolicy the
    /// Gateway API's bundles carry) are skipped.
    /// </summary>
    /// <exception cref="ManifestException">The text is not YAML, or a CustomResourceDefinition lacks its group, kind or versions.</exception>
    public static CrdSchemaBundle Parse(string yaml, string source = "(crd bundle)")
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var definitions = new Dictionary<(string, string), Definition>();
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

            definitions[(group, kind)] = new Definition(source, versions);
        }

        return new CrdSchemaBundle(definitions);
    }

    /// <summary>Whether the bundle defines the manifest's group and kind (in any version).</summary>
    public bool Defines(Manifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return definitions.ContainsKey((manifest.Group, manifest.Kind));
    }

    /// <summary>
    /// Validates a manifest against the schema of its apiVersion, after applying the schema's defaults as the API
    /// server does before it validates. Returns no findings for kinds the bundle does not define (see
    /// <see cref="Defines"/>); apiVersion, kind and metadata are the API server's and not checked here.
    /// </summary>
    public IReadOnlyList<SchemaFinding> Validate(Manifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        if (!definitions.TryGetValue((manifest.Group, manifest.Kind), out var definition))
        {
            return [];
        }

        if (!definition.Versions.TryGetValue(manifest.Version, out var schema))
        {
            var served = string.Join(", ", definition.Versions.Keys.Order(StringComparer.Ordinal));
            return
            [
                new SchemaFinding(SchemaFindingKind.Violation, "apiVersion", "served versions", $"\"{manifest.ApiVersion}\"",
                    $"apiVersion: {manifest.ApiVersion} is not served for {manifest.Kind} (served: {served})"),
            ];
        }

        var content = manifest.Body
            .Where(pair => !ServerOwnedFields.Contains(pair.Key))
            .ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);
        return SchemaValidator.Validate(schema, SchemaDefaults.Apply(schema, content), "");
    }

    private static IReadOnlyDictionary<string, object?> Map(IReadOnlyDictionary<string, object?> parent, string key, string source) =>
        parent.GetValueOrDefault(key) as IReadOnlyDictionary<string, object?>
            ?? throw new ManifestException($"{source}: a CustomResourceDefinition has no {key}");

    private sealed record Definition(string Source, IReadOnlyDictionary<string, IReadOnlyDictionary<string, object?>> Versions);
}
