using System.Globalization;

namespace Frontend.Analysis.Manifests;

/// <summary>Typed reads from manifest trees that answer "absent" for a missing key or a value of another shape.</summary>
internal static class TreeValues
{
    private static readonly IReadOnlyDictionary<string, object?> EmptyMap = new Dictionary<string, object?>();

    public static IReadOnlyDictionary<string, object?>? MapAt(this IReadOnlyDictionary<string, object?>? map, string key) =>
        map?.GetValueOrDefault(key) as IReadOnlyDictionary<string, object?>;

    public static IReadOnlyDictionary<string, object?> MapOrEmpty(this IReadOnlyDictionary<string, object?>? map, string key) =>
        map.MapAt(key) ?? EmptyMap;

    public static IReadOnlyList<IReadOnlyDictionary<string, object?>> MapsAt(this IReadOnlyDictionary<string, object?>? map, string key) =>
        (map?.GetValueOrDefault(key) as IReadOnlyList<object?> ?? []).OfType<IReadOnlyDictionary<string, object?>>().ToList();

    public static IReadOnlyList<string> StringsAt(this IReadOnlyDictionary<string, object?>? map, string key) =>
        (map?.GetValueOrDefault(key) as IReadOnlyList<object?> ?? []).OfType<string>().ToList();

    public static string? StringAt(this IReadOnlyDictionary<string, object?>? map, string key) =>
        map?.GetValueOrDefault(key) as string;

    public static long? LongAt(this IReadOnlyDictionary<string, object?>? map, string key) =>
        map?.GetValueOrDefault(key) as long?;

    /// <summary>A string-to-string map such as labels or a selector; entries whose value is not a string are left out.</summary>
    public static IReadOnlyDictionary<string, string> LabelsAt(this IReadOnlyDictionary<string, object?>? map, string key) =>
        map.MapOrEmpty(key)
            .Where(pair => pair.Value is string)
            .ToDictionary(pair => pair.Key, pair => (string)pair.Value!, StringComparer.Ordinal);

    /// <summary>A scalar of any kind as text (<c>90</c>, <c>true</c>, <c>LEAST_REQUEST</c>); null for a map, a list or nothing.</summary>
    public static string? TextAt(this IReadOnlyDictionary<string, object?>? map, string key) =>
        map?.GetValueOrDefault(key) is { } value and not IReadOnlyDictionary<string, object?> and not IReadOnlyList<object?> ? Scalar(value) : null;

    /// <summary>Leaves as <c>path=value</c>, in the tree's (canonical) key order: <c>tcp.maxConnections=100</c>.</summary>
    public static IEnumerable<string> Leaves(object? node, string path = "") => node switch
    {
        IReadOnlyDictionary<string, object?> map => map.SelectMany(pair => Leaves(pair.Value, path.Length == 0 ? pair.Key : $"{path}.{pair.Key}")),
        IReadOnlyList<object?> list => [$"{path}=[{string.Join(", ", list.SelectMany(item => Leaves(item)))}]"],
        null => [],
        _ => [path.Length == 0 ? Scalar(node) : $"{path}={Scalar(node)}"],
    };

    public static string Scalar(object value) => value switch
    {
        bool flag => flag ? "true" : "false",
        long whole => whole.ToString(CultureInfo.InvariantCulture),
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
