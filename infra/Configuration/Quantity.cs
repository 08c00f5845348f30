using System.Globalization;
using System.Text.RegularExpressions;

namespace Frontend.Infra.Configuration;

/// <summary>Kubernetes resource quantities (<c>250m</c>, <c>1.5</c>, <c>128Mi</c>, <c>1G</c>), as numbers to compare.</summary>
internal static partial class Quantity
{
    private static readonly Dictionary<string, decimal> Multipliers = new(StringComparer.Ordinal)
    {
        [""] = 1m,
        ["m"] = 0.001m,
        ["u"] = 0.000001m,
        ["n"] = 0.000000001m,
        ["k"] = 1e3m,
        ["M"] = 1e6m,
        ["G"] = 1e9m,
        ["T"] = 1e12m,
        ["P"] = 1e15m,
        ["E"] = 1e18m,
        ["Ki"] = 1024m,
        ["Mi"] = 1024m * 1024,
        ["Gi"] = 1024m * 1024 * 1024,
        ["Ti"] = 1024m * 1024 * 1024 * 1024,
        ["Pi"] = 1024m * 1024 * 1024 * 1024 * 1024,
        ["Ei"] = 1024m * 1024 * 1024 * 1024 * 1024 * 1024,
    };

    public static bool TryParse(string text, out decimal value)
    {
        value = 0;
        var match = Pattern().Match(text);
        if (!match.Success || !decimal.TryParse(match.Groups["number"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }

        value = number * Multipliers[match.Groups["suffix"].Value];
        return true;
    }

    private static readonly (decimal Scale, string Suffix)[] DecimalSuffixes =
    [
        (1e18m, "E"), (1e15m, "P"), (1e12m, "T"), (1e9m, "G"), (1e6m, "M"), (1e3m, "k"), (1m, ""), (0.001m, "m"), (0.000001m, "u"), (0.000000001m, "n"),
    ];

    /// <summary>
    /// A number as Kubernetes writes it back in canonical form for a plain-number (decimal SI) quantity: the
    /// largest power-of-1000 suffix that keeps the mantissa whole (<c>0.25</c> is <c>250m</c>, <c>1</c> is <c>1</c>,
    /// <c>1500</c> is <c>1500</c>, <c>2000</c> is <c>2k</c>, <c>134217728</c> is <c>134217728</c>). A number finer than
    /// a nanounit is written as typed; the quantity rule then refuses it.
    /// </summary>
    public static string Canonical(decimal number)
    {
        if (number == 0)
        {
            return "0";
        }

        foreach (var (scale, suffix) in DecimalSuffixes)
        {
            var mantissa = number / scale;
            if (mantissa == decimal.Truncate(mantissa))
            {
                return decimal.Truncate(mantissa).ToString(CultureInfo.InvariantCulture) + suffix;
            }
        }

        return number.ToString(CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"^(?<number>[0-9]{1,15}(\.[0-9]{1,9})?)(?<suffix>n|u|m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
