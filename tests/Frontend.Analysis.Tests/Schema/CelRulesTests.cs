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
        var rules = CrdRules.Istio.Of(kind);

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

    [Theory]
    [InlineData("credentialName: a", true)]
    [InlineData("credentialNames: [a, b]", true)]
    [InlineData("credentialName: a\n  credentialNames: [b]", false)]
    [InlineData("credentialName: \"\"\n  credentialNames: []", false)]
    public void Evaluate_GatewayAtMostOneCredentialRule_CountsPresentKeysEvenWhenEmpty(string fields, bool expected)
    {
        var tls = Trees.FromYaml($"apiVersion: v1\nkind: X\nmetadata:\n  name: x\ntls:\n  {fields}\n").Body["tls"];

        var result = CelRules.Evaluate("(has(self.credentialName) ? 1 : 0) + (has(self.credentialNames) ? 1 : 0) <= 1", tls);

        Assert.Equal(expected, result);
    }

    [Fact]
    public void Evaluate_UnknownRule_IsNotRecognised()
    {
        var result = CelRules.Evaluate("self.size() <= 3", "abc");

        Assert.Null(result);
    }
}
