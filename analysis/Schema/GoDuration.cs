using System.Globalization;
using System.Text.RegularExpressions;

namespace Frontend.Analysis.Schema;

/// <summary>
/// Durations as CEL's <c>duration()</c> reads them, which is Go's <c>time.ParseDuration</c>: a signed sequence of
/// decimal numbers with units ns, us (µs), ms, s, m, h, such as "10s", "1m30s", "1.5h"; "0" alone is zero.
/// </summary>
internal static partial class GoDuration
{
    private static readonly Dictionary<string, decimal> NanosecondsPerUnit = new(StringComparer.Ordinal)
    {
        ["ns"] = 1m,
        ["us"] = 1_000m,
        ["µs"] = 1_000m,
        ["μs"] = 1_000m,
        ["ms"] = 1_000_000m,
        ["s"] = 1_000_000_000m,
        ["m"] = 60_000_000_000m,
        ["h"] = 3_600_000_000_000m,
    };

    public static decimal? TryParseNanoseconds(string text)
    {
        var sign = 1m;
        var rest = text;
        if (rest.StartsWith('-') || rest.StartsWith('+'))
        {
            sign = rest[0] == '-' ? -1m : 1m;
            rest = rest[1..];
        }

        if (rest == "0")
        {
            return 0m;
        }

        var matches = Component().Matches(rest);
        if (rest.Length == 0 || matches.Sum(match => match.Length) != rest.Length)
        {
            return null;
        }

        var total = 0m;
        foreach (Match match in matches)
        {
            var number = match.Groups["number"].Value;
            if (number is "." || !decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount)
                || !NanosecondsPerUnit.TryGetValue(match.Groups["unit"].Value, out var scale))
            {
                return null;
            }

            total += amount * scale;
        }

        return sign * total;
    }

    [GeneratedRegex(@"\G(?<number>[0-9]*\.?[0-9]*)(?<unit>[a-zµμ]+)", RegexOptions.CultureInvariant)]
    private static partial Regex Component();
}
