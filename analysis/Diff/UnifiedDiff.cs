using DiffPlex;
using DiffPlex.Renderer;

namespace Frontend.Analysis.Diff;

/// <summary>Unified diffs of two texts, as git prints them, from DiffPlex's line diff.</summary>
internal static class UnifiedDiff
{
    public const int ContextLines = 3;

    private static readonly UnidiffRenderer Renderer = new(Differ.Instance, ContextLines);

    /// <summary>"--- a", "+++ b", then "@@ -l,s +l,s @@" hunks; empty when the texts are equal.</summary>
    public static string Render(string before, string after, string beforeLabel, string afterLabel)
    {
        // DiffPlex's own line chunker keeps the empty string after a final newline as a line of its own, which
        // would show every added or removed file with a blank last line; a text that ends in a newline has no such line.
        var result = Differ.Instance.CreateCustomDiffs(before, after, ignoreWhiteSpace: false, Lines);
        var diff = Renderer.Generate(result, beforeLabel, afterLabel);
        return diff.Length == 0 ? "" : NumberEmptySideFromZero(diff, before, after);
    }

    private static string[] Lines(string text)
    {
        if (text.Length == 0)
        {
            return [];
        }

        var lines = text.Split('\n');
        return text.EndsWith('\n') ? lines[..^1] : lines;
    }

    // DiffPlex numbers the empty side of an added or removed file "1,0"; diff, git and `git apply` use "0,0"
    // (a range of no lines is numbered by the line before it), and the report promises git's format.
    private static string NumberEmptySideFromZero(string diff, string before, string after)
    {
        if (before.Length == 0)
        {
            return diff.Replace("\n@@ -1,0 +", "\n@@ -0,0 +", StringComparison.Ordinal);
        }

        if (after.Length == 0)
        {
            return diff.Replace(" +1,0 @@\n", " +0,0 @@\n", StringComparison.Ordinal);
        }

        return diff;
    }
}
