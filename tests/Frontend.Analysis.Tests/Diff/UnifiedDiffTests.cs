using Frontend.Analysis.Diff;

namespace Frontend.Analysis.Tests.Diff;

public sealed class UnifiedDiffTests
{
    [Fact]
    public void Render_ChangesFarApart_ProducesSeparateHunks()
    {
        var before = string.Concat(Enumerable.Range(1, 20).Select(line => $"line {line}\n"));
        var after = before.Replace("line 2\n", "line two\n", StringComparison.Ordinal).Replace("line 19\n", "line nineteen\n", StringComparison.Ordinal);

        var diff = UnifiedDiff.Render(before, after, "a/f", "b/f");

        Assert.Equal(
            "--- a/f\n+++ b/f\n@@ -1,5 +1,5 @@\n line 1\n-line 2\n+line two\n line 3\n line 4\n line 5\n"
            + "@@ -16,5 +16,5 @@\n line 16\n line 17\n line 18\n-line 19\n+line nineteen\n line 20\n",
            diff);
    }

    [Fact]
    public void Render_EqualTexts_IsEmpty()
    {
        var diff = UnifiedDiff.Render("same\n", "same\n", "a", "b");

        Assert.Equal("", diff);
    }

    [Fact]
    public void Render_AddedFile_NumbersTheEmptySideFromZeroWithoutABlankLastLine()
    {
        var diff = UnifiedDiff.Render("", "a\nb\n", "/dev/null", "b/f");

        Assert.Equal("--- /dev/null\n+++ b/f\n@@ -0,0 +1,2 @@\n+a\n+b\n", diff);
    }

    [Fact]
    public void Render_RemovedFile_NumbersTheEmptySideFromZero()
    {
        var diff = UnifiedDiff.Render("a\nb\n", "", "a/f", "/dev/null");

        Assert.Equal("--- a/f\n+++ /dev/null\n@@ -1,2 +0,0 @@\n-a\n-b\n", diff);
    }

    [Fact]
    public void Render_LineAppendedAtTheEnd_KeepsThreeLinesOfContext()
    {
        var diff = UnifiedDiff.Render("1\n2\n3\n4\n5\n", "1\n2\n3\n4\n5\n6\n", "a/f", "b/f");

        Assert.Equal("--- a/f\n+++ b/f\n@@ -3,3 +3,4 @@\n 3\n 4\n 5\n+6\n", diff);
    }
}
