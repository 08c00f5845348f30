using System.Globalization;
using System.Text.RegularExpressions;

namespace Frontend.Infra.Configuration;

/// <summary>
/// Durations as PromQL takes them in a range selector (<c>[5m]</c>): whole numbers with the units y, w, d, h,
/// m, s and ms, each at most once and largest first (<c>1h30m</c>). Unlike Istio's, they take no fractions.
/// </summary>
internal static partial class PrometheusDuration
{
    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var match = Whole().Match(text);
        if (text.Length == 0 || !match.Success)
        {
            return false;
        }

        (string Group, double Milliseconds)[] units =
        [
            ("y", 365 * 24 * 3600_000.0), ("w", 7 * 24 * 3600_000.0), ("d", 24 * 3600_000.0),
            ("h", 3600_000.0), ("m", 60_000.0), ("s", 1000.0), ("ms", 1.0),
        ];
        double total = 0;
        foreach (var (group, milliseconds) in units)
        {
            if (match.Groups[group].Success)
            {
                total += double.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) * milliseconds;
            }
        }

        if (total > TimeSpan.MaxValue.TotalMilliseconds)
        {
            return false;
        }

        duration = TimeSpan.FromMilliseconds(total);
        return true;
    }

    [GeneratedRegex(@"^(?:(?<y>[0-9]{1,9})y)?(?:(?<w>[0-9]{1,9})w)?(?:(?<d>[0-9]{1,9})d)?(?:(?<h>[0-9]{1,9})h)?(?:(?<m>[0-9]{1,9})m)?(?:(?<s>[0-9]{1,9})s)?(?:(?<ms>[0-9]{1,9})ms)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Whole();
}
