using System.Text.Json.Serialization;
using Frontend.Infra.Configuration;

namespace Frontend.Infra.Tests.BadInput;

/// <summary>The keys of the stack the program lists from PULUMI_CONFIG, so that a misspelt top-level key is not silently ignored.</summary>
public sealed class TopLevelKeysTests
{
    private const string OneVersion = """[{"name":"v1","image":"ghcr.io/acme/frontend:1.4.2","weight":100}]""";

    [Fact]
    public void KnownKeys_EveryStackConfigProperty_IsAKeyTheLoaderAccepts()
    {
        // SecretKeys says which keys are secret; it is [JsonIgnore], never read from a key of its own.
        var properties = ConfigBinder.Options.GetTypeInfo(typeof(StackConfig)).Properties
            .Where(p => p.AttributeProvider?.IsDefined(typeof(JsonIgnoreAttribute), inherit: false) != true)
            .Select(p => p.Name)
            .Order(StringComparer.Ordinal);

        Assert.Equal(properties, StackConfigLoader.KnownKeys);
    }

    [Fact]
    public void Parse_KeysOfSeveralNamespaces_KeepsOnlyTheProjectsWithoutItsPrefix()
    {
        const string pulumiConfig = """{"frontend:versions":"[]","kubernetes:context":"kind","aws:region":"eu-west-1","frontend:verions":"[]"}""";

        var keys = StackConfigKeys.Parse(pulumiConfig);

        Assert.Equal(["verions", "versions"], keys);
    }

    [Fact]
    public void Parse_OlderCliKeysWithConfigSegment_ReadsThemAsTheSdkDoes()
    {
        const string pulumiConfig = """{"frontend:config:versions":"[]","frontend:config:mtls":"{}"}""";

        var keys = StackConfigKeys.Parse(pulumiConfig);

        Assert.Equal(["mtls", "versions"], keys);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[1, 2]")]
    public void Parse_AbsentOrUnreadableVariable_ListsNoKeys(string? pulumiConfig)
    {
        var keys = StackConfigKeys.Parse(pulumiConfig);

        Assert.Empty(keys);
    }

    [Fact]
    public void Load_MisspeltVersionsKey_ReportsOnlyTheMisspellingWithTheKnownKey()
    {
        var values = new Dictionary<string, string> { ["verions"] = OneVersion };

        var loaded = StackConfigLoader.Load(values.GetValueOrDefault, values.Keys);

        Assert.Null(loaded.Config);
        var problem = Assert.Single(loaded.Problems);
        Assert.StartsWith("frontend:verions = [{\"name\":\"v1\"", problem.ToString(), StringComparison.Ordinal);
        Assert.Contains(": unknown key. Fix: did you mean 'versions'? Rename the key in the stack file to frontend:versions, or pulumi config rm frontend:verions", problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnknownKeysBesideValidOnes_RefusesTheConfigListingEachInOrder()
    {
        var values = new Dictionary<string, string> { ["versions"] = OneVersion, ["trafficPolicyy"] = "{}", ["mtl"] = """{"mode":"STRICT"}""" };

        var loaded = StackConfigLoader.Load(values.GetValueOrDefault, values.Keys);

        Assert.Null(loaded.Config);
        Assert.Equal(["frontend:mtl", "frontend:trafficPolicyy"], loaded.Problems.Select(p => p.Path.ToString()));
        Assert.Contains("did you mean 'mtls'?", loaded.Problems[0].Fix, StringComparison.Ordinal);
        Assert.Contains("did you mean 'trafficPolicy'?", loaded.Problems[1].Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_OnlyKnownKeysPresent_BindsAsWithoutTheKeyList()
    {
        var values = new Dictionary<string, string> { ["versions"] = OneVersion, ["production"] = "false" };

        var loaded = StackConfigLoader.Load(values.GetValueOrDefault, values.Keys);

        Assert.Empty(loaded.Problems);
        Assert.Equal(false, loaded.Config!.Production);
    }

    [Theory]
    [InlineData("namespace")]
    [InlineData("app")]
    [InlineData("routing")]
    public void Load_EmptyObjectForABlockWithDefaults_MeansAllDefaults(string key)
    {
        var values = new Dictionary<string, string> { ["versions"] = OneVersion, [key] = "{}" };
        var withoutKey = new Dictionary<string, string> { ["versions"] = OneVersion };

        var loaded = StackConfigLoader.Load(values.GetValueOrDefault, values.Keys);
        var reference = StackConfigLoader.Load(withoutKey.GetValueOrDefault, withoutKey.Keys);

        Assert.Empty(loaded.Problems);
        Assert.Equal(reference.Config!.Namespace, loaded.Config!.Namespace);
        Assert.Equal(reference.Config.App with { Probes = loaded.Config.App.Probes, Resources = loaded.Config.App.Resources, Security = loaded.Config.App.Security }, loaded.Config.App);
        Assert.Equal(new ProbesConfig(), loaded.Config.App.Probes);
        Assert.Equal(new PodSecurityConfig(), loaded.Config.App.Security);
        Assert.Empty(loaded.Config.Routing.Matches);
        Assert.Null(loaded.Config.Routing.Timeout);
    }
}
