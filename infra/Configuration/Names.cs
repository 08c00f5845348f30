using System.Text.RegularExpressions;

namespace Frontend.Infra.Configuration;

/// <summary>The naming rules Kubernetes and Istio apply to the names this stack takes from config.</summary>
internal static partial class Names
{
    public const int MaxLabelLength = 63;

    /// <summary>DNS-1123 label: namespaces, subset and version names, label values.</summary>
    public static bool IsDns1123Label(string value) => value.Length <= MaxLabelLength && Dns1123Label().IsMatch(value);

    /// <summary>DNS-1035 label: Service names, which must start with a letter.</summary>
    public static bool IsDns1035Label(string value) => value.Length <= MaxLabelLength && Dns1035Label().IsMatch(value);

    /// <summary>A suggestion that satisfies DNS-1123: lower case, other characters as '-'.</summary>
    public static string ToDns1123Label(string value)
    {
        var cleaned = NotDnsCharacters().Replace(value.ToLowerInvariant(), "-").Trim('-');
        cleaned = cleaned.Length > MaxLabelLength ? cleaned[..MaxLabelLength].TrimEnd('-') : cleaned;
        return cleaned.Length == 0 ? "v1" : cleaned;
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex Dns1123Label();

    [GeneratedRegex("^[a-z]([-a-z0-9]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex Dns1035Label();

    [GeneratedRegex("[^a-z0-9-]+", RegexOptions.CultureInvariant)]
    private static partial Regex NotDnsCharacters();
}
