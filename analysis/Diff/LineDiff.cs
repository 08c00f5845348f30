using System.Globalization;
using System.Text;

namespace Frontend.Analysis.Diff;

internal enum EditKind
{
    Keep,
    Delete,
    Insert,
}

internal readonly record struct LineEdit(EditKind Kind, string Text, int OldIndex, int NewIndex);

/// <summary>
/// Line diffs by Myers' O(ND) algorithm (the one git uses by default), printed as unified diffs with a few lines of
/// context around each change.
/// </summary>
internal static class LineDiff
{
    public const int DefaultContext = 3;

    public static IReadOnlyList<LineEdit> Compute(IReadOnlyList<string> before, IReadOnlyList<string> after)
    {
        var n = before.Count;
        var m = after.Count;
        var offset = n + m + 1;
        var frontier = new int[(2 * offset) + 1];
        var trace = new List<int[]>();
        for (var d = 0; d <= n + m; d++)
        {
            trace.Add((int[])frontier.Clone());
            for (var k = -d; k <= d; k += 2)
            {
                var x = k == -d || (k != d && frontier[offset + k - 1] < frontier[offset + k + 1])
                    ? frontier[offset + k + 1]
                    : frontier[offset + k - 1] + 1;
                var y = x - k;
                while (x < n && y < m && string.Equals(before[x], after[y], StringComparison.Ordinal))
                {
                    x++;
                    y++;
                }

                frontier[offset + k] = x;
                if (x >= n && y >= m)
                {
                    return Backtrack(before, after, trace, offset);
                }
            }
        }

        throw new InvalidOperationException("Myers diff did not reach the end of both inputs");
    }

    /// <summary>A unified diff ("--- a", "+++ b", "@@ -l,s +l,s @@" hunks); empty when the texts are equal.</summary>
    public static string Unified(string before, string after, string beforeLabel, string afterLabel, int context = DefaultContext)
    {
        var edits = Compute(SplitLines(before), SplitLines(after));
        var changed = edits.Select((edit, index) => (edit, index)).Where(pair => pair.edit.Kind != EditKind.Keep).Select(pair => pair.index).ToList();
        if (changed.Count == 0)
        {
            return "";
        }

        var builder = new StringBuilder();
        builder.Append("--- ").Append(beforeLabel).Append('\n').Append("+++ ").Append(afterLabel).Append('\n');
        foreach (var (start, end) in HunkRanges(changed, edits.Count, context))
        {
            AppendHunk(builder, edits, start, end);
        }

        return builder.ToString();
    }

    public static IReadOnlyList<string> SplitLines(string text)
    {
        if (text.Length == 0)
        {
            return [];
        }

        var lines = text.Split('\n');
        return text.EndsWith('\n') ? lines[..^1] : lines;
    }

    private static List<LineEdit> Backtrack(IReadOnlyList<string> before, IReadOnlyList<string> after, List<int[]> trace, int offset)
    {
        var edits = new List<LineEdit>();
        var x = before.Count;
        var y = after.Count;
        for (var d = trace.Count - 1; d >= 0; d--)
        {
            var frontier = trace[d];
            var k = x - y;
            var previousK = k == -d || (k != d && frontier[offset + k - 1] < frontier[offset + k + 1]) ? k + 1 : k - 1;
            var previousX = frontier[offset + previousK];
            var previousY = previousX - previousK;
            while (x > previousX && y > previousY)
            {
                x--;
                y--;
                edits.Add(new LineEdit(EditKind.Keep, before[x], x, y));
            }

            if (d == 0)
            {
                break;
            }

            if (x == previousX)
            {
                y--;
                edits.Add(new LineEdit(EditKind.Insert, after[y], x, y));
            }
            else
            {
                x--;
                edits.Add(new LineEdit(EditKind.Delete, before[x], x, y));
            }
        }

        edits.Reverse();
        return edits;
    }

    private static List<(int Start, int End)> HunkRanges(List<int> changed, int editCount, int context)
    {
        var ranges = new List<(int Start, int End)>();
        foreach (var index in changed)
        {
            var start = Math.Max(0, index - context);
            var end = Math.Min(editCount - 1, index + context);
            if (ranges.Count > 0 && start <= ranges[^1].End + 1)
            {
                ranges[^1] = (ranges[^1].Start, Math.Max(ranges[^1].End, end));
            }
            else
            {
                ranges.Add((start, end));
            }
        }

        return ranges;
    }

    private static void AppendHunk(StringBuilder builder, IReadOnlyList<LineEdit> edits, int start, int end)
    {
        var hunk = edits.Skip(start).Take(end - start + 1).ToList();
        var oldCount = hunk.Count(edit => edit.Kind != EditKind.Insert);
        var newCount = hunk.Count(edit => edit.Kind != EditKind.Delete);
        // A side with no lines is numbered by the line before it, as diff and git do.
        var oldStart = oldCount == 0 ? hunk[0].OldIndex : hunk[0].OldIndex + 1;
        var newStart = newCount == 0 ? hunk[0].NewIndex : hunk[0].NewIndex + 1;
        builder.Append(CultureInfo.InvariantCulture, $"@@ -{oldStart},{oldCount} +{newStart},{newCount} @@\n");
        foreach (var edit in hunk)
        {
            builder.Append(edit.Kind switch
            {
                EditKind.Delete => '-',
                EditKind.Insert => '+',
                _ => ' ',
            }).Append(edit.Text).Append('\n');
        }
    }
}
