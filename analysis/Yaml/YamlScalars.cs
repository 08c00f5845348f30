using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Frontend.Analysis.Yaml;

/// <summary>
/// Decides how a scalar is written and how a plain scalar is read back. Plain scalars resolve by the YAML 1.2
/// core schema; a string is quoted whenever a YAML 1.1 or 1.2 reader (kubectl's included) could take it
/// for anything but that string.
/// </summary>
internal static partial class YamlScalars
{
    private static readonly HashSet<string> ReservedWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "true", "false", "yes", "no", "on", "off", "y", "n", "null", "~",
        ".inf", "+.inf", "-.inf", ".nan", "<<", "=",
    };

    public static string FormatString(string text) => NeedsQuotes(text) ? DoubleQuoted(text) : text;

    public static string FormatNumber(long number) => number.ToString(CultureInfo.InvariantCulture);

    public static string FormatNumber(double number) => number switch
    {
        double.PositiveInfinity => ".inf",
        double.NegativeInfinity => "-.inf",
        double.NaN => ".nan",
        _ => EnsureFloatSyntax(number.ToString("R", CultureInfo.InvariantCulture)),
    };

    /// <summary>Resolves a plain (unquoted) scalar by the YAML 1.2 core schema.</summary>
    public static object? ResolvePlain(string text)
    {
        if (text.Length == 0 || text is "~" or "null" or "Null" or "NULL")
        {
            return null;
        }

        if (text is "true" or "True" or "TRUE")
        {
            return true;
        }

        if (text is "false" or "False" or "FALSE")
        {
            return false;
        }

        if (IntegerSyntax().IsMatch(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return integer;
        }

        if (FloatSyntax().IsMatch(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real))
        {
            return Math.Floor(real) == real && Math.Abs(real) < 9.2e18 && !text.Contains('.', StringComparison.Ordinal) ? (object)(long)real : (object)real;
        }

        return text switch
        {
            ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF" => double.PositiveInfinity,
            "-.inf" or "-.Inf" or "-.INF" => double.NegativeInfinity,
            ".nan" or ".NaN" or ".NAN" => double.NaN,
            _ => text,
        };
    }

    private static bool NeedsQuotes(string text)
    {
        if (text.Length == 0 || ReservedWords.Contains(text) || text != text.Trim())
        {
            return true;
        }

        // Anything number-like in either YAML version (0x1F, 0o17, 1_000, 1e3, 1:30 sexagesimal), or a YAML 1.1
        // timestamp (2026-01-31), stays a string.
        if (LooksNumeric().IsMatch(text) || LooksLikeDate().IsMatch(text))
        {
            return true;
        }

        if ("-?:,[]{}#&*!|>'\"%@`".Contains(text[0], StringComparison.Ordinal))
        {
            return true;
        }

        return text.Any(character => character is ':' or '#' || char.IsControl(character) || character > '\u007e');
    }

    private static string DoubleQuoted(string text)
    {
        var builder = new StringBuilder(text.Length + 2).Append('"');
        foreach (var character in text)
        {
            builder.Append(character switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(character) => $"\\u{(int)character:x4}",
                _ => character.ToString(),
            });
        }

        return builder.Append('"').ToString();
    }

    private static string EnsureFloatSyntax(string text) =>
        text.Contains('.', StringComparison.Ordinal) || text.Contains('E', StringComparison.Ordinal) ? text : text + ".0";

    [GeneratedRegex(@"^[-+]?[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex IntegerSyntax();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex FloatSyntax();

    [GeneratedRegex(@"^[-+]?(\.?[0-9][0-9_]*|0[xX][0-9a-fA-F_]+|0[oO]?[0-7_]+|0[bB][01_]+)([.:][0-9_]*)*([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex LooksNumeric();

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}", RegexOptions.CultureInvariant)]
    private static partial Regex LooksLikeDate();
}
