using Frontend.Analysis.Schema;
using Frontend.Analysis.Tests.Support;
using Frontend.Analysis.Yaml;

namespace Frontend.Analysis.Tests.Schema;

public sealed class CelRulesTests
{
    [Theory]
    [InlineData("DestinationRule")]
    [InlineData("VirtualService")]
    [InlineData("PeerAuthentication")]
    [InlineData("Gateway")]
    public void Evaluate_EveryRuleInTheKindsV1Schema_IsRecognised(string kind)
    {
        var rules = RulesOf(kind);

        var unrecognised = rules.Where(rule => CelRules.Evaluate(rule, null) is null).ToList();

        Assert.NotEmpty(rules);
        Assert.Empty(unrecognised);
    }

    [Theory]
    [InlineData("1ms", true)]
    [InlineData("10s", true)]
    [InlineData("1m30s", true)]
    [InlineData("1.5h", true)]
    [InlineData("999us", false)]
    [InlineData("0s", false)]
    [InlineData("0", false)]
    [InlineData("-5s", false)]
    [InlineData("10", false)]
    [InlineData("10 s", false)]
    public void Evaluate_DurationRule_AcceptsOnlyGoDurationsOfAtLeastOneMillisecond(string value, bool expected)
    {
        var result = CelRules.Evaluate("duration(self) >= duration('1ms')", value);

        Assert.Equal(expected, result);
    }

    [Theory]
    [InlineData("{}", true)]
    [InlineData("{\"credentialName\": \"tls\"}", true)]
    [InlineData("{\"credentialName\": \"tls\", \"credentialNames\": [\"a\"]}", false)]
    public void Evaluate_GatewayAtMostOneCredentialRule_RefusesBoth(string tls, bool expected)
    {
        var self = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, object?>>(tls)!;

        Assert.Equal(expected, CelRules.Evaluate("(has(self.credentialName) ? 1 : 0) + (has(self.credentialNames) ? 1 : 0) <= 1", self));
    }

    [Fact]
    public void Evaluate_RuleWithFoldedWhitespace_IsRecognised()
    {
        var result = CelRules.Evaluate("self.all(key,\n  0 < int(key) && int(key) <= 65535)", Trees.FromYaml("apiVersion: v1\nkind: X\nmetadata:\n  name: x\n").Body);

        Assert.False(result);
    }

    private static List<string> RulesOf(string kind)
    {
        var documents = YamlTreeReader.ReadDocuments(File.ReadAllText(RepositoryPaths.IstioCrdBundle), "bundle").OfType<IReadOnlyDictionary<string, object?>>();
        var crd = documents.Single(document => ((document["spec"] as IReadOnlyDictionary<string, object?>)?["names"] as IReadOnlyDictionary<string, object?>)?["kind"] as string == kind);
        var version = ((IReadOnlyList<object?>)((IReadOnlyDictionary<string, object?>)crd["spec"]!)["versions"]!)
            .OfType<IReadOnlyDictionary<string, object?>>()
            .Single(candidate => candidate["name"] as string == "v1");
        var rules = new List<string>();
        Collect(version["schema"], rules);
        return rules.Distinct(StringComparer.Ordinal).ToList();
    }

    private static void Collect(object? node, List<string> rules)
    {
        switch (node)
        {
            case IReadOnlyDictionary<string, object?> map:
                if (map.GetValueOrDefault("x-kubernetes-validations") is IReadOnlyList<object?> validations)
                {
                    rules.AddRange(validations.OfType<IReadOnlyDictionary<string, object?>>().Select(rule => (string)rule["rule"]!));
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
}
