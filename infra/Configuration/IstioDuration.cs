using System.Globalization;
using System.Text.RegularExpressions;

namespace Frontend.Infra.Configuration;

/// <summary>
/// Durations as Istio takes them (protobuf Duration in Go syntax: <c>10s</c>, <c>1m30s</c>, <c>500ms</c>),
/// which its CRD schema requires to be at least 1ms.
/// </summary>
internal static partial class IstioDuration
{
    public static readonly TimeSpan Minimum = TimeSpan.FromMilliseconds(1);

    private static readonly Dictionary<string, double> TicksPerUnit = new(StringComparer.Ordinal)
    {
        ["h"] = TimeSpan.TicksPerHour,
        ["m"] = TimeSpan.TicksPerMinute,
        ["s"] = TimeSpan.TicksPerSecond,
        ["ms"] = TimeSpan.TicksPerMillisecond,
        ["us"] = TimeSpan.TicksPerMillisecond / 1000.0,
        ["µs"] = TimeSpan.TicksPerMillisecond / 1000.0,
        ["ns"] = TimeSpan.TicksPerMillisecond / 1_000_000.0,
    };

    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (!Whole().IsMatch(text))
        {
            return false;
        }

        double ticks = 0;
        foreach (Match part in Part().Matches(text))
        {
            ticks += double.Parse(part.Groups["n"].Value, CultureInfo.InvariantCulture) * TicksPerUnit[part.Groups["unit"].Value];
        }

        if (ticks > TimeSpan.MaxValue.Ticks)
        {
            return false;
        }

        duration = TimeSpan.FromTicks((long)ticks);
        return true;
    }

    [GeneratedRegex(@"^([0-9]{1,12}(\.[0-9]{1,9})?(h|ms|m|s|us|µs|ns))+$", RegexOptions.CultureInvariant)]
    private static partial Regex Whole();

    [GeneratedRegex(@"(?<n>[0-9]{1,12}(\.[0-9]{1,9})?)(?<unit>h|ms|m|s|us|µs|ns)", RegexOptions.CultureInvariant)]
    private static partial Regex Part();
}
