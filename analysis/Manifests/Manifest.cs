namespace Frontend.Analysis.Manifests;

/// <summary>
/// One Kubernetes object as Pulumi would apply it. <see cref="Body"/> holds the whole object as a tree of
/// <see cref="IReadOnlyDictionary{TKey,TValue}"/> (string keys), <see cref="IReadOnlyList{T}"/>, string,
/// bool, long (whole numbers) and double (everything else), with map keys in the canonical order that
/// <see cref="Yaml.ManifestYaml"/> writes.
/// </summary>
public sealed class Manifest
{
    private static readonly HashSet<string> ClusterScopedKinds = new(StringComparer.Ordinal)
    {
        "Namespace", "CustomResourceDefinition", "ClusterRole", "ClusterRoleBinding", "PersistentVolume",
        "StorageClass", "PriorityClass", "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration",
    };

    private Manifest(IReadOnlyDictionary<string, object?> body, string apiVersion, string kind, string name, string? ns)
    {
        Body = body;
        ApiVersion = apiVersion;
        Kind = kind;
        Name = name;
        Namespace = ns;
    }

    public string ApiVersion { get; }

    public string Kind { get; }

    public string Name { get; }

    /// <summary>metadata.namespace as written; null when the object does not name one.</summary>
    public string? Namespace { get; }

    public IReadOnlyDictionary<string, object?> Body { get; }

    /// <summary>The API group: "" for the core group ("v1"), "networking.istio.io" for "networking.istio.io/v1".</summary>
    public string Group => ApiVersion.Contains('/', StringComparison.Ordinal) ? ApiVersion[..ApiVersion.IndexOf('/', StringComparison.Ordinal)] : "";

    public string Version => ApiVersion[(ApiVersion.IndexOf('/', StringComparison.Ordinal) + 1)..];

    public bool IsClusterScoped => ClusterScopedKinds.Contains(Kind);

    /// <summary>The namespace Kubernetes puts a namespaced object in when it names none.</summary>
    public string EffectiveNamespace => Namespace ?? "default";

    /// <summary>How istioctl names a resource: "VirtualService frontend/frontend", or "Namespace frontend".</summary>
    public string DisplayName => IsClusterScoped ? $"{Kind} {Name}" : $"{Kind} {EffectiveNamespace}/{Name}";

    /// <summary>
    /// Builds a manifest from an object tree such as Pulumi's MockResourceArgs.Inputs: nested dictionaries,
    /// lists (ImmutableArray, arrays, lists), strings, bools and numbers. Whole numbers become longs.
    /// </summary>
    /// <exception cref="ManifestException">apiVersion, kind or metadata.name is missing, or a value has an unsupported type.</exception>
    public static Manifest FromObjectTree(object objectTree)
    {
        ArgumentNullException.ThrowIfNull(objectTree);
        if (ManifestTree.Normalise(objectTree, "") is not IReadOnlyDictionary<string, object?> body)
        {
            throw new ManifestException($"a manifest must be a map, got {objectTree.GetType().Name}");
        }

        return FromNormalisedBody(body);
    }

    internal static Manifest FromNormalisedBody(IReadOnlyDictionary<string, object?> body)
    {
        var apiVersion = RequiredString(body, "apiVersion");
        var kind = RequiredString(body, "kind");
        var metadata = body.GetValueOrDefault("metadata") as IReadOnlyDictionary<string, object?>
            ?? throw new ManifestException($"{kind}: metadata is missing");
        var name = metadata.GetValueOrDefault("name") as string;
        if (string.IsNullOrEmpty(name))
        {
            throw new ManifestException($"{kind}: metadata.name is missing");
        }

        var ns = metadata.GetValueOrDefault("namespace") as string;
        return new Manifest(body, apiVersion, kind, name, string.IsNullOrEmpty(ns) ? null : ns);
    }

    public override string ToString() => DisplayName;

    private static string RequiredString(IReadOnlyDictionary<string, object?> body, string key) =>
        body.GetValueOrDefault(key) is string { Length: > 0 } value
            ? value
            : throw new ManifestException($"a manifest needs a non-empty string '{key}'");
}
