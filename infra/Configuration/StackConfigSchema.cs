using System.ComponentModel;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization.Metadata;

namespace Frontend.Infra.Configuration;

/// <summary>
/// The JSON Schema of a stack file (<c>Pulumi.&lt;stack&gt;.yaml</c>), for editors' completion and inline errors.
/// It is generated from the config records through the binder's own System.Text.Json contract
/// (<see cref="ConfigBinder.Options"/>), so key names, types and required keys are the ones the program reads;
/// descriptions come from each property's <see cref="DescriptionAttribute"/>, defaults from a default-constructed
/// record. Nothing here runs when the program deploys.
/// </summary>
internal static class StackConfigSchema
{
    /// <summary>Where the schema is committed, from the repository root; the stack files point to it.</summary>
    public const string RelativePath = "schema/stack-config.schema.json";

    public static string Generate()
    {
        var exporter = new JsonSchemaExporterOptions { TransformSchemaNode = DescribeProperty };
        var config = (JsonObject)ConfigBinder.Options.GetJsonSchemaAsNode(typeof(StackConfig), exporter);
        var keys = new JsonObject();
        foreach (var (name, schema) in ((JsonObject)config["properties"]!).ToList())
        {
            var key = $"{ConfigPath.Project}:{name}";
            var moved = Rebase(schema!.DeepClone());
            keys[key] = name == "routing" ? AllowSecureStrings(moved) : moved;
        }

        var required = new JsonArray([.. ((JsonArray?)config["required"] ?? []).Select(name => (JsonNode)JsonValue.Create($"{ConfigPath.Project}:{name}"))]);
        var stackFile = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["title"] = $"Pulumi.<stack>.yaml of the {ConfigPath.Project} project",
            ["description"] = $"Generated from the config records in infra/Configuration; regenerate with UPDATE_SNAPSHOTS=1 dotnet test. Keys of other namespaces ({ConfigPath.Project}'s providers, pulumi:) are not checked.",
            ["type"] = "object",
            ["properties"] = new JsonObject
            {
                ["config"] = new JsonObject
                {
                    ["type"] = "object",
                    ["properties"] = keys,
                    ["required"] = required,
                    ["patternProperties"] = new JsonObject { [$"^(?!{ConfigPath.Project}:)"] = true },
                    ["additionalProperties"] = false,
                },
            },
        };
        return stackFile.ToJsonString(new JsonSerializerOptions { WriteIndented = true, IndentSize = 2, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }).ReplaceLineEndings("\n") + "\n";
    }

    private static JsonNode DescribeProperty(JsonSchemaExporterContext context, JsonNode schema)
    {
        if (context.PropertyInfo is not { } property)
        {
            return schema;
        }

        // A custom converter hides the type from the exporter (it writes `true`); a quantity is a string or a number.
        if (property.CustomConverter is QuantityJsonConverter)
        {
            schema = new JsonObject { ["type"] = new JsonArray("string", "number") };
        }

        if (schema is not JsonObject node)
        {
            return schema;
        }

        if (property.AttributeProvider?.GetCustomAttributes(typeof(ConfigRangeAttribute), inherit: false).OfType<ConfigRangeAttribute>().SingleOrDefault() is { } range)
        {
            node["minimum"] = range.Min;
            node["maximum"] = range.Max;
        }

        var description = property.AttributeProvider?.GetCustomAttributes(typeof(DescriptionAttribute), inherit: false)
            .OfType<DescriptionAttribute>().SingleOrDefault()?.Description;
        if (description is not null)
        {
            node.Insert(0, "description", description);
        }

        if (DefaultOf(property) is { } value)
        {
            node["default"] = value;
        }

        return node;
    }

    /// <summary>The value a default-constructed record holds, as the binder would write it; null when unset.</summary>
    public static JsonNode? DefaultOf(JsonPropertyInfo property)
    {
        // `required` is a compiler check, so the parameterless constructor still runs every initializer.
        var record = Activator.CreateInstance(property.DeclaringType)!;
        var value = property.Get?.Invoke(record);
        return value is null ? null : JsonSerializer.SerializeToNode(value, property.PropertyType, ConfigBinder.Options);
    }

    /// <summary>
    /// The exporter points a type's second use at its first (<c>#/properties/versions/...</c>); the keys move under
    /// <c>config</c> with the project's namespace, and so must the pointers.
    /// </summary>
    private static JsonNode Rebase(JsonNode node) => WithChildren(node, (name, child) =>
        name == "$ref" && child is JsonValue pointer && pointer.GetValue<string>() is { } target && target.StartsWith("#/properties/", StringComparison.Ordinal)
            ? $"#/properties/config/properties/{ConfigPath.Project}:{target["#/properties/".Length..]}"
            : Rebase(child));

    /// <summary>
    /// Pulumi writes <c>pulumi config set --secret --path</c> as <c>{secure: ciphertext}</c> in place of the value;
    /// only <c>frontend:routing</c> may hold one (everything else refuses secrets), so only its strings take that shape.
    /// </summary>
    private static JsonNode AllowSecureStrings(JsonNode node)
    {
        if (node is not JsonObject map || !IsString(map["type"]))
        {
            return WithChildren(node, (_, child) => AllowSecureStrings(child));
        }

        var plain = new JsonObject { ["type"] = map["type"]!.DeepClone() };
        map.Remove("type");
        map["anyOf"] = new JsonArray(plain, new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject { ["secure"] = new JsonObject { ["type"] = "string" } },
            ["required"] = new JsonArray("secure"),
            ["additionalProperties"] = false,
        });
        return map;
    }

    /// <summary>
    /// Replaces each child of an object (with its key) or of an array (key null) by what <paramref name="rewrite"/>
    /// makes of it. The child is detached by a copy first: a node that has a parent cannot be assigned again.
    /// </summary>
    private static JsonNode WithChildren(JsonNode node, Func<string?, JsonNode, JsonNode> rewrite)
    {
        switch (node)
        {
            case JsonObject map:
                foreach (var (name, child) in map.ToList())
                {
                    if (child is not null)
                    {
                        map[name] = rewrite(name, child.DeepClone());
                    }
                }

                break;
            case JsonArray list:
                for (var index = 0; index < list.Count; index++)
                {
                    if (list[index] is { } item)
                    {
                        list[index] = rewrite(null, item.DeepClone());
                    }
                }

                break;
        }

        return node;
    }

    private static bool IsString(JsonNode? type) => type switch
    {
        JsonValue value => value.GetValueKind() == JsonValueKind.String && value.GetValue<string>() == "string",
        JsonArray types => types.Any(t => t?.GetValue<string>() == "string"),
        _ => false,
    };
}
