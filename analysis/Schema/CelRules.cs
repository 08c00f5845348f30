using System.Globalization;
using System.Text.RegularExpressions;

namespace Frontend.Analysis.Schema;

/// <summary>
/// The CEL rules (<c>x-kubernetes-validations</c>) that Istio's DestinationRule, VirtualService, Gateway and
/// PeerAuthentication schemas carry, each recognised by its exact text (whitespace collapsed) or, for Gateway's
/// "at most one of two fields", by its shape, and checked by a small C# equivalent with Kubernetes' semantics
/// (<c>has()</c> is key presence, <c>int()</c> reads base 10 only, <c>duration()</c> is Go's). The <c>Cel</c>
/// package, as it comes, disagrees with Kubernetes on those three (analysis/README.md); every other rule (the
/// Gateway API's) goes to <see cref="CelInterpreter"/>, which runs the package with them restored. A rule neither
/// can evaluate is reported as not checked, never passed.
/// </summary>
internal static partial class CelRules
{
    private const decimal OneMillisecondInNanoseconds = 1_000_000m;

    private static readonly Dictionary<string, Func<object?, bool>> Recognised = new(StringComparer.Ordinal)
    {
        ["duration(self) >= duration('1ms')"] = self =>
            self is string text && GoDuration.TryParseNanoseconds(text) is { } nanoseconds && nanoseconds >= OneMillisecondInNanoseconds,
        ["!self.contains(\"*\")"] = self => self is string text && !text.Contains('*', StringComparison.Ordinal),
        ["self.all(key, !key.contains(\"*\"))"] = self => Keys(self).All(key => !key.Contains('*', StringComparison.Ordinal)),
        ["self.all(key, key.size() != 0)"] = self => Keys(self).All(key => key.Length != 0),
        ["self.all(key, 0 < int(key) && int(key) <= 65535)"] = self => Keys(self).All(IsPortNumber),
        ["0 < self && self <= 65535"] = self => self is long port && port is > 0 and <= 65535,
        ["has(self.portLevelMtls) ? (((has(self.selector) && has(self.selector.matchLabels)) ? self.selector.matchLabels : {}).size() > 0) : true"] =
            PortLevelMtlsHasSelector,
    };

    /// <summary>True when the rule holds, false when it fails, null when the rule text is not recognised.</summary>
    public static bool? Evaluate(string rule, object? self)
    {
        var normalised = Normalise(rule);
        if (Recognised.TryGetValue(normalised, out var check))
        {
            return check(self);
        }

        // The Gateway's TLS settings: "(has(self.a) ? 1 : 0) + (has(self.b) ? 1 : 0) <= 1", at most one of two fields.
        return AtMostOneOf().Match(normalised) is { Success: true } pair
            ? !(Has(self, pair.Groups["first"].Value) && Has(self, pair.Groups["second"].Value))
            : null;
    }

    /// <summary>
    /// The rule evaluated on <paramref name="self"/>, whose schema is <paramref name="schema"/>: by its recognised
    /// text, else by <see cref="CelInterpreter"/>. Holds is null when neither could evaluate it, and Reason says why.
    /// </summary>
    public static (bool? Holds, string? Reason) Check(string rule, object? self, IReadOnlyDictionary<string, object?>? schema)
    {
        var normalised = Normalise(rule);
        return Evaluate(normalised, self) is { } recognised
            ? (recognised, null)
            : CelInterpreter.Evaluate(normalised, self, schema);
    }

    public static string Normalise(string rule) => Whitespace().Replace(rule.Trim(), " ");

    // Kubernetes evaluates has() on an object as "the key is present", so an empty list or "" still counts.
    private static bool Has(object? self, string field) =>
        self is IReadOnlyDictionary<string, object?> map && map.ContainsKey(field);

    private static IEnumerable<string> Keys(object? self) =>
        self is IReadOnlyDictionary<string, object?> map ? map.Keys : [];

    private static bool IsPortNumber(string key) =>
        long.TryParse(key, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535;

    private static bool PortLevelMtlsHasSelector(object? self)
    {
        if (self is not IReadOnlyDictionary<string, object?> spec || !spec.ContainsKey("portLevelMtls"))
        {
            return true;
        }

        return spec.GetValueOrDefault("selector") is IReadOnlyDictionary<string, object?> selector
            && selector.GetValueOrDefault("matchLabels") is IReadOnlyDictionary<string, object?> { Count: > 0 };
    }

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"^\(has\(self\.(?<first>[A-Za-z0-9_]+)\) \? 1 : 0\) \+ \(has\(self\.(?<second>[A-Za-z0-9_]+)\) \? 1 : 0\) <= 1$", RegexOptions.CultureInvariant)]
    private static partial Regex AtMostOneOf();
}
