using Frontend.Analysis.Schema;
using Frontend.Analysis.Yaml;
using Frontend.Tests;

namespace Frontend.Analysis.Tests.Schema;

/// <summary>A CEL rule where it applies: the path of the value it checks, that value, and the schema it has there.</summary>
internal sealed record RuleSite(string Path, string Rule, object Self, IReadOnlyDictionary<string, object?> Schema);

/// <summary>The CEL rules of the v1 schemas in one of the CRD bundles the tests are built with, and where they apply.</summary>
internal sealed class CrdRules(string bundle)
{
    public static CrdRules Istio { get; } = new(RepositoryPaths.IstioCrdBundle);

    public static CrdRules GatewayApiStandard { get; } = new(RepositoryPaths.GatewayApiStandardBundle);

    public static CrdRules GatewayApiExperimental { get; } = new(RepositoryPaths.GatewayApiExperimentalBundle);

    private readonly Lazy<List<IReadOnlyDictionary<string, object?>>> documents = new(() =>
        YamlTreeReader.ReadDocuments(File.ReadAllText(bundle), "bundle").OfType<IReadOnlyDictionary<string, object?>>().ToList());

    /// <summary>Every distinct rule text (whitespace collapsed) of a kind's v1 schema.</summary>
    public List<string> Of(string kind)
    {
        var rules = new List<string>();
        Collect(SchemaOf(kind), rules);
        return rules.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>Every rule the v1 schema of the object's kind applies to a value the object holds.</summary>
    public List<RuleSite> SitesIn(IReadOnlyDictionary<string, object?> resource)
    {
        var sites = new List<RuleSite>();
        var schema = (IReadOnlyDictionary<string, object?>)SchemaOf((string)resource["kind"]!)["openAPIV3Schema"]!;
        Walk(schema, SchemaDefaults.Apply(schema, resource), "", sites);
        return sites;
    }

    private IReadOnlyDictionary<string, object?> SchemaOf(string kind)
    {
        var crd = documents.Value.Where(document => document.GetValueOrDefault("kind") is "CustomResourceDefinition").Single(document => Map(Map(document["spec"])["names"])["kind"] as string == kind);
        var version = ((IReadOnlyList<object?>)Map(crd["spec"])["versions"]!)
            .OfType<IReadOnlyDictionary<string, object?>>()
            .Single(candidate => candidate["name"] as string == "v1");
        return Map(version["schema"]);
    }

    private static void Walk(IReadOnlyDictionary<string, object?> schema, object? value, string path, List<RuleSite> sites)
    {
        if (value is null)
        {
            return;
        }

        if (schema.GetValueOrDefault("x-kubernetes-validations") is IReadOnlyList<object?> validations)
        {
            sites.AddRange(validations.OfType<IReadOnlyDictionary<string, object?>>().Select(rule => new RuleSite(path, CelRules.Normalise((string)rule["rule"]!), value, schema)));
        }

        switch (value)
        {
            case IReadOnlyDictionary<string, object?> map:
                var properties = schema.GetValueOrDefault("properties") as IReadOnlyDictionary<string, object?>;
                foreach (var (key, child) in map)
                {
                    var childSchema = properties?.GetValueOrDefault(key) ?? schema.GetValueOrDefault("additionalProperties");
                    if (childSchema is IReadOnlyDictionary<string, object?> known)
                    {
                        Walk(known, child, path.Length == 0 ? key : $"{path}.{key}", sites);
                    }
                }

                break;
            case IReadOnlyList<object?> list when schema.GetValueOrDefault("items") is IReadOnlyDictionary<string, object?> items:
                for (var index = 0; index < list.Count; index++)
                {
                    Walk(items, list[index], $"{path}[{index}]", sites);
                }

                break;
        }
    }

    private static void Collect(object? node, List<string> rules)
    {
        switch (node)
        {
            case IReadOnlyDictionary<string, object?> map:
                if (map.GetValueOrDefault("x-kubernetes-validations") is IReadOnlyList<object?> validations)
                {
                    rules.AddRange(validations.OfType<IReadOnlyDictionary<string, object?>>().Select(rule => CelRules.Normalise((string)rule["rule"]!)));
                }

                foreach (var child in map.Values)
                {
                    Collect(child, rules);
                }

                break;
            case IReadOnlyList<object?> list:
                foreach (var item in list)
                {
                    Collect(item, rules);
                }

                break;
        }
    }

    private static IReadOnlyDictionary<string, object?> Map(object? value) => (IReadOnlyDictionary<string, object?>)value!;
}
