using Frontend.Cli.Stacks;
using Frontend.Cli.Tests.Support;

namespace Frontend.Cli.Tests;

public sealed class StackFilesTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Load_MisindentedKey_NamesTheFileLineKeysAndLikelyCauseWithTheLinesAround()
    {
        var project = _temp.WriteProject("dev", StackYaml.TwoVersions().Replace("      weight: 50\n    - name: v2", "    weight: 50\n    - name: v2", StringComparison.Ordinal));

        var error = Assert.Throws<StackFileException>(() => StackFiles.Load(project, "dev"));

        Assert.Equal(
            """
            Pulumi.dev.yaml, line 7, column 5, under config > frontend:versions: not valid YAML, most likely the indentation: a line here is indented more or less than the entries it belongs with (YAML nests by spaces; every key of one map starts in the same column). The parser said: While parsing a block collection, did not find expected '-' indicator.
                  5 |     - name: v1
                  6 |       image: ghcr.io/acme/frontend:1.4.2
             >    7 |     weight: 50
                  8 |     - name: v2
                  9 |       image: ghcr.io/acme/frontend:1.5.0
            """,
            error.Message);
    }

    [Fact]
    public void Load_TabInTheIndentation_SaysSoAndShowsTheTab()
    {
        var project = _temp.WriteProject("dev", StackYaml.TwoVersions().Replace("      image: ghcr.io/acme/frontend:1.4.2", "\t  image: ghcr.io/acme/frontend:1.4.2", StringComparison.Ordinal));

        var error = Assert.Throws<StackFileException>(() => StackFiles.Load(project, "dev"));

        Assert.Contains("not valid YAML, most likely a tab in the indentation (shown as \u2192 below): YAML indents with spaces only.", error.Message, StringComparison.Ordinal);
        Assert.Contains("\u2192  image: ghcr.io/acme/frontend:1.4.2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnquotedColonInAValue_SaysToQuoteIt()
    {
        var project = _temp.WriteProject("dev", StackYaml.TwoVersions().Replace("    name: shop", "    name: shop: east", StringComparison.Ordinal));

        var error = Assert.Throws<StackFileException>(() => StackFiles.Load(project, "dev"));

        Assert.StartsWith("Pulumi.dev.yaml, line 3, column 15, under config > frontend:namespace: not valid YAML, most likely an unquoted ': ' inside a value, which YAML reads as another key: put the value in quotes.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ProjectDefaultAndStackValue_StackValueWinsAndKeysAreQualified()
    {
        var project = _temp.WriteProject(
            "dev",
            "config:\n  frontend:production: true\n  kubernetes:context: kind\n",
            "config:\n  production:\n    type: boolean\n    default: false\n  replicas: 2\n");

        var settings = StackFiles.Load(project, "dev");

        Assert.Equal("frontend", settings.ProjectName);
        Assert.Equal("true", settings.Config["frontend:production"]);
        Assert.Equal("2", settings.Config["frontend:replicas"]);
        Assert.Equal("kind", settings.Config["kubernetes:context"]);
    }

    [Fact]
    public void Load_DeclarationWithoutDefaultSetByTheStack_TakesTheStackValue()
    {
        var project = _temp.WriteProject(
            "dev",
            "config:\n  frontend:versions:\n    - name: v1\n",
            "config:\n  versions:\n    description: The app's versions.\n");

        var settings = StackFiles.Load(project, "dev");

        Assert.Equal("""[{"name":"v1"}]""", settings.Config["frontend:versions"]);
    }

    [Fact]
    public void Load_DeclarationWithoutDefaultUnsetByTheStack_RefusedLikePulumi()
    {
        var project = _temp.WriteProject("dev", "config:\n  frontend:production: true\n", "config:\n  versions:\n    description: The app's versions.\n");

        var error = Assert.Throws<StackFileException>(() => StackFiles.Load(project, "dev"));

        Assert.StartsWith("Stack 'dev' is missing configuration value 'frontend:versions'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_StructuredValue_BecomesJsonWithNumbersAndQuotedStringsKept()
    {
        var project = _temp.WriteProject("dev", "config:\n  frontend:versions:\n    - name: v1\n      weight: 100\n      tag: \"1.0\"\n");

        var settings = StackFiles.Load(project, "dev");

        Assert.Equal("""[{"name":"v1","weight":100,"tag":"1.0"}]""", settings.Config["frontend:versions"]);
    }

    [Fact]
    public void Load_SecureValue_BecomesThePlaceholderAndIsListed()
    {
        var project = _temp.WriteProject("dev", "config:\n  frontend:token:\n    secure: AAABAHNlY3JldA==\n");

        var settings = StackFiles.Load(project, "dev");

        Assert.Equal(StackFiles.SecretPlaceholder, settings.Config["frontend:token"]);
        Assert.Equal(["frontend:token"], settings.SecretKeys);
    }

    [Fact]
    public void Load_ValueNestedBeyondAnyRealConfig_RefusedNamingTheKey()
    {
        var deep = string.Concat(Enumerable.Repeat("[", 1000)) + string.Concat(Enumerable.Repeat("]", 1000));
        var project = _temp.WriteProject("dev", $"config:\n  frontend:app: {deep}\n");

        var error = Assert.Throws<StackFileException>(() => StackFiles.Load(project, "dev"));

        Assert.StartsWith("Config 'frontend:app' is nested more than 256 levels deep", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_KeyThatIsAList_RefusedNamingWhereItIs()
    {
        var project = _temp.WriteProject("dev", "config:\n  frontend:app:\n    ? [a, b]\n    : 1\n");

        var error = Assert.Throws<StackFileException>(() => StackFiles.Load(project, "dev"));

        Assert.StartsWith("Config 'frontend:app' has a key that is not a plain string (a Sequence at line 3)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FindProjectDirectory_FromASubfolder_FindsTheFolderWithPulumiYaml()
    {
        var nested = Path.Combine(RepositoryPaths.Root, "infra", "Components");

        var found = StackFiles.FindProjectDirectory(nested);

        Assert.Equal(RepositoryPaths.Root.TrimEnd(Path.DirectorySeparatorChar), found.TrimEnd(Path.DirectorySeparatorChar));
    }
}
