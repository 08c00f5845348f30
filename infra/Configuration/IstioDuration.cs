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

    /// <summary>The duration to the tick (100ns, truncated); false for text that is no duration or past TimeSpan's range.</summary>
    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (Nanoseconds(text) is not { } nanoseconds)
        {
            return false;
        }

        duration = TimeSpan.FromTicks((long)(nanoseconds / 100m));
        return true;
    }

    private static readonly Dictionary<string, decimal> NanosecondsPerUnit = new(StringComparer.Ordinal)
    {
        ["h"] = 3_600_000_000_000m,
        ["m"] = 60_000_000_000m,
        ["s"] = 1_000_000_000m,
        ["ms"] = 1_000_000m,
        ["us"] = 1_000m,
        ["µs"] = 1_000m,
        ["ns"] = 1m,
    };

    /// <summary>
    /// Istio refuses a duration finer than a millisecond (<c>1500us</c>, <c>1.5ms</c>); counted exactly, in
    /// nanoseconds, because a tick (100ns) would hide <c>1000001ns</c>. False for text that is no duration.
    /// </summary>
    public static bool IsWholeMilliseconds(string text) => Nanoseconds(text) is { } nanoseconds && nanoseconds % 1_000_000m == 0;

    /// <summary>The whole milliseconds at or above the duration (<c>1500us</c> is 2): the nearest value Istio takes that is not shorter.</summary>
    public static decimal? CeilingMilliseconds(string text) => Nanoseconds(text) is { } nanoseconds ? decimal.Ceiling(nanoseconds / 1_000_000m) : null;

    /// <summary>Null for text that is no duration, and for one past what a TimeSpan holds.</summary>
    private static decimal? Nanoseconds(string text)
    {
        if (!Whole().IsMatch(text))
        {
            return null;
        }

        var nanoseconds = 0m;
        foreach (Match part in Part().Matches(text))
        {
            // A part is at most about 3.6e24ns, so stopping past the range keeps the sum far from decimal's limit
            // however many parts a pasted value repeats.
            nanoseconds += decimal.Parse(part.Groups["n"].Value, CultureInfo.InvariantCulture) * NanosecondsPerUnit[part.Groups["unit"].Value];
            if (nanoseconds / 100m > TimeSpan.MaxValue.Ticks)
            {
                return null;
            }
        }

        return nanoseconds;
    }

    [GeneratedRegex(@"^([0-9]{1,12}(\.[0-9]{1,9})?(h|ms|m|s|us|µs|ns))+$", RegexOptions.CultureInvariant)]
    private static partial Regex Whole();

    [GeneratedRegex(@"(?<n>[0-9]{1,12}(\.[0-9]{1,9})?)(?<unit>h|ms|m|s|us|µs|ns)", RegexOptions.CultureInvariant)]
    private static partial Regex Part();
}
