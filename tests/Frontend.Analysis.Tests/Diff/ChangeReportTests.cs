using Frontend.Analysis.Diff;
using Frontend.Analysis.Users.Changes;

namespace Frontend.Analysis.Tests.Diff;

public sealed class ChangeReportTests
{
    private static readonly DiffReport OneChange = new(
    [
        new ResourceChange("VirtualService shop/frontend", "networking.istio.io/v1", ChangeKind.Changed, "--- a/vs.yaml\n+++ b/vs.yaml\n@@ -1 +1 @@\n-      weight: 0\n+      weight: 5\n"),
        new ResourceChange("Service shop/frontend", "v1", ChangeKind.Unchanged, ""),
    ],
    []);

    private static readonly ChangeSentence[] Sentences =
    [
        new("v1: 100% → 95% (in-mesh callers)"),
        new("v3: 0% → 5% (in-mesh callers)", "first traffic to v3: no user has reached its pods yet"),
    ];

    [Fact]
    public void Markdown_RiskySentence_CarriesItsRiskAndTheManifestsFoldBelow()
    {
        var markdown = ChangeReport.Markdown(Sentences, OneChange, "Stack shop");

        Assert.StartsWith(
            "## Stack shop: what changes for users\n"
            + "- v1: 100% → 95% (in-mesh callers)\n"
            + "- v3: 0% → 5% (in-mesh callers) — ⚠️ **first traffic to v3: no user has reached its pods yet**\n"
            + "\n<details><summary>Rendered manifests: 0 added, 1 changed, 0 removed, 1 unchanged</summary>\n\n| Resource |",
            markdown,
            StringComparison.Ordinal);
        Assert.EndsWith("```\n\n</details>\n", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_RiskySentence_StartsWithABangAndGivesItsRiskOnTheNextLine()
    {
        var text = ChangeReport.Text(Sentences, OneChange, "Stack shop");

        Assert.Equal(
            "Stack shop: what changes for users\n"
            + "  v1: 100% → 95% (in-mesh callers)\n"
            + "! v3: 0% → 5% (in-mesh callers)\n"
            + "    risk: first traffic to v3: no user has reached its pods yet\n"
            + "\nRendered manifests: 0 added, 1 changed, 0 removed, 1 unchanged\n"
            + "  changed  VirtualService shop/frontend\n"
            + "\n--- a/vs.yaml\n+++ b/vs.yaml\n@@ -1 +1 @@\n-      weight: 0\n+      weight: 5\n",
            text);
    }

    [Fact]
    public void Markdown_ManifestsChangeButNoSentence_SaysUsersWouldNotNotice()
    {
        var markdown = ChangeReport.Markdown([], OneChange);

        Assert.StartsWith("## What changes for users\nNothing users would notice: only the manifests below change.\n\n<details>", markdown, StringComparison.Ordinal);
    }
}
