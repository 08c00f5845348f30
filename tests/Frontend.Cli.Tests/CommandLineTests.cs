using Frontend.Cli.Tests.Support;

namespace Frontend.Cli.Tests;

public sealed class CommandLineTests
{
    [Fact]
    public async Task RunAsync_NoArguments_PrintsUsageAndExitsTwo()
    {
        var run = await CliRun.Of();

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("render <stack> --out <dir>", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Help_PrintsUsageToStdoutAndExitsZero()
    {
        var run = await CliRun.Of("--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("diff <before-dir> <after-dir>", run.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "deploy", "dev" }, "unknown verb 'deploy'")]
    [InlineData(new[] { "render", "dev" }, "--out <dir> is required")]
    [InlineData(new[] { "render", "--out", "x" }, "missing <stack>")]
    [InlineData(new[] { "analyze", "dev", "--crd", "x.yaml" }, "unknown option --crd")]
    [InlineData(new[] { "analyze", "dev", "prod" }, "unexpected argument 'prod'")]
    [InlineData(new[] { "render", "dev", "--out" }, "--out needs a value")]
    [InlineData(new[] { "diff", "a" }, "missing <after-dir>")]
    public async Task RunAsync_MalformedCommandLine_ExitsTwoWithOneClearMessage(string[] args, string message)
    {
        var run = await CliRun.Of(args);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"error: {message}", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_OptionWithEqualsSign_IsAccepted()
    {
        var run = await CliRun.Of("analyze", "dev", $"--project-dir={RepositoryPaths.Root}");

        Assert.Equal(0, run.ExitCode);
    }
}
