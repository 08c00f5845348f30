using Frontend.Cli.Tests.Support;

namespace Frontend.Cli.Tests.Changes;

/// <summary>
/// The README (v2 from 10 to 25 in prod) and docs/cli.md (add v3 at 5 with a tester route in dev) show a pull-request
/// comment each as diff prints it; each is rendered again from the repository's stack files here, so a change to the
/// program or the stacks that alters them fails until the document shows the new one.
/// </summary>
public sealed class ReadmeDiffExamplesTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Diff_ProdV2From10To25_IsTheCommentTheReadmeShows()
    {
        var comment = await Comment("prod", stack => Replace(Replace(stack, "      weight: 90\n", "      weight: 75\n"), "      weight: 10\n", "      weight: 25\n"));

        Assert.StartsWith("## Stack prod: what changes for users\n- v1: 90% → 75% (", comment, StringComparison.Ordinal);
        Assert.Contains($"````markdown\n{comment}````\n", Document("README.md"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diff_DevAddV3At5WithATesterRoute_IsTheCommentDocsCliShows()
    {
        var comment = await Comment("dev", stack => Replace(
            Replace(stack, "      image: ghcr.io/acme/frontend:1.5.0-rc.1\n      replicas: 1\n      weight: 50\n", """
                      image: ghcr.io/acme/frontend:1.5.0-rc.1
                      replicas: 1
                      weight: 45
                    - name: v3
                      image: ghcr.io/acme/frontend:1.6.0-rc.1
                      replicas: 1
                      weight: 5

                """),
            "  frontend:trafficPolicy:\n",
            """
              frontend:routing:
                matches:
                  - name: testers
                    header:
                      name: x-canary
                      exact: always
                    version: v3
              frontend:trafficPolicy:

            """));

        Assert.Contains("- match route `testers` added: requests with header `x-canary: always` → v3\n", comment, StringComparison.Ordinal);
        Assert.Contains($"````markdown\n{comment}````\n", Document("docs/cli.md"), StringComparison.Ordinal);
    }

    /// <summary>The comment diff prints for the repository's stack file against the same file changed.</summary>
    private async Task<string> Comment(string stack, Func<string, string> change)
    {
        var stackFile = File.ReadAllText(Path.Combine(RepositoryPaths.Root, $"Pulumi.{stack}.yaml"));
        var project = _temp.WriteProject(stack, stackFile);
        var before = _temp.Combine("before");
        var after = _temp.Combine("after");
        Assert.Equal(0, (await CliRun.Of("render", stack, "--out", before, "--project-dir", project)).ExitCode);
        File.WriteAllText(Path.Combine(project, $"Pulumi.{stack}.yaml"), change(stackFile));
        var head = await CliRun.Of("render", stack, "--out", after, "--project-dir", project);
        Assert.True(head.ExitCode == 0, head.Stderr);

        var run = await CliRun.Of("diff", before, after, "--title", $"Stack {stack}");

        Assert.Equal(0, run.ExitCode);
        return run.Stdout;
    }

    /// <summary>Fails when the repository's stack file no longer holds what the example edits.</summary>
    private static string Replace(string text, string old, string replacement)
    {
        Assert.Contains(old, text, StringComparison.Ordinal);
        return text.Replace(old, replacement, StringComparison.Ordinal);
    }

    private static string Document(string path) => File.ReadAllText(Path.Combine(RepositoryPaths.Root, path));
}
