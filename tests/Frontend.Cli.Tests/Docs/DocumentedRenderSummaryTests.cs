using Frontend.Cli.Tests.Support;

namespace Frontend.Cli.Tests.Docs;

/// <summary>
/// docs/cli.md shows render's summary of both stacks as the tool prints it. Each is rendered again from the
/// repository's stack files, with the paths the docs use, so a change to the program or the stacks that alters a
/// summary fails until the docs show the new one. (The PR comments are checked by ReadmeDiffExamplesTests.)
/// </summary>
public sealed class DocumentedRenderSummaryTests : IDisposable
{
    private const string DocumentedBundle = "../shared/istio/customresourcedefinitions-1.30.3.yaml";

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("prod")]
    [InlineData("dev")]
    public async Task Render_RepositoryStack_PrintsTheSummaryTheDocsShow(string stack)
    {
        var output = _temp.Combine(stack);

        var run = await CliRun.Of("render", stack, "--out", output, "--crds", RepositoryPaths.IstioCrdBundle, "--project-dir", RepositoryPaths.Root);

        Assert.Equal(0, run.ExitCode);
        var summary = run.Stdout
            .Replace(output, $"rendered/{stack}", StringComparison.Ordinal)
            .Replace(RepositoryPaths.IstioCrdBundle, DocumentedBundle, StringComparison.Ordinal);
        var docs = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "cli.md"));
        Assert.Contains($"```text\n{summary}```\n", docs, StringComparison.Ordinal);
    }
}
