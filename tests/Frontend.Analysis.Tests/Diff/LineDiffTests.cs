using Frontend.Analysis.Diff;

namespace Frontend.Analysis.Tests.Diff;

public sealed class LineDiffTests
{
    [Fact]
    public void Compute_ClassicExample_FindsShortestEditScript()
    {
        var before = "ABCABBA".Select(character => character.ToString()).ToList();
        var after = "CBABAC".Select(character => character.ToString()).ToList();

        var edits = LineDiff.Compute(before, after);

        Assert.Equal(5, edits.Count(edit => edit.Kind != EditKind.Keep));
        Assert.Equal(after, edits.Where(edit => edit.Kind != EditKind.Delete).Select(edit => edit.Text));
        Assert.Equal(before, edits.Where(edit => edit.Kind != EditKind.Insert).Select(edit => edit.Text));
    }

    [Fact]
    public void Unified_ChangesFarApart_ProducesSeparateHunks()
    {
        var before = string.Concat(Enumerable.Range(1, 20).Select(line => $"line {line}\n"));
        var after = before.Replace("line 2\n", "line two\n", StringComparison.Ordinal).Replace("line 19\n", "line nineteen\n", StringComparison.Ordinal);

        var diff = LineDiff.Unified(before, after, "a/f", "b/f");

        Assert.Equal(
            "--- a/f\n+++ b/f\n@@ -1,5 +1,5 @@\n line 1\n-line 2\n+line two\n line 3\n line 4\n line 5\n"
            + "@@ -16,5 +16,5 @@\n line 16\n line 17\n line 18\n-line 19\n+line nineteen\n line 20\n",
            diff);
    }

    [Fact]
    public void Unified_EqualTexts_IsEmpty()
    {
        var diff = LineDiff.Unified("same\n", "same\n", "a", "b");

        Assert.Equal("", diff);
    }
}
