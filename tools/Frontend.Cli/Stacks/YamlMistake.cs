using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using YamlDotNet.Core;

namespace Frontend.Cli.Stacks;

/// <summary>
/// A YAML parse error in a stack file, in the file's own terms: the file, the line, the keys it sits under,
/// the most likely cause of the three that make most such errors (a tab, an unquoted ': ' in a value, the
/// indentation), and the lines around it. The parser's own words come last: they name the token it expected,
/// which is rarely what a person typed wrong.
/// </summary>
internal static partial class YamlMistake
{
    private const int ContextLines = 2;

    public static string Describe(string path, string text, YamlException error)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var line = (int)Math.Clamp(error.Start.Line, 1, lines.Length);
        var keys = KeysAbove(lines, line);
        var report = new StringBuilder();
        report.Append(CultureInfo.InvariantCulture, $"{Path.GetFileName(path)}, line {line}, column {error.Start.Column}");
        report.Append(keys.Count > 0 ? $", under {string.Join(" > ", keys)}" : "");
        report.Append(CultureInfo.InvariantCulture, $": not valid YAML, most likely {Cause(lines, line, error.Message)}. The parser said: {Bare(error.Message)}.");
        for (var number = Math.Max(1, line - ContextLines); number <= Math.Min(lines.Length, line + ContextLines); number++)
        {
            report.Append(CultureInfo.InvariantCulture, $"\n{(number == line ? " >" : "  ")} {number,4} | {lines[number - 1].Replace("\t", "\u2192", StringComparison.Ordinal)}");
        }

        return report.ToString();
    }

    /// <summary>The parser stops at or just before the mistake, so the lines either side of its position are searched.</summary>
    private static string Cause(string[] lines, int line, string parserMessage)
    {
        var nearby = lines.Skip(Math.Max(0, line - 2)).Take(3).ToList();
        if (parserMessage.Contains("Duplicate key", StringComparison.Ordinal))
        {
            return "a key set twice in the same map: keep one of them";
        }

        if (parserMessage.Contains("tab character", StringComparison.Ordinal) || nearby.Any(l => LeadingWhitespace().Match(l).Value.Contains('\t', StringComparison.Ordinal)))
        {
            return "a tab in the indentation (shown as \u2192 below): YAML indents with spaces only";
        }

        if (nearby.Any(l => UnquotedColonInValue().IsMatch(l)))
        {
            return "an unquoted ': ' inside a value, which YAML reads as another key: put the value in quotes";
        }

        return "the indentation: a line here is indented more or less than the entries it belongs with (YAML nests by spaces; every key of one map starts in the same column)";
    }

    /// <summary>The keys (and list items) the error line sits under, outermost first, from the indentation of the lines above it.</summary>
    private static List<string> KeysAbove(string[] lines, int line)
    {
        var frames = new List<Frame>();
        for (var i = 0; i < line - 1; i++)
        {
            var match = Entry().Match(lines[i]);
            if (!match.Success || (!match.Groups["dash"].Success && !match.Groups["key"].Success))
            {
                continue;
            }

            var indent = match.Groups["indent"].Length;
            if (match.Groups["dash"].Success)
            {
                frames.RemoveAll(f => f.Indent > indent || (f.Indent == indent && f.IsItem));
                var parent = frames.LastOrDefault();
                var index = parent is null ? 0 : parent.Items++;
                frames.Add(new Frame(indent, $"[{index}]", IsItem: true));
                if (match.Groups["key"].Success)
                {
                    frames.Add(new Frame(indent + match.Groups["dash"].Length, match.Groups["key"].Value, IsItem: false));
                }
            }
            else
            {
                frames.RemoveAll(f => f.Indent >= indent);
                frames.Add(new Frame(indent, match.Groups["key"].Value, IsItem: false));
            }
        }

        var errorIndent = LeadingWhitespace().Match(lines[line - 1]).Length;
        return [.. frames.Where(f => f.Indent < errorIndent).Select(f => f.Label)];
    }

    private sealed record Frame(int Indent, string Label, bool IsItem)
    {
        public int Items { get; set; }
    }

    /// <summary>YamlDotNet's message without the position it repeats.</summary>
    private static string Bare(string message) => PositionPrefix().Replace(message, "").TrimEnd('.');

    [GeneratedRegex(@"^[ \t]*")]
    private static partial Regex LeadingWhitespace();

    /// <summary>A line that opens a key, a list item, or both (<c>- name: v1</c>); comments and blank lines do not match.</summary>
    [GeneratedRegex(@"^(?<indent>[ ]*)(?<dash>-[ ]+)?(?:(?<key>[A-Za-z0-9_.:/-]+?):(?:\s|$)|(?=[^\s#]))")]
    private static partial Regex Entry();

    [GeneratedRegex(@"^\s*(-\s+)?[A-Za-z0-9_.:/-]+:\s+[^'""\s#][^#]*?:\s")]
    private static partial Regex UnquotedColonInValue();

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ")]
    private static partial Regex PositionPrefix();
}
