using CrdGen.Cli;

namespace CrdGen.Tests;

public sealed class GeneratorCommandTests : IDisposable
{
    private readonly string outputFolder = Path.Combine(Path.GetTempPath(), "crdgen-tests-" + Guid.NewGuid().ToString("N"));
    private readonly StringWriter output = new();
    private readonly StringWriter error = new();

    private static string Bundle => Path.Combine(AppContext.BaseDirectory, WidgetFixture.BundlePath);

    public void Dispose()
    {
        if (Directory.Exists(outputFolder))
        {
            Directory.Delete(outputFolder, recursive: true);
        }

        output.Dispose();
        error.Dispose();
    }

    [Fact]
    public void Run_NoArguments_IsAUsageError()
    {
        var exitCode = GeneratorCommand.Run([], output, error);

        Assert.Equal(GeneratorCommand.UsageError, exitCode);
        Assert.Contains("Usage:", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Run_KindWithoutVersion_IsAUsageError()
    {
        var exitCode = GeneratorCommand.Run(["--crds", Bundle, "--out", outputFolder, "--kind", "Widget"], output, error);

        Assert.Equal(GeneratorCommand.UsageError, exitCode);
        Assert.Contains("--kind Widget is not group/version/Kind", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Run_MissingBundle_FailsNamingTheFile()
    {
        var exitCode = GeneratorCommand.Run(["--crds", "no-such.yaml", "--out", outputFolder, "--kind", "a.b/v1/C"], output, error);

        Assert.Equal(GeneratorCommand.Failure, exitCode);
        Assert.Contains("no-such.yaml does not exist", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Run_KindNotInBundle_FailsListingTheKindsThatAre()
    {
        var exitCode = GeneratorCommand.Run(["--crds", Bundle, "--out", outputFolder, "--kind", "shop.example.com/v2/Widget"], output, error);

        Assert.Equal(GeneratorCommand.Failure, exitCode);
        Assert.Contains("shop.example.com/v1/Widget", error.ToString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(outputFolder));
    }

    [Fact]
    public void Run_Write_CreatesTheFilesAndReportsTheCount()
    {
        var exitCode = Generate();

        Assert.Equal(GeneratorCommand.Success, exitCode);
        Assert.True(File.Exists(Path.Combine(outputFolder, "Shop/V1/Widget.cs")));
        Assert.Contains($"Wrote {Directory.GetFiles(outputFolder, "*.cs", SearchOption.AllDirectories).Length} files", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Run_Write_RemovesFilesNoLongerGenerated()
    {
        var stale = Path.Combine(outputFolder, "Shop/V1/Outputs/WidgetSpecRemoved.cs");
        Directory.CreateDirectory(Path.GetDirectoryName(stale)!);
        File.WriteAllText(stale, "// a type the bundle no longer has");

        Generate();

        Assert.False(File.Exists(stale));
    }

    [Fact]
    public void Run_CheckAfterWrite_IsUpToDate()
    {
        Generate();

        var exitCode = Generate("--check");

        Assert.Equal(GeneratorCommand.Success, exitCode);
        Assert.Contains("is up to date", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Run_CheckWithEditedMissingAndExtraFiles_FailsListingEach()
    {
        Generate();
        File.AppendAllText(Path.Combine(outputFolder, "Shop/V1/Widget.cs"), "// hand edit\n");
        File.Delete(Path.Combine(outputFolder, "Utilities.cs"));
        File.WriteAllText(Path.Combine(outputFolder, "Extra.cs"), "// not generated\n");

        var exitCode = Generate("--check");

        var report = error.ToString();
        Assert.Equal(GeneratorCommand.Failure, exitCode);
        Assert.Contains("differs:   Shop/V1/Widget.cs", report, StringComparison.Ordinal);
        Assert.Contains("missing:   Utilities.cs", report, StringComparison.Ordinal);
        Assert.Contains("unexpected: Extra.cs", report, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_Check_WritesNothing()
    {
        var exitCode = Generate("--check");

        Assert.Equal(GeneratorCommand.Failure, exitCode);
        Assert.False(Directory.Exists(outputFolder));
    }

    private int Generate(params string[] extra) =>
        GeneratorCommand.Run(["--crds", Bundle, "--out", outputFolder, "--kind", "shop.example.com/v1/Widget", .. extra], output, error);
}
