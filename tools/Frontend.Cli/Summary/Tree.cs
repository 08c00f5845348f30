using System.Globalization;

namespace Frontend.Cli.Summary;

/// <summary>Reads from manifest trees (maps, lists, scalars) that answer "absent" for a missing key or another shape.</summary>
internal static class Tree
{
    public static IReadOnlyDictionary<string, object?>? Map(this IReadOnlyDictionary<string, object?>? map, string key) =>
        map?.GetValueOrDefault(key) as IReadOnlyDictionary<string, object?>;

    public static IReadOnlyList<IReadOnlyDictionary<string, object?>> Maps(this IReadOnlyDictionary<string, object?>? map, string key) =>
        (map?.GetValueOrDefault(key) as IReadOnlyList<object?> ?? []).OfType<IReadOnlyDictionary<string, object?>>().ToList();

    public static string? Text(this IReadOnlyDictionary<string, object?>? map, string key) =>
        map?.GetValueOrDefault(key) is { } value and not IReadOnlyDictionary<string, object?> and not IReadOnlyList<object?> ? Scalar(value) : null;

    public static IReadOnlyDictionary<string, string> Labels(this IReadOnlyDictionary<string, object?>? map, string key) =>
        (map.Map(key) ?? new Dictionary<string, object?>())
            .Where(pair => pair.Value is string)
            .ToDictionary(pair => pair.Key, pair => (string)pair.Value!, StringComparer.Ordinal);

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
