using System.Collections.Immutable;

namespace Frontend.Infra.Tests.Testing;

/// <summary>Reads the nested shape Pulumi hands the mocks: dictionaries, arrays, numbers as doubles.</summary>
internal static class Inputs
{
    public static object? At(this IReadOnlyDictionary<string, object> inputs, string path)
    {
        object? current = inputs;
        foreach (var segment in path.Split('.'))
        {
            current = current switch
            {
                IReadOnlyDictionary<string, object> map => map.GetValueOrDefault(segment),
                ImmutableArray<object> list when int.TryParse(segment, out var i) => i < list.Length ? list[i] : null,
                _ => null,
            };
        }

        return current;
    }

    public static ImmutableDictionary<string, object> Map(this IReadOnlyDictionary<string, object> inputs, string path) =>
        (ImmutableDictionary<string, object>)(inputs.At(path) ?? throw new KeyNotFoundException(path));

    public static ImmutableArray<object> List(this IReadOnlyDictionary<string, object> inputs, string path) =>
        (ImmutableArray<object>)(inputs.At(path) ?? throw new KeyNotFoundException(path));

    public static IReadOnlyDictionary<string, string> Labels(this IReadOnlyDictionary<string, object> inputs, string path) =>
        inputs.Map(path).ToImmutableSortedDictionary(kv => kv.Key, kv => (string)kv.Value, StringComparer.Ordinal);
}
