using Frontend.Cli.Tests.Support;

namespace Frontend.Cli.Tests.Docs;

/// <summary>
/// docs/cli.md shows render's summary of dev and prod, and the README the ambient stack's, as the tool prints them. Each is rendered again from the
/// repository's stack files, with the paths the docs use, so a change to the program or the stacks that alters a
/// summary fails until the docs show the new one. (The PR comments are checked by ReadmeDiffExamplesTests.)
/// </summary>
public sealed class DocumentedRenderSummaryTests : IDisposable
{
    // The paths the docs show for the bundles the tests are built with.
    private static readonly Dictionary<string, (string Path, string Documented)> Bundles = new()
    {
        ["istio"] = (RepositoryPaths.IstioCrdBundle, "../shared/istio/customresourcedefinitions-1.30.3.yaml"),
        ["standard"] = (RepositoryPaths.GatewayApiStandardBundle, "../shared/gateway-api/standard-install-v1.5.1.yaml"),
        ["experimental"] = (RepositoryPaths.GatewayApiExperimentalBundle, "../shared/gateway-api/experimental-install-v1.5.1.yaml"),
    };

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <param name="bundles">The <see cref="Bundles"/> the docs' command gives, comma separated.</param>
    [Theory]
    [InlineData("prod", "istio,standard", "docs/cli.md")]
    [InlineData("dev", "istio", "docs/cli.md")]
    [InlineData("ambient", "istio,experimental", "README.md")]
    public async Task Render_RepositoryStack_PrintsTheSummaryTheDocsShow(string stack, string bundles, string document)
    {
        var output = _temp.Combine(stack);
        var given = bundles.Split(',').Select(name => Bundles[name]).ToList();
        var crds = given.SelectMany(bundle => new[] { "--crds", bundle.Path });

        var run = await CliRun.Of(["render", stack, "--out", output, .. crds, "--project-dir", RepositoryPaths.Root]);

        Assert.Equal(0, run.ExitCode);
        var summary = given.Aggregate(
            run.Stdout.Replace(output, $"rendered/{stack}", StringComparison.Ordinal),
            (text, bundle) => text.Replace(bundle.Path, bundle.Documented, StringComparison.Ordinal));
        var docs = File.ReadAllText(Path.Combine(RepositoryPaths.Root, document));
        Assert.Contains($"```text\n{summary}```\n", docs, StringComparison.Ordinal);
    }
}
