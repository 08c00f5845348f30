using CrdGen.Crds;

namespace CrdGen.Model;

internal sealed record GenerationModel(IReadOnlyList<GroupVersionModel> GroupVersions, IReadOnlyList<string> Warnings);

/// <summary>
/// Turns the selected CRD versions into the type model crd2pulumi v1.6 would build: its OpenAPI v2 conversion
/// (with nullable stripped, as pulumi-kubernetes#4590 does), its flattening of nested objects into definitions
/// named by property path, and pulumi-kubernetes' <c>makeSchemaTypeSpec</c> mapping.
/// </summary>
internal static class ModelBuilder
{
    private const string ApiVersionDescription =
        "APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources";

    private const string KindDescription =
        "Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds";

    private const string MetadataDescription =
        "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata";

    private static readonly string[] InjectedProperties = ["apiVersion", "kind", "metadata"];

    public static GenerationModel Build(IReadOnlyList<CustomResourceDefinition> bundle, IReadOnlyList<KindSelector> selectors)
    {
        var warnings = new List<string>();
        var resolved = selectors.Distinct().Select(selector => Resolve(bundle, selector)).ToList();

        var groupVersions = resolved
            .GroupBy(item => (item.Selector.Group, item.Selector.Version))
            .OrderBy(group => group.Key.Group, StringComparer.Ordinal)
            .ThenBy(group => group.Key.Version, StringComparer.Ordinal)
            .Select(group => BuildGroupVersion(group.Key.Group, group.Key.Version, [.. group], warnings))
            .ToList();

        return new GenerationModel(groupVersions, warnings);
    }

    /// <summary>Every <c>group/version/Kind</c> a bundle can generate, for error messages and <c>--list</c>.</summary>
    public static IEnumerable<KindSelector> AvailableKinds(IEnumerable<CustomResourceDefinition> bundle) =>
        bundle
            .SelectMany(crd => crd.ServedVersions.Where(version => version.Schema is not null)
                .Select(version => new KindSelector(crd.Group, version.Name, crd.Kind)))
            .OrderBy(selector => selector.ToString(), StringComparer.Ordinal);

    private static (KindSelector Selector, CustomResourceDefinition Crd, OpenApiSchema Schema) Resolve(
        IReadOnlyList<CustomResourceDefinition> bundle, KindSelector selector)
    {
        var crd = bundle.FirstOrDefault(candidate =>
            string.Equals(candidate.Group, selector.Group, StringComparison.Ordinal)
            && string.Equals(candidate.Kind, selector.Kind, StringComparison.Ordinal));
        var version = crd?.ServedVersions.FirstOrDefault(candidate =>
            string.Equals(candidate.Name, selector.Version, StringComparison.Ordinal));

        if (crd is null || version?.Schema is null)
        {
            var available = string.Join(Environment.NewLine, AvailableKinds(bundle).Select(kind => "  " + kind));
            throw new GenerationException(
                $"{selector} is not a served version with a schema in the bundle. The bundle has:{Environment.NewLine}{available}");
        }

        return (selector, crd, version.Schema);
    }

    private static GroupVersionModel BuildGroupVersion(
        string group,
        string version,
        IReadOnlyList<(KindSelector Selector, CustomResourceDefinition Crd, OpenApiSchema Schema)> kinds,
        List<string> warnings)
    {
        var scope = new TypeScope(warnings);
        foreach (var (selector, _, _) in kinds)
        {
            scope.Reserve(selector.Kind, $"the resource {selector}");
        }

        var resources = kinds
            .OrderBy(kind => kind.Selector.Kind, StringComparer.Ordinal)
            .Select(kind => BuildResource(kind.Selector, kind.Crd, kind.Schema, scope))
            .ToList();

        var objectTypes = scope.ObjectTypes.OrderBy(type => type.Name, StringComparer.Ordinal).ToList();
        return new GroupVersionModel(group, version, Naming.NamespaceSuffix(group, version), resources, objectTypes);
    }

    private static ResourceModel BuildResource(
        KindSelector selector, CustomResourceDefinition crd, OpenApiSchema schema, TypeScope scope)
    {
        var injected = new List<PropertyModel>
        {
            NewProperty("apiVersion", selector.Kind, ScalarType.String, schema, ApiVersionDescription),
            NewProperty("kind", selector.Kind, ScalarType.String, schema, KindDescription),
            NewProperty("metadata", selector.Kind, ObjectMetaType.Instance, schema, MetadataDescription),
        };

        var declared = schema.Properties
            .Where(entry => !InjectedProperties.Contains(entry.Key, StringComparer.Ordinal))
            .Select(entry => NewProperty(
                entry.Key,
                selector.Kind,
                Convert(entry.Value, selector.Kind + Naming.TypeNameSegment(entry.Key), $"{selector.Kind}.{entry.Key}", scope),
                schema,
                entry.Value.Description));

        var properties = UniqueNames(injected.Concat(declared).OrderBy(property => property.WireName, StringComparer.Ordinal));

        var aliases = crd.ServedVersions
            .Where(other => !string.Equals(other.Name, selector.Version, StringComparison.Ordinal))
            .Select(other => $"kubernetes:{crd.Group}/{other.Name}:{crd.Kind}")
            .OrderBy(alias => alias, StringComparer.Ordinal)
            .ToList();

        return new ResourceModel(selector, Trim(schema.Description), properties, aliases);
    }

    /// <summary>Maps a property's schema to a type, defining nested object types under <paramref name="typeName"/>.</summary>
    private static TypeReference Convert(OpenApiSchema schema, string typeName, string path, TypeScope scope)
    {
        if (string.IsNullOrEmpty(schema.Type))
        {
            return UntypedSchema(schema);
        }

        if (schema.PreserveUnknownFields && schema.Type is "object" or "array")
        {
            // The v2 conversion drops the properties and items of a preserve-unknown-fields node.
            return MapType.OfAny;
        }

        switch (schema.Type)
        {
            case "array":
                // Items share the array's name: `subsets` holds DestinationRuleSpecSubsets, not ...SubsetsItems.
                return schema.Items is null ? ScalarType.Any : new ArrayType(Convert(schema.Items, typeName, path + "[]", scope));
            case "object":
                if (schema.AdditionalProperties is not null)
                {
                    return new MapType(ConvertUnflattened(schema.AdditionalProperties));
                }

                if (schema.AdditionalPropertiesAllowed || schema.Properties.Count == 0)
                {
                    return MapType.OfAny;
                }

                return new ObjectTypeReference(DefineObject(schema, typeName, path, scope));
            default:
                return Scalar(schema.Type);
        }
    }

    /// <summary>
    /// A map's value type. crd2pulumi's flattening stops at <c>additionalProperties</c>, so objects inside a map
    /// get no class of their own and become maps of anything, as pulumi-kubernetes maps an untyped object.
    /// </summary>
    private static TypeReference ConvertUnflattened(OpenApiSchema schema)
    {
        if (string.IsNullOrEmpty(schema.Type))
        {
            return UntypedSchema(schema);
        }

        return schema.Type switch
        {
            "array" when schema.PreserveUnknownFields || schema.Items is null => MapType.OfAny,
            "array" => new ArrayType(ConvertUnflattened(schema.Items)),
            "object" when schema.AdditionalProperties is not null && !schema.PreserveUnknownFields =>
                new MapType(ConvertUnflattened(schema.AdditionalProperties)),
            "object" => MapType.OfAny,
            _ => Scalar(schema.Type),
        };
    }

    private static TypeReference UntypedSchema(OpenApiSchema schema)
    {
        if (schema.PreserveUnknownFields)
        {
            return MapType.OfAny;
        }

        return schema.IntOrString ? IntOrStringType.Instance : ScalarType.Any;
    }

    private static ScalarType Scalar(string type) => type switch
    {
        "string" => ScalarType.String,
        "integer" => ScalarType.Integer,
        "number" => ScalarType.Number,
        "boolean" => ScalarType.Boolean,
        _ => ScalarType.Any,
    };

    private static string DefineObject(OpenApiSchema schema, string requestedName, string path, TypeScope scope)
    {
        var name = scope.Claim(requestedName, path);

        var properties = schema.Properties
            .OrderBy(entry => entry.Key, StringComparer.Ordinal)
            .Select(entry => NewProperty(
                entry.Key,
                name,
                Convert(entry.Value, name + Naming.TypeNameSegment(entry.Key), $"{path}.{entry.Key}", scope),
                schema,
                entry.Value.Description));

        scope.Add(new ObjectTypeModel(name, Trim(schema.Description), UniqueNames(properties)));
        return name;
    }

    private static PropertyModel NewProperty(
        string wireName, string enclosingTypeName, TypeReference type, OpenApiSchema parent, string? description)
    {
        var propertyName = Naming.PropertyName(wireName);
        if (string.Equals(propertyName, enclosingTypeName, StringComparison.Ordinal))
        {
            // C# forbids a member named like its class; pulumi-kubernetes appends "Value" (ContainerPortValue).
            propertyName += "Value";
        }

        return new PropertyModel(
            wireName,
            propertyName,
            Naming.ParameterName(wireName),
            type,
            parent.Required.Contains(wireName),
            Trim(description));
    }

    /// <summary>Two wire names can spell the same identifier (<c>a-b</c>, <c>a_b</c>); later ones get a number.</summary>
    private static List<PropertyModel> UniqueNames(IEnumerable<PropertyModel> properties)
    {
        var propertyNames = new HashSet<string>(StringComparer.Ordinal);
        var parameterNames = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<PropertyModel>();
        foreach (var property in properties)
        {
            result.Add(property with
            {
                PropertyName = FirstFree(property.PropertyName, propertyNames),
                ParameterName = FirstFree(property.ParameterName, parameterNames),
            });
        }

        return result;
    }

    private static string FirstFree(string name, HashSet<string> taken)
    {
        var candidate = name;
        for (var suffix = 2; !taken.Add(candidate); suffix++)
        {
            candidate = name + suffix.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return candidate;
    }

    private static string? Trim(string? description)
    {
        if (string.IsNullOrWhiteSpace(description))
        {
            return null;
        }

        var lines = description.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(line => line.TrimEnd());
        return string.Join('\n', lines).Trim();
    }

    /// <summary>The class names of one C# namespace, so that two property paths never emit the same class.</summary>
    private sealed class TypeScope(List<string> warnings)
    {
        private readonly Dictionary<string, string> owners = new(StringComparer.Ordinal);
        private readonly List<ObjectTypeModel> objectTypes = [];

        public IReadOnlyList<ObjectTypeModel> ObjectTypes => objectTypes;

        public void Reserve(string name, string owner) => owners.TryAdd(name, owner);

        public string Claim(string requestedName, string path)
        {
            if (owners.TryAdd(requestedName, path))
            {
                return requestedName;
            }

            var name = FirstFree(requestedName, [.. owners.Keys]);
            owners.Add(name, path);
            warnings.Add(
                $"{path} and {owners[requestedName]} both flatten to the class name {requestedName}; {path} is emitted as {name}.");
            return name;
        }

        public void Add(ObjectTypeModel type) => objectTypes.Add(type);
    }
}

internal sealed class GenerationException : Exception
{
    public GenerationException(string message)
        : base(message)
    {
    }

    public GenerationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
