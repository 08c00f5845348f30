using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CrdGen.Crds;

/// <summary>Reads every CustomResourceDefinition out of a multi-document YAML bundle such as Istio's <c>crd-all.gen.yaml</c>.</summary>
internal static class CrdBundleReader
{
    public static IReadOnlyList<CustomResourceDefinition> Read(TextReader reader, string sourceName)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(reader);
        }
        catch (YamlException exception)
        {
            throw new CrdBundleException($"{sourceName} is not valid YAML: {exception.Message}", exception);
        }

        var definitions = new List<CustomResourceDefinition>();
        foreach (var document in stream.Documents)
        {
            if (document.RootNode is YamlMappingNode root
                && string.Equals(Scalar(root, "kind"), "CustomResourceDefinition", StringComparison.Ordinal))
            {
                definitions.Add(ReadDefinition(root, sourceName));
            }
        }

        if (definitions.Count == 0)
        {
            throw new CrdBundleException($"{sourceName} holds no CustomResourceDefinition documents.");
        }

        return definitions;
    }

    private static CustomResourceDefinition ReadDefinition(YamlMappingNode root, string sourceName)
    {
        var spec = Mapping(root, "spec")
            ?? throw new CrdBundleException($"{sourceName}: a CustomResourceDefinition has no spec.");
        var group = Scalar(spec, "group")
            ?? throw new CrdBundleException($"{sourceName}: a CustomResourceDefinition has no spec.group.");
        var kind = Scalar(Mapping(spec, "names"), "kind")
            ?? throw new CrdBundleException($"{sourceName}: the CustomResourceDefinition of group {group} has no spec.names.kind.");

        var versions = new List<CrdVersion>();
        if (Child(spec, "versions") is YamlSequenceNode versionNodes)
        {
            foreach (var versionNode in versionNodes.OfType<YamlMappingNode>())
            {
                var name = Scalar(versionNode, "name")
                    ?? throw new CrdBundleException($"{sourceName}: a version of {group}/{kind} has no name.");
                var schemaNode = Mapping(Mapping(versionNode, "schema"), "openAPIV3Schema");
                versions.Add(new CrdVersion(
                    name,
                    IsTrue(Scalar(versionNode, "served")),
                    schemaNode is null ? null : ReadSchema(schemaNode)));
            }
        }

        return new CustomResourceDefinition(group, kind, versions);
    }

    private static OpenApiSchema ReadSchema(YamlMappingNode node)
    {
        var propertiesNode = Mapping(node, "properties");
        var properties = propertiesNode is null
            ? []
            : propertiesNode.Children
                .Where(entry => entry.Key is YamlScalarNode && entry.Value is YamlMappingNode)
                .Select(entry => new KeyValuePair<string, OpenApiSchema>(
                    ((YamlScalarNode)entry.Key).Value ?? string.Empty,
                    ReadSchema((YamlMappingNode)entry.Value)))
                .ToList();

        var required = Child(node, "required") is YamlSequenceNode requiredNodes
            ? requiredNodes.OfType<YamlScalarNode>().Select(item => item.Value ?? string.Empty).ToHashSet(StringComparer.Ordinal)
            : new HashSet<string>(StringComparer.Ordinal);

        var additionalProperties = Child(node, "additionalProperties");

        return new OpenApiSchema
        {
            Type = Scalar(node, "type"),
            Description = Scalar(node, "description"),
            Properties = properties,
            HasProperties = propertiesNode is not null,
            Required = required,
            Items = Mapping(node, "items") is { } items ? ReadSchema(items) : null,
            AdditionalProperties = additionalProperties is YamlMappingNode map ? ReadSchema(map) : null,
            AdditionalPropertiesAllowed = additionalProperties is YamlScalarNode flag && IsTrue(flag.Value),
            IntOrString = IsTrue(Scalar(node, "x-kubernetes-int-or-string")),
            PreserveUnknownFields = IsTrue(Scalar(node, "x-kubernetes-preserve-unknown-fields")),
            Nullable = IsTrue(Scalar(node, "nullable")),
        };
    }

    private static YamlNode? Child(YamlMappingNode? node, string key) =>
        node is not null && node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;

    private static YamlMappingNode? Mapping(YamlMappingNode? node, string key) => Child(node, key) as YamlMappingNode;

    private static string? Scalar(YamlMappingNode? node, string key) => (Child(node, key) as YamlScalarNode)?.Value;

    private static bool IsTrue(string? value) => string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);
}

internal sealed class CrdBundleException : Exception
{
    public CrdBundleException(string message)
        : base(message)
    {
    }

    public CrdBundleException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
