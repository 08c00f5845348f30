using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Frontend.Cli.Rollout;

/// <summary>A node of the first document, with where it sits in the text.</summary>
internal abstract record YamlNode(int Start, int End);

/// <summary>A scalar, with the anchor and tag it carries (null when none) and the characters it spans.</summary>
internal sealed record YamlScalar(int Start, int End, string Value, ScalarStyle Style, string? Anchor, string? Tag) : YamlNode(Start, End);

internal sealed record YamlSequence(int Start, int End, IReadOnlyList<YamlNode> Items, string? Anchor) : YamlNode(Start, End);

internal sealed record YamlMapping(int Start, int End, IReadOnlyList<(YamlNode Key, YamlNode Value)> Entries, string? Anchor) : YamlNode(Start, End);

/// <summary>An alias (<c>*name</c>) kept as such: the editor must see it rather than the value it stands for.</summary>
internal sealed record YamlAlias(int Start, int End, string Name) : YamlNode(Start, End);

/// <summary>
/// YamlDotNet's event stream as a tree that keeps what its representation model resolves away (aliases
/// stay aliases, duplicate keys stay duplicates) and every node's character range in the text.
/// </summary>
internal static class YamlTree
{
    /// <summary>Nothing in a stack file nests this deep; a hostile file cannot exhaust the stack.</summary>
    private const int MaxDepth = 256;

    /// <summary>The first document's root; an empty map for an empty file.</summary>
    public static YamlNode Read(string text)
    {
        var parser = new Parser(new StringReader(text));
        parser.Consume<StreamStart>();
        if (parser.TryConsume<StreamEnd>(out _))
        {
            return new YamlMapping(0, 0, [], null);
        }

        parser.Consume<DocumentStart>();
        return Node(parser, 0);
    }

    private static YamlNode Node(IParser parser, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new YamlException(parser.Current!.Start, parser.Current.End, $"nested more than {MaxDepth} levels deep");
        }

        if (parser.TryConsume<Scalar>(out var scalar))
        {
            return new YamlScalar(Index(scalar.Start), Index(scalar.End), scalar.Value, scalar.Style, Name(scalar.Anchor), Tag(scalar));
        }

        if (parser.TryConsume<AnchorAlias>(out var alias))
        {
            return new YamlAlias(Index(alias.Start), Index(alias.End), alias.Value.Value);
        }

        if (parser.TryConsume<SequenceStart>(out var sequenceStart))
        {
            var items = new List<YamlNode>();
            while (!parser.TryConsume<SequenceEnd>(out _))
            {
                items.Add(Node(parser, depth + 1));
            }

            return new YamlSequence(Index(sequenceStart.Start), Index(sequenceStart.End), items, Name(sequenceStart.Anchor));
        }

        var mappingStart = parser.Consume<MappingStart>();
        var entries = new List<(YamlNode, YamlNode)>();
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            var key = Node(parser, depth + 1);
            entries.Add((key, Node(parser, depth + 1)));
        }

        return new YamlMapping(Index(mappingStart.Start), Index(mappingStart.End), entries, Name(mappingStart.Anchor));
    }

    /// <summary>Plain and quoted scalars carry no tag of their own; an explicit one (<c>!!str</c>) changes what the value means.</summary>
    private static string? Tag(Scalar scalar) => scalar.Tag.IsEmpty || scalar.Tag.IsNonSpecific ? null : scalar.Tag.Value;

    /// <summary>An absent anchor has no name to read (its Value throws).</summary>
    private static string? Name(AnchorName anchor) => anchor.IsEmpty ? null : anchor.Value;

    private static int Index(Mark mark) => checked((int)mark.Index);
}
