using System.Globalization;
using System.Text;

namespace Frontend.Infra.Configuration;

/// <summary>
/// The Gateway API's duration (GEP-2257): up to four parts of at most five digits each, in h, m, s or ms, with no
/// fractions (<c>1s500ms</c>, not <c>1.5s</c>). Config keeps Istio's syntax, so both APIs read the same stack file; an
/// Istio duration in whole milliseconds always has this form unless one part would need six digits.
/// </summary>
internal static class GatewayApiDuration
{
    private const long MaxPart = 99_999;

    /// <summary>The same duration in the Gateway API's syntax; null when it has none (finer than 1ms, or 100,000h or more).</summary>
    public static string? From(string istioDuration)
    {
        if (!IstioDuration.IsWholeMilliseconds(istioDuration) || !IstioDuration.TryParse(istioDuration, out var duration))
        {
            return null;
        }

        var hours = (long)duration.TotalHours;
        if (hours > MaxPart)
        {
            return null;
        }

        var text = new StringBuilder();
        Part(text, hours, "h");
        Part(text, duration.Minutes, "m");
        Part(text, duration.Seconds, "s");
        Part(text, duration.Milliseconds, "ms");
        return text.Length == 0 ? "0s" : text.ToString();
    }

    private static void Part(StringBuilder text, long value, string unit)
    {
        if (value > 0)
        {
            text.Append(value.ToString(CultureInfo.InvariantCulture)).Append(unit);
        }
    }
}
