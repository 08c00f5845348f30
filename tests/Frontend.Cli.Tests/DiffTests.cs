using Frontend.Cli.Tests.Support;

namespace Frontend.Cli.Tests;

public sealed class DiffTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Diff_AddedVersion_ListsItsDeploymentAsAddedTheDestinationRuleAsReplacedAndTheSplitAsChanged()
    {
        var (before, after) = await RenderBeforeAndAfter(
            StackYaml.TwoVersions(extraConfig: StackYaml.TesterRoute),
            StackYaml.TwoVersions(40, 40, StackYaml.ThirdVersion(20), StackYaml.TesterRoute));

        var run = await CliRun.Of("diff", before, after);

        Assert.Equal(0, run.ExitCode);
        // The DestinationRule is named by its set of subsets: a new set is a new rule beside the old one.
        Assert.Contains("\n<details><summary>Rendered manifests: 2 added, 1 changed, 1 removed,", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("| `Deployment shop/frontend-v3` | `apps/v1` | added |", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("| `DestinationRule shop/frontend-34cf7b28` | `networking.istio.io/v1` | removed |", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("| `VirtualService shop/frontend` | `networking.istio.io/v1` | changed |", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("### Deployment shop/frontend-v3 (added)", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("+++ b/1-manifest/apps_v1-deployment-shop-frontend-v3.yaml", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("+    name: v3\n", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diff_VersionRemovedWhileTheBaseStillRoutesToIt_RefusedWithExitCodeOne()
    {
        var (before, after) = await RenderBeforeAndAfter(StackYaml.TwoVersions(90, 10), StackYaml.OneVersion);

        var run = await CliRun.Of("diff", before, after);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("- **Refused** [FRT0003] (Deployment shop/frontend-v2) The change removes Deployment shop/frontend-v2, whose subset v2 the base still routes traffic to:", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("Fix: Set its weight to 0", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diff_VersionRemovedAfterItsWeightWentToZero_Accepted()
    {
        var (before, after) = await RenderBeforeAndAfter(StackYaml.TwoVersions(100, 0), StackYaml.OneVersion);

        var run = await CliRun.Of("diff", before, after);

        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("FRT0003", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diff_VersionAddedAndTrafficPolicyChangedTogether_WarnsTheOldRulesPolicyWinsMeanwhile()
    {
        const string Policy = "  frontend:trafficPolicy:\n    loadBalancer:\n      simple: LEAST_REQUEST\n";
        var (before, after) = await RenderBeforeAndAfter(
            StackYaml.TwoVersions(50, 50),
            StackYaml.TwoVersions(50, 50, StackYaml.ThirdVersion(0), Policy));

        var run = await CliRun.Of("diff", before, after);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("- Warning [FRT0004] (DestinationRule shop/frontend-", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("the older rule's policy wins", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diff_VersionAddedWithoutAPolicyChange_NoRenameWarning()
    {
        var (before, after) = await RenderBeforeAndAfter(StackYaml.TwoVersions(50, 50), StackYaml.TwoVersions(50, 50, StackYaml.ThirdVersion(0)));

        var run = await CliRun.Of("diff", before, after);

        Assert.DoesNotContain("FRT0004", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diff_WeightChange_ShowsTheOldAndNewWeightsInTheVirtualService()
    {
        var (before, after) = await RenderBeforeAndAfter(StackYaml.TwoVersions(50, 50), StackYaml.TwoVersions(90, 10));

        var run = await CliRun.Of("diff", before, after, "--title", "Stack shop");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("## Stack shop: what changes for users\n- v1: 50% → 90% (in-mesh callers)\n- v2: 50% → 10% (in-mesh callers)\n\n<details><summary>Rendered manifests: 0 added, 1 changed, 0 removed,", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("### VirtualService shop/frontend (changed)", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("-      weight: 50\n+      weight: 90\n", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("-      weight: 50\n+      weight: 10\n", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diff_RemovedRoute_ShowsTheMatchRouteRemovedFromTheVirtualService()
    {
        var (before, after) = await RenderBeforeAndAfter(StackYaml.TwoVersions(extraConfig: StackYaml.TesterRoute), StackYaml.TwoVersions());

        var run = await CliRun.Of("diff", before, after);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("| `VirtualService shop/frontend` | `networking.istio.io/v1` | changed |", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("-  - match:\n", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("-    name: testers\n", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Deployment shop/frontend-v1 (changed)", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diff_SameRenderTwice_SaysNoChanges()
    {
        var (before, after) = await RenderBeforeAndAfter(StackYaml.TwoVersions(), StackYaml.TwoVersions());

        var run = await CliRun.Of("diff", before, after);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("## What changes for users\nNothing: no resource changes (6 resources unchanged).\n", run.Stdout);
    }

    [Fact]
    public async Task Diff_TextFormat_PrintsTheSentencesForATerminalWithoutMarkdown()
    {
        var (before, after) = await RenderBeforeAndAfter(StackYaml.TwoVersions(50, 50), StackYaml.TwoVersions(90, 10));

        var run = await CliRun.Of("diff", before, after, "--title", "Stack shop", "--format", "text");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith(
            "Stack shop: what changes for users\n  v1: 50% → 90% (in-mesh callers)\n  v2: 50% → 10% (in-mesh callers)\n\nRendered manifests: 0 added, 1 changed, 0 removed, 5 unchanged\n  changed  VirtualService shop/frontend\n\n--- a/",
            run.Stdout,
            StringComparison.Ordinal);
        Assert.DoesNotContain("<details>", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diff_UnknownFormat_IsAUsageError()
    {
        var run = await CliRun.Of("diff", _temp.Path, _temp.Path, "--format", "html");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("html", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diff_OnlyTheClusterChanges_SaysSoThoughNoManifestChanges()
    {
        var (before, after) = await RenderBeforeAndAfter(
            StackYaml.TwoVersions(extraConfig: "  frontend:cluster:\n    context: acme-a\n"),
            StackYaml.TwoVersions(extraConfig: "  frontend:cluster:\n    context: acme-b\n"));

        var run = await CliRun.Of("diff", before, after);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            "## What changes for users\n"
            + "- cluster: kube context acme-a (identifier acme-a) → kube context acme-b (identifier acme-b) — ⚠️ **a new cluster identifier replaces the provider and every resource**\n"
            + "\nRendered manifests: no changes (6 resources unchanged).\n",
            run.Stdout);
    }

    [Fact]
    public async Task Diff_MissingFolder_IsAUsageError()
    {
        var run = await CliRun.Of("diff", _temp.Combine("absent"), _temp.Path);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("absent: no such folder", run.Stderr, StringComparison.Ordinal);
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public async Task Diff_FolderWithAFileThatIsNotAManifest_ExitsOne()
    {
        var broken = _temp.Combine("broken");
        Directory.CreateDirectory(broken);
        File.WriteAllText(Path.Combine(broken, "x.yaml"), "kind: Service\n");

        var run = await CliRun.Of("diff", broken, broken);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("error: ", run.Stderr, StringComparison.Ordinal);
    }

    private async Task<(string Before, string After)> RenderBeforeAndAfter(string beforeYaml, string afterYaml)
    {
        var project = _temp.WriteProject("shop", beforeYaml);
        var before = _temp.Combine("before");
        var after = _temp.Combine("after");
        Assert.Equal(0, (await CliRun.Of("render", "shop", "--out", before, "--project-dir", project)).ExitCode);
        File.WriteAllText(Path.Combine(project, "Pulumi.shop.yaml"), afterYaml);
        Assert.Equal(0, (await CliRun.Of("render", "shop", "--out", after, "--project-dir", project)).ExitCode);
        return (before, after);
    }
}
