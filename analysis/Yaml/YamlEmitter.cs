using System.Text;
using Frontend.Analysis.Manifests;

namespace Frontend.Analysis.Yaml;

/// <summary>
/// Block-style YAML for a manifest tree, two spaces per level, sequences at their parent key's indent (the
/// layout kubectl and Pulumi's renderer produce). Keys come out in the tree's canonical order.
/// </summary>
internal static class YamlEmitter
{
    private const string Indent = "  ";

    public static string Emit(IReadOnlyDictionary<string, object?> document)
    {
        var builder = new StringBuilder();
        WriteMap(builder, document, "", "");
        return builder.ToString();
    }

    private static void WriteMap(StringBuilder builder, IReadOnlyDictionary<string, object?> map, string indent, string path)
    {
        var first = true;
        foreach (var key in ManifestTree.CanonicalKeyOrder(map.Keys, path))
        {
            // The first key of a map that is a sequence item shares the line with its "- ".
            if (!first || indent.Length == 0 || !builder.EndsWithDash())
            {
                builder.Append(indent);
            }

            first = false;
            builder.Append(YamlScalars.FormatString(key)).Append(':');
            WriteValueAfterKey(builder, map[key], indent, ManifestTree.ChildPath(path, key));
        }
    }

    private static void WriteValueAfterKey(StringBuilder builder, object? value, string indent, string path)
    {
        switch (value)
        {
            case IReadOnlyDictionary<string, object?> { Count: > 0 } map:
                builder.Append('\n');
                WriteMap(builder, map, indent + Indent, path);
                break;
            case IReadOnlyList<object?> { Count: > 0 } list:
                builder.Append('\n');
                WriteList(builder, list, indent, path);
                break;
            default:
                builder.Append(' ').Append(FormatLeaf(value)).Append('\n');
                break;
        }
    }

    private static void WriteList(StringBuilder builder, IReadOnlyList<object?> list, string indent, string path)
    {
        for (var index = 0; index < list.Count; index++)
        {
            builder.Append(indent).Append("- ");
            var itemPath = $"{path}[{index}]";
            switch (list[index])
            {
                case IReadOnlyDictionary<string, object?> { Count: > 0 } map:
                    WriteMap(builder, map, indent + Indent, itemPath);
                    break;
                case IReadOnlyList<object?> { Count: > 0 } nested:
                    builder.Length -= 1;
                    builder.Append('\n');
                    WriteList(builder, nested, indent + Indent, itemPath);
                    break;
                default:
                    builder.Append(FormatLeaf(list[index])).Append('\n');
                    break;
            }
        }
    }

    private static string FormatLeaf(object? value) => value switch
    {
        null => "null",
        string text => YamlScalars.FormatString(text),
        bool flag => flag ? "true" : "false",
        long number => YamlScalars.FormatNumber(number),
        double number => YamlScalars.FormatNumber(number),
        IReadOnlyDictionary<string, object?> => "{}",
        IReadOnlyList<object?> => "[]",
        _ => throw new ManifestException($"cannot write a value of type {value.GetType().Name} as YAML"),
    };

    private static bool EndsWithDash(this StringBuilder builder) =>
        builder.Length >= 2 && builder[^1] == ' ' && builder[^2] == '-';
}
