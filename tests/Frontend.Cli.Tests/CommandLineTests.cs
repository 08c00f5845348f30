using Frontend.Cli.Tests.Support;

namespace Frontend.Cli.Tests;

public sealed class CommandLineTests
{
    [Fact]
    public async Task RunAsync_NoArguments_PrintsUsageAndExitsTwo()
    {
        var run = await CliRun.Of();

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("render <stack>", run.Stderr, StringComparison.Ordinal);
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
    [InlineData(new[] { "render", "dev" }, "Option '--out' is required.")]
    [InlineData(new[] { "render", "--out", "x" }, "Required argument missing for command: 'render'.")]
    [InlineData(new[] { "analyze", "dev", "--crd", "x.yaml" }, "unknown option --crd: did you mean --crds?")]
    [InlineData(new[] { "analyze", "dev", "prod" }, "Unrecognized command or argument 'prod'.")]
    [InlineData(new[] { "render", "dev", "--out" }, "Required argument missing for option: '--out'.")]
    [InlineData(new[] { "diff", "a" }, "Required argument missing for command: 'diff'.")]
    public async Task RunAsync_MalformedCommandLine_ExitsTwoWithOneClearMessage(string[] args, string message)
    {
        var run = await CliRun.Of(args);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"error: {message}", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_MisspeltVerb_SuggestsTheVerbMeant()
    {
        var run = await CliRun.Of("rendr", "dev", "--out", "x");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("error: unknown verb 'rendr': did you mean 'render'?\nRun with --help for usage.\n", run.Stderr);
    }

    [Theory]
    [InlineData(new[] { "render", "--help" }, "--out <dir> (REQUIRED)")]
    [InlineData(new[] { "analyze", "--help" }, "--crds <bundle.yaml>")]
    [InlineData(new[] { "render", "--help" }, "repeat it for several (--crds istio.yaml --crds gateway-api.yaml)")]
    [InlineData(new[] { "diff", "--help" }, "<after-dir>")]
    [InlineData(new[] { "rollout", "--help" }, "promote")]
    [InlineData(new[] { "rollout", "status", "--help" }, "--prometheus <url>")]
    [InlineData(new[] { "rollout", "promote", "--help" }, "--time <RFC 3339 | unix seconds>")]
    [InlineData(new[] { "rollout", "rollback", "--help" }, "--project-dir <dir>")]
    public async Task RunAsync_HelpOnAVerb_DescribesItsArgumentsAndOptionsAndExitsZero(string[] args, string expected)
    {
        var run = await CliRun.Of(args);

        Assert.Equal((0, ""), (run.ExitCode, run.Stderr));
        Assert.Contains(expected, run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_SuggestDirective_CompletesAPartialVerb()
    {
        var run = await CliRun.Of("[suggest:4]", "roll");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("rollout\n", run.Stdout.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task RunAsync_OptionWithEqualsSign_IsAccepted()
    {
        var run = await CliRun.Of("analyze", "dev", $"--project-dir={RepositoryPaths.Root}");

        Assert.Equal(0, run.ExitCode);
    }
}
