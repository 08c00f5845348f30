using Frontend.Cli.Tests.Support;

namespace Frontend.Cli.Tests.Docs;

/// <summary>
/// docs/cli.md shows render's summary of both stacks as the tool prints it. Each is rendered again from the
/// repository's stack files, with the paths the docs use, so a change to the program or the stacks that alters a
/// summary fails until the docs show the new one. (The PR comments are checked by ReadmeDiffExamplesTests.)
/// </summary>
public sealed class DocumentedRenderSummaryTests : IDisposable
{
    // The paths the docs show for the bundles the tests are built with.
    private static readonly (string Path, string Documented)[] Bundles =
    [
        (RepositoryPaths.IstioCrdBundle, "../shared/istio/customresourcedefinitions-1.30.3.yaml"),
        (RepositoryPaths.GatewayApiStandardBundle, "../shared/gateway-api/standard-install-v1.5.1.yaml"),
    ];

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <param name="bundles">How many of <see cref="Bundles"/> the docs' command gives: prod shows Istio's and the Gateway API's.</param>
    [Theory]
    [InlineData("prod", 2)]
    [InlineData("dev", 1)]
    public async Task Render_RepositoryStack_PrintsTheSummaryTheDocsShow(string stack, int bundles)
    {
        var output = _temp.Combine(stack);
        var crds = Bundles.Take(bundles).SelectMany(bundle => new[] { "--crds", bundle.Path });

        var run = await CliRun.Of(["render", stack, "--out", output, .. crds, "--project-dir", RepositoryPaths.Root]);

        Assert.Equal(0, run.ExitCode);
        var summary = Bundles.Aggregate(
            run.Stdout.Replace(output, $"rendered/{stack}", StringComparison.Ordinal),
            (text, bundle) => text.Replace(bundle.Path, bundle.Documented, StringComparison.Ordinal));
        var docs = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "cli.md"));
        Assert.Contains($"```text\n{summary}```\n", docs, StringComparison.Ordinal);
    }
}
