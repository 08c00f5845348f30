using System.Collections;
using System.Collections.ObjectModel;
using System.Globalization;

namespace Frontend.Analysis.Manifests;

/// <summary>
/// Turns loosely typed object trees into the manifest tree shape, with map keys in canonical order:
/// at the top apiVersion, kind, metadata, spec, then the rest; in metadata name, namespace, then the rest;
/// everywhere else ordinal order. One order for building and writing keeps two writes byte-identical.
/// </summary>
internal static class ManifestTree
{
    private static readonly string[] TopLevelLeaders = ["apiVersion", "kind", "metadata", "spec"];
    private static readonly string[] MetadataLeaders = ["name", "namespace"];

    public static object? Normalise(object? value, string path) => value switch
    {
        null => null,
        string text => text,
        bool flag => flag,
        double number when IsWhole(number) => (long)number,
        double number => number,
        float number when IsWhole(number) => (long)number,
        float number => (double)number,
        decimal number when IsWhole((double)number) => (long)number,
        decimal number => (double)number,
        int or long or short or byte or sbyte or ushort or uint => Convert.ToInt64(value, CultureInfo.InvariantCulture),
        ulong number when number <= long.MaxValue => (long)number,
        IReadOnlyDictionary<string, object?> map => NormaliseMap(map.Select(pair => (pair.Key, (object?)pair.Value)), path),
        IDictionary map => NormaliseMap(EnumerateDictionary(map, path), path),
        IEnumerable list => NormaliseList(list, path),
        _ => throw new ManifestException($"{DisplayPath(path)}: unsupported value of type {value.GetType().Name}"),
    };

    public static IEnumerable<string> CanonicalKeyOrder(IEnumerable<string> keys, string path)
    {
        var leaders = path switch
        {
            "" => TopLevelLeaders,
            "metadata" => MetadataLeaders,
            _ => [],
        };
        var keyList = keys.ToList();
        var ordered = leaders.Where(keyList.Contains).ToList();
        ordered.AddRange(keyList.Where(key => !leaders.Contains(key)).Order(StringComparer.Ordinal));
        return ordered;
    }

    /// <summary>
    /// Keeps a parsed map's keys in document order: maps read back from YAML are re-ordered only when they become
    /// part of a manifest, where <see cref="Normalise"/> applies the canonical order.
    /// </summary>
    public static IReadOnlyDictionary<string, object?> FromParsedEntries(IEnumerable<(string Key, object? Value)> entries)
    {
        var result = new OrderedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in entries)
        {
            result.Add(key, value);
        }

        return new ReadOnlyDictionary<string, object?>(result);
    }

    public static string ChildPath(string parent, string key) => parent.Length == 0 ? key : $"{parent}.{key}";

    internal static bool IsWhole(double number) => double.IsFinite(number) && Math.Floor(number) == number && Math.Abs(number) < 9.2e18;

    private static IEnumerable<(string Key, object? Value)> EnumerateDictionary(IDictionary map, string path)
    {
        foreach (DictionaryEntry entry in map)
        {
            yield return entry.Key is string key
                ? (key, entry.Value)
                : throw new ManifestException($"{DisplayPath(path)}: map keys must be strings");
        }
    }

    private static ReadOnlyDictionary<string, object?> NormaliseMap(IEnumerable<(string Key, object? Value)> entries, string path)
    {
        var source = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in entries)
        {
            source[key] = value;
        }

        var result = new OrderedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var key in CanonicalKeyOrder(source.Keys, path))
        {
            result.Add(key, Normalise(source[key], ChildPath(path, key)));
        }

        return new ReadOnlyDictionary<string, object?>(result);
    }

    private static ReadOnlyCollection<object?> NormaliseList(IEnumerable list, string path)
    {
        var result = new List<object?>();
        var index = 0;
        foreach (var item in list)
        {
            // Lists do not take part in key ordering: a map inside a list is ordered as a nested map.
            result.Add(Normalise(item, $"{path}[{index}]"));
            index++;
        }

        return result.AsReadOnly();
    }

    private static string DisplayPath(string path) => path.Length == 0 ? "(root)" : path;
}
