using System.Text;

namespace CrdGen.Emit;

/// <summary>Writes C# text with LF line endings and four-space indentation, whatever the platform.</summary>
internal sealed class CodeWriter
{
    private readonly StringBuilder text = new();
    private int depth;

    public CodeWriter Line(string line = "")
    {
        if (line.Length > 0)
        {
            text.Append(' ', depth * 4).Append(line);
        }

        text.Append('\n');
        return this;
    }

    public CodeWriter Open(string line)
    {
        Line(line).Line("{");
        depth++;
        return this;
    }

    public CodeWriter Close(string closing = "}")
    {
        depth--;
        return Line(closing);
    }

    /// <summary>A description as a <c>&lt;summary&gt;</c> doc comment; nothing when there is no description.</summary>
    public CodeWriter Summary(string? description)
    {
        if (string.IsNullOrEmpty(description))
        {
            return this;
        }

        Line("/// <summary>");
        foreach (var line in description.Split('\n'))
        {
            Line(line.Length == 0 ? "///" : "/// " + EscapeXml(line));
        }

        return Line("/// </summary>");
    }

    public override string ToString() => text.ToString();

    private static string EscapeXml(string line) =>
        line.Replace("&", "&amp;", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal);
}
