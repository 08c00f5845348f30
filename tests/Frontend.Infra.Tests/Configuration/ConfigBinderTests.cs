using Frontend.Infra.Configuration;

namespace Frontend.Infra.Tests.Configuration;

public sealed class ConfigBinderTests
{
    private static (T? Value, List<string> Problems) Bind<T>(string key, string json)
    {
        var problems = new List<ConfigProblem>();
        var value = ConfigBinder.Bind<T>(ConfigPath.Root(key), json, problems);
        return (value, problems.Select(p => p.ToString()).ToList());
    }

    [Fact]
    public void Bind_ValidVersions_AppliesDefaultsForOmittedKeys()
    {
        var (versions, problems) = Bind<List<VersionConfig>>("versions", """[{"name":"v1","image":"a:1","weight":100}]""");

        Assert.Empty(problems);
        var version = Assert.Single(versions!);
        Assert.Equal(1, version.Replicas);
        Assert.Equal(100, version.Weight);
    }

    [Fact]
    public void Bind_OmittedNestedObject_KeepsItsDefaults()
    {
        var (app, problems) = Bind<AppConfig>("app", """{"containerPort":9090}""");

        Assert.Empty(problems);
        Assert.Equal(9090, app!.ContainerPort);
        Assert.Equal("/healthz/ready", app.Probes.ReadinessPath);
    }

    [Fact]
    public void Bind_EveryProblemInOneValue_ReportedTogether()
    {
        var (_, problems) = Bind<List<VersionConfig>>("versions", """[{"name":"v1","imagee":"a:1","replicas":1.5},{"name":2,"image":"b:1"}]""");

        Assert.Equal(
            [
                "frontend:versions[0].imagee = \"a:1\": unknown key. Fix: did you mean 'image'? Rename the key in the stack file, or pulumi config rm --path 'versions[0].imagee'",
                "frontend:versions[0].replicas = 1.5: must be a whole number. Fix: pulumi config set --path 'versions[0].replicas' <a whole number>",
                "frontend:versions[0].image = (not set): 'image' is required. Fix: pulumi config set --path 'versions[0].image' <a string>",
                "frontend:versions[1].name = 2: must be a string, not a number: pulumi config set --path stores a bare 2 as a number, so set it with --type string. Fix: pulumi config set --path 'versions[1].name' 2 --type string",
            ],
            problems);
    }

    [Fact]
    public void Bind_UnknownKeyFarFromAnyKnownKey_ListsTheKnownKeys()
    {
        var (_, problems) = Bind<NamespaceConfig>("namespace", """{"labels":{}}""");

        Assert.Equal(
            "frontend:namespace.labels = {}: unknown key. Fix: remove it (pulumi config rm --path 'namespace.labels'); known keys here: create, istioRevision, name",
            Assert.Single(problems));
    }

    [Fact]
    public void Bind_NullForANonNullableKey_Refused()
    {
        var (_, problems) = Bind<AppConfig>("app", """{"probes":null}""");

        Assert.StartsWith("frontend:app.probes = null: must be a map of keys, not null.", Assert.Single(problems), StringComparison.Ordinal);
    }

    [Fact]
    public void Bind_PlainStringWhereAnObjectBelongs_Refused()
    {
        var (_, problems) = Bind<NamespaceConfig>("namespace", "frontend-dev");

        Assert.Equal("frontend:namespace = \"frontend-dev\": must be a map of keys. Fix: pulumi config set --path 'namespace.name' <a string>", Assert.Single(problems));
    }

    [Fact]
    public void Bind_ObjectWhereAListBelongs_Refused()
    {
        var (_, problems) = Bind<List<VersionConfig>>("versions", """{"name":"v1"}""");

        Assert.StartsWith("frontend:versions = {\"name\":\"v1\"}: must be a list.", Assert.Single(problems), StringComparison.Ordinal);
    }

    [Fact]
    public void Bind_HugeValue_ShortenedInTheMessage()
    {
        var huge = new string('x', 10_000);

        var (_, problems) = Bind<List<VersionConfig>>("versions", $$"""[{"name":"v1","image":"a:1","weight":100,"{{huge}}":1}]""");

        Assert.True(Assert.Single(problems).Length < 1000);
    }
}
