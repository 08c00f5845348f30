using Frontend.Analysis.Manifests;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Frontend.Analysis.Yaml;

/// <summary>Reads multi-document YAML into manifest-shaped trees (see <see cref="ManifestTree"/>).</summary>
internal static class YamlTreeReader
{
    public static IReadOnlyList<object?> ReadDocuments(string yaml, string source)
    {
        var parser = new Parser(new StringReader(yaml));
        var documents = new List<object?>();
        try
        {
            parser.Consume<StreamStart>();
            while (parser.TryConsume<DocumentStart>(out _))
            {
                var document = ReadNode(parser, new Dictionary<string, object?>(StringComparer.Ordinal));
                parser.Consume<DocumentEnd>();
                if (document is not null)
                {
                    documents.Add(document);
                }
            }

            parser.Consume<StreamEnd>();
        }
        catch (YamlException exception)
        {
            throw new ManifestException($"{source}: invalid YAML at line {exception.Start.Line}: {exception.Message}", exception);
        }

        return documents;
    }

    private static object? ReadNode(IParser parser, Dictionary<string, object?> anchors)
    {
        if (parser.TryConsume<AnchorAlias>(out var alias))
        {
            return anchors.TryGetValue(alias.Value.Value, out var target)
                ? target
                : throw new ManifestException($"unknown YAML alias *{alias.Value.Value}");
        }

        if (parser.TryConsume<Scalar>(out var scalar))
        {
            object? value = scalar.Style == ScalarStyle.Plain && !(!scalar.Tag.IsEmpty && !scalar.Tag.IsNonSpecific && scalar.Tag.Value.EndsWith(":str", StringComparison.Ordinal))
                ? YamlScalars.ResolvePlain(scalar.Value)
                : scalar.Value;
            Remember(anchors, scalar.Anchor, value);
            return value;
        }

        if (parser.TryConsume<SequenceStart>(out var sequenceStart))
        {
            var items = new List<object?>();
            while (!parser.TryConsume<SequenceEnd>(out _))
            {
                items.Add(ReadNode(parser, anchors));
            }

            var list = items.AsReadOnly();
            Remember(anchors, sequenceStart.Anchor, list);
            return list;
        }

        var mappingStart = parser.Consume<MappingStart>();
        var entries = new List<(string Key, object? Value)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            var key = ReadNode(parser, anchors) switch
            {
                string text => text,
                null => "null",
                var other => Convert.ToString(other, System.Globalization.CultureInfo.InvariantCulture) ?? "",
            };
            if (!seen.Add(key))
            {
                throw new ManifestException($"duplicate key '{key}' at line {mappingStart.Start.Line}");
            }

            entries.Add((key, ReadNode(parser, anchors)));
        }

        var map = ManifestTree.FromParsedEntries(entries);
        Remember(anchors, mappingStart.Anchor, map);
        return map;
    }

    private static void Remember(Dictionary<string, object?> anchors, AnchorName anchor, object? value)
    {
        if (!anchor.IsEmpty)
        {
            anchors[anchor.Value] = value;
        }
    }
}
