using Frontend.Cli.Stacks;
using Frontend.Cli.Tests.Support;

namespace Frontend.Cli.Tests;

public sealed class StackFilesTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

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
