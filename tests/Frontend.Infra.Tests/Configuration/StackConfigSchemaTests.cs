using System.ComponentModel;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Frontend.Infra.Configuration;

namespace Frontend.Infra.Tests.Configuration;

/// <summary>
/// The committed JSON Schema of the stack files is what the config records generate, and it carries every
/// record property with its type, default and description. To regenerate after a config change:
/// <c>UPDATE_SNAPSHOTS=1 dotnet test -p:PulumiOffline=true</c>, then review and commit schema/.
/// </summary>
public sealed class StackConfigSchemaTests
{
    private static string CommittedPath => Path.Combine(RepositoryPaths.Root, StackConfigSchema.RelativePath);

    [Fact]
    public void Generate_ComparedWithTheCommittedSchema_IsTheSame()
    {
        var generated = StackConfigSchema.Generate();

        if (Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(CommittedPath)!);
            File.WriteAllText(CommittedPath, generated);
        }

        Assert.True(File.Exists(CommittedPath), $"No {CommittedPath}: run UPDATE_SNAPSHOTS=1 dotnet test -p:PulumiOffline=true, review it and commit it.");
        Assert.Equal(File.ReadAllText(CommittedPath), generated);
    }

    [Fact]
    public void Generate_EveryRecordProperty_HasItsTypeDefaultAndDescription()
    {
        var root = JsonNode.Parse(StackConfigSchema.Generate())!;
        var keys = (JsonObject)root["properties"]!["config"]!["properties"]!;
        var problems = new List<string>();
        var checkedProperties = 0;

        foreach (var property in Keys(typeof(StackConfig)))
        {
            checkedProperties += Check(root, property, keys[$"frontend:{property.Name}"], $"frontend:{property.Name}", problems);
        }

        Assert.Empty(problems);
        Assert.True(checkedProperties > 80, $"only {checkedProperties} properties were reached");
    }

    [Fact]
    public void StackFiles_FirstLine_PointsEditorsToTheSchema()
    {
        foreach (var stack in new[] { "dev", "prod", "ambient" })
        {
            var firstLine = File.ReadLines(Path.Combine(RepositoryPaths.Root, $"Pulumi.{stack}.yaml")).First();

            Assert.Equal($"# yaml-language-server: $schema=./{StackConfigSchema.RelativePath}", firstLine);
        }
    }

    private static int Check(JsonNode root, JsonPropertyInfo property, JsonNode? node, string path, List<string> problems)
    {
        if (node is not JsonObject schema)
        {
            problems.Add($"{path}: not in the schema");
            return 0;
        }

        var description = property.AttributeProvider is ICustomAttributeProvider provider
            ? provider.GetCustomAttributes(typeof(DescriptionAttribute), inherit: false).OfType<DescriptionAttribute>().SingleOrDefault()?.Description
            : null;
        if (string.IsNullOrWhiteSpace(description) || (string?)schema["description"] != description)
        {
            problems.Add($"{path}: description '{schema["description"]}' is not the property's [Description] '{description}'");
        }

        var expectedDefault = StackConfigSchema.DefaultOf(property);
        if (!JsonNode.DeepEquals(expectedDefault, schema["default"]))
        {
            problems.Add($"{path}: default {schema["default"]?.ToJsonString() ?? "(none)"}, the record's is {expectedDefault?.ToJsonString() ?? "(none)"}");
        }

        if (schema["$ref"] is JsonValue reference)
        {
            // A type used twice is described once; the description and default stay on the property itself.
            schema = Resolve(root, reference.GetValue<string>());
        }

        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        var contract = ConfigBinder.Options.GetTypeInfo(type);
        var types = TypesOf(schema);
        var expectedType = JsonType(type, contract.Kind);
        if (!types.Contains(expectedType))
        {
            problems.Add($"{path}: type [{string.Join(", ", types)}], expected {expectedType}");
        }

        var reached = 1;
        switch (contract.Kind)
        {
            case JsonTypeInfoKind.Object:
                foreach (var child in Keys(type))
                {
                    reached += Check(root, child, schema["properties"]?[child.Name], $"{path}.{child.Name}", problems);
                }

                break;
            case JsonTypeInfoKind.Enumerable when ConfigBinder.Options.GetTypeInfo(contract.ElementType!) is { Kind: JsonTypeInfoKind.Object } element:
                foreach (var child in Keys(element.Type))
                {
                    reached += Check(root, child, schema["items"]?["properties"]?[child.Name], $"{path}[].{child.Name}", problems);
                }

                break;
        }

        return reached;
    }

    // The contract lists a [JsonIgnore] property too, with neither getter nor setter: it is no config key.
    private static IEnumerable<JsonPropertyInfo> Keys(Type record) =>
        ConfigBinder.Options.GetTypeInfo(record).Properties.Where(property => property.Get is not null || property.Set is not null);

    private static JsonObject Resolve(JsonNode root, string pointer) =>
        (JsonObject)pointer["#/".Length..].Split('/').Aggregate(root, (node, segment) => node[segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)]!);

    private static List<string> TypesOf(JsonObject schema)
    {
        var alternatives = schema["anyOf"] is JsonArray anyOf ? anyOf.OfType<JsonObject>().Select(option => option["type"]) : [schema["type"]];
        return alternatives.SelectMany(type => type switch
        {
            JsonArray list => list.Select(item => item!.GetValue<string>()),
            JsonValue value => [value.GetValue<string>()],
            _ => [],
        }).ToList();
    }

    private static string JsonType(Type type, JsonTypeInfoKind kind) => kind switch
    {
        JsonTypeInfoKind.Object or JsonTypeInfoKind.Dictionary => "object",
        JsonTypeInfoKind.Enumerable => "array",
        _ when type == typeof(string) => "string",
        _ when type == typeof(int) => "integer",
        _ when type == typeof(bool) => "boolean",
        _ => "number",
    };
}
