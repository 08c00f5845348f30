using System.Globalization;

namespace Frontend.Analysis.Schema;

/// <summary>Short, single-line renderings of tree values for messages.</summary>
internal static class ValueText
{
    public static string Of(object? value) => value switch
    {
        null => "null",
        string text => $"\"{text}\"",
        bool flag => flag ? "true" : "false",
        long number => number.ToString(CultureInfo.InvariantCulture),
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        IReadOnlyDictionary<string, object?> map => map.Count == 0 ? "{}" : $"{{{string.Join(", ", map.Keys)}}}",
        IReadOnlyList<object?> list => $"[{list.Count} item{(list.Count == 1 ? "" : "s")}]",
        _ => value.ToString() ?? "",
    };

    public static string TypeName(object? value) => value switch
    {
        null => "null",
        string => "string",
        bool => "boolean",
        long => "integer",
        double => "number",
        IReadOnlyDictionary<string, object?> => "object",
        IReadOnlyList<object?> => "array",
        _ => value.GetType().Name,
    };
}
