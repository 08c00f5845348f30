using System.Globalization;
using System.Text;
using YamlDotNet.RepresentationModel;

namespace Frontend.Infra.Tests.BadInput;

/// <summary>
/// What <c>pulumi config set</c> and <c>pulumi config rm</c> do to a stack file, for the commands the program's fix
/// hints give: a top-level key (<c>frontend:key value</c>) or a path (<c>--path 'versions[1].weight' 10</c>), with
/// <c>--type string</c>, <c>--secret</c> and <c>--stack</c>. Like Pulumi, a path creates the maps and list items it
/// walks into, and stores <c>true</c>, <c>false</c> and whole numbers as such unless the type is string.
/// </summary>
internal static class PulumiConfigSet
{
    /// <summary>Applies <paramref name="command"/> to the stack file; false when it is not a config set or rm command.</summary>
    public static bool TryApply(string stackFile, string projectName, string command)
    {
        var words = Words(command);
        if (words.Count < 4 || words[0] != "pulumi" || words[1] != "config" || words[2] is not ("set" or "rm"))
        {
            return false;
        }

        var remove = words[2] == "rm";
        string? path = null;
        string? type = null;
        var secret = false;
        var positional = new List<string>();
        for (var i = 3; i < words.Count; i++)
        {
            switch (words[i])
            {
                case "--path": path = words[++i]; break;
                case "--type": type = words[++i]; break;
                case "--stack": i++; break;
                case "--secret": secret = true; break;
                default: positional.Add(words[i]); break;
            }
        }

        var key = path ?? positional[0];
        var value = remove ? null : positional[path is null ? 1 : 0];
        var yaml = new YamlStream();
        using (var reader = new StreamReader(stackFile))
        {
            yaml.Load(reader);
        }

        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        var config = root.Children.TryGetValue(new YamlScalarNode("config"), out var node) ? (YamlMappingNode)node : Add(root, "config", new YamlMappingNode());
        var segments = Segments(key);
        var topKey = segments[0].Contains(':', StringComparison.Ordinal) ? segments[0] : $"{projectName}:{segments[0]}";
        var leaf = value is null ? null : Scalar(value, path is null ? "string" : type, secret);
        if (segments.Count == 1)
        {
            Set(config, topKey, leaf);
        }
        else
        {
            YamlNode parent = config.Children.TryGetValue(new YamlScalarNode(topKey), out var existing) ? existing : Add(config, topKey, NewContainer(segments[1]));
            for (var i = 1; i < segments.Count - 1; i++)
            {
                parent = Child(parent, segments[i], segments[i + 1]);
            }

            SetIn(parent, segments[^1], leaf);
        }

        var text = new StringBuilder();
        using (var writer = new StringWriter(text, CultureInfo.InvariantCulture))
        {
            yaml.Save(writer, assignAnchors: false);
        }

        File.WriteAllText(stackFile, text.ToString().Replace("...\n", "", StringComparison.Ordinal));
        return true;
    }

    private static YamlNode Scalar(string value, string? type, bool secret)
    {
        if (secret)
        {
            return new YamlMappingNode(new YamlScalarNode("secure"), new YamlScalarNode("v1:set-by-the-test"));
        }

        var typed = type != "string" && (value is "true" or "false" || long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _));
        return new YamlScalarNode(value) { Style = typed ? YamlDotNet.Core.ScalarStyle.Plain : YamlDotNet.Core.ScalarStyle.DoubleQuoted };
    }

    private static YamlNode NewContainer(string nextSegment) => nextSegment.StartsWith('[') ? new YamlSequenceNode() : new YamlMappingNode();

    private static YamlNode Child(YamlNode parent, string segment, string nextSegment)
    {
        if (segment.StartsWith('['))
        {
            var list = (YamlSequenceNode)parent;
            var index = int.Parse(segment[1..^1], CultureInfo.InvariantCulture);
            while (list.Children.Count <= index)
            {
                list.Add(NewContainer(nextSegment));
            }

            return list.Children[index];
        }

        var map = (YamlMappingNode)parent;
        return map.Children.TryGetValue(new YamlScalarNode(segment), out var child) ? child : Add(map, segment, NewContainer(nextSegment));
    }

    private static void SetIn(YamlNode parent, string segment, YamlNode? value)
    {
        if (segment.StartsWith('['))
        {
            var list = (YamlSequenceNode)parent;
            var index = int.Parse(segment[1..^1], CultureInfo.InvariantCulture);
            if (value is null)
            {
                list.Children.RemoveAt(index);
                return;
            }

            while (list.Children.Count <= index)
            {
                list.Add(new YamlScalarNode(""));
            }

            list.Children[index] = value;
            return;
        }

        Set((YamlMappingNode)parent, segment, value);
    }

    private static void Set(YamlMappingNode map, string key, YamlNode? value)
    {
        if (value is null)
        {
            map.Children.Remove(new YamlScalarNode(key));
        }
        else
        {
            map.Children[new YamlScalarNode(key)] = value;
        }
    }

    private static T Add<T>(YamlMappingNode map, string key, T value)
        where T : YamlNode
    {
        map.Add(new YamlScalarNode(key), value);
        return value;
    }

    /// <summary><c>versions[1].weight</c> as <c>versions</c>, <c>[1]</c>, <c>weight</c>.</summary>
    private static List<string> Segments(string path)
    {
        var segments = new List<string>();
        foreach (var part in path.Split('.'))
        {
            var bracket = part.IndexOf('[', StringComparison.Ordinal);
            segments.Add(bracket < 0 ? part : part[..bracket]);
            for (var rest = bracket < 0 ? "" : part[bracket..]; rest.Length > 0; rest = rest[(rest.IndexOf(']', StringComparison.Ordinal) + 1)..])
            {
                segments.Add(rest[..(rest.IndexOf(']', StringComparison.Ordinal) + 1)]);
            }
        }

        return [.. segments.Where(s => s.Length > 0)];
    }

    /// <summary>A shell's words: single quotes group and are removed.</summary>
    private static List<string> Words(string command)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        var any = false;
        foreach (var c in command)
        {
            if (c == '\'')
            {
                quoted = !quoted;
                any = true;
            }
            else if (c == ' ' && !quoted)
            {
                if (any)
                {
                    words.Add(current.ToString());
                }

                current.Clear();
                any = false;
            }
            else
            {
                current.Append(c);
                any = true;
            }
        }

        if (any)
        {
            words.Add(current.ToString());
        }

        return words;
    }
}
