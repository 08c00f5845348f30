using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Frontend.Cli.Stacks;

/// <summary>
/// Reads <c>Pulumi.yaml</c> and <c>Pulumi.&lt;stack&gt;.yaml</c> the way the Pulumi CLI does for a program:
/// project-level values first, the stack's values over them, every key in the project's namespace
/// unless it names one, structured values as JSON text. Secrets cannot be decrypted without the stack's
/// secrets provider, so each becomes a visible placeholder and is listed.
/// </summary>
internal static class StackFiles
{
    public const string SecretPlaceholder = Frontend.Infra.Configuration.SecretRules.OfflinePlaceholder;

    /// <summary>The folder holding Pulumi.yaml: <paramref name="start"/> or the nearest one above it.</summary>
    public static string FindProjectDirectory(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Pulumi.yaml")))
            {
                return dir.FullName;
            }
        }

        throw new StackFileException($"No Pulumi.yaml in {start} or any folder above it: run from the repository (or a folder inside it).");
    }

    public static StackSettings Load(string projectDirectory, string stack)
    {
        var projectFile = Path.Combine(projectDirectory, "Pulumi.yaml");
        var project = ReadMapping(projectFile);
        var projectName = Scalar(project, "name") ?? throw new StackFileException($"{projectFile} has no 'name'.");

        var stackFile = Path.Combine(projectDirectory, $"Pulumi.{stack}.yaml");
        if (!File.Exists(stackFile))
        {
            var known = Directory.EnumerateFiles(projectDirectory, "Pulumi.*.yaml")
                .Select(f => Path.GetFileName(f)["Pulumi.".Length..^".yaml".Length])
                .Order(StringComparer.Ordinal);
            throw new StackFileException($"No stack file {stackFile}. Stacks here: {string.Join(", ", known)}.");
        }

        var config = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var secrets = new SortedSet<string>(StringComparer.Ordinal);
        var declaredWithoutDefault = new SortedSet<string>(StringComparer.Ordinal);
        var leaves = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in Entries(project, "config", projectFile))
        {
            var qualified = Qualify(key, projectName);
            var ownKey = qualified.StartsWith(projectName + ":", StringComparison.Ordinal);
            if (ProjectDefault(value, ownKey) is { } effective)
            {
                Set(config, secrets, leaves, qualified, effective);
            }
            else
            {
                declaredWithoutDefault.Add(qualified);
            }
        }

        foreach (var (key, value) in Entries(ReadMapping(stackFile), "config", stackFile))
        {
            Set(config, secrets, leaves, Qualify(key, projectName), value);
        }

        // Pulumi refuses to run a stack that leaves a key the project declares without a default unset.
        var missing = declaredWithoutDefault.Where(key => !config.ContainsKey(key)).ToList();
        if (missing.Count > 0)
        {
            throw new StackFileException(
                $"Stack '{stack}' is missing configuration {(missing.Count == 1 ? "value" : "values")} {string.Join(", ", missing.Select(key => $"'{key}'"))}: " +
                $"{projectFile} declares {(missing.Count == 1 ? "it" : "them")} without a default; set {(missing.Count == 1 ? "it" : "them")} in {stackFile}.");
        }

        var prefix = projectName + ":";
        return new StackSettings(projectName, stack, config, [.. secrets])
        {
            UndecryptedSecrets = [.. leaves.Where(leaf => leaf.StartsWith(prefix, StringComparison.Ordinal)).Select(leaf => leaf[prefix.Length..])],
        };
    }

    private static string Qualify(string key, string projectName) => key.Contains(':', StringComparison.Ordinal) ? key : $"{projectName}:{key}";

    /// <summary>
    /// A project-level entry is a plain value (a scalar or a list), or a declaration whose value or default applies;
    /// null for a declaration with neither. Pulumi reads every map under one of the project's own keys as a
    /// declaration (<c>type</c>, <c>description</c>, <c>default</c>, <c>secret</c>, <c>items</c>), so a declaration
    /// with only a description is no structured value; under another namespace a map is a value only in <c>value:</c>.
    /// </summary>
    private static YamlNode? ProjectDefault(YamlNode value, bool ownKey)
    {
        if (value is not YamlMappingNode declaration)
        {
            return value;
        }

        if (!ownKey && Child(declaration, "value") is null && Child(declaration, "default") is null && Child(declaration, "type") is null)
        {
            return value;
        }

        return Child(declaration, "value") ?? Child(declaration, "default");
    }

    private static void Set(SortedDictionary<string, string> config, SortedSet<string> secrets, SortedSet<string> leaves, string key, YamlNode value)
    {
        // A key set again (stack over project) forgets the earlier value's secret leaves.
        leaves.RemoveWhere(leaf => leaf == key || leaf.StartsWith(key + ".", StringComparison.Ordinal) || leaf.StartsWith(key + "[", StringComparison.Ordinal));
        config[key] = value switch
        {
            YamlScalarNode scalar => scalar.Value ?? "",
            _ => ToJson(value, key, key, secrets, leaves, depth: 0) switch
            {
                JsonValue secret when secret.TryGetValue<string>(out var placeholder) => placeholder,
                var structured => structured?.ToJsonString() ?? "",
            },
        };
    }

    /// <summary>Far deeper than any real config (the program reports anything past 64 itself), and within what System.Text.Json writes.</summary>
    private const int MaxDepth = 256;

    /// <summary>YAML to JSON the way Pulumi types config: plain scalars become booleans and numbers, quoted ones stay strings.</summary>
    /// <param name="path">Where <paramref name="node"/> sits, as <c>pulumi config set --path</c> writes it, with the namespace.</param>
    private static JsonNode? ToJson(YamlNode node, string key, string path, ISet<string> secrets, ISet<string> leaves, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new StackFileException($"Config '{key}' is nested more than {MaxDepth} levels deep (line {node.Start.Line}); no setting of this stack goes that deep.");
        }

        return node switch
        {
            YamlMappingNode map when map.Children.Count == 1 && Child(map, "secure") is YamlScalarNode => Secret(key, path, secrets, leaves),
            YamlMappingNode map => new JsonObject(map.Children.Select(kv => KeyValuePair.Create(KeyText(kv.Key, key), ToJson(kv.Value, key, $"{path}.{KeyText(kv.Key, key)}", secrets, leaves, depth + 1)))),
            YamlSequenceNode list => new JsonArray([.. list.Children.Select((item, i) => ToJson(item, key, $"{path}[{i}]", secrets, leaves, depth + 1))]),
            YamlScalarNode { Style: ScalarStyle.Plain } plain => Plain(plain.Value ?? ""),
            YamlScalarNode quoted => JsonValue.Create(quoted.Value ?? ""),
            _ => throw new StackFileException($"Config '{key}' holds a YAML node of an unsupported kind ({node.NodeType})."),
        };
    }

    /// <summary>Config keys are plain strings; YAML also allows a list or a map as a key, which config cannot hold.</summary>
    private static string KeyText(YamlNode key, string context) => key is YamlScalarNode { Value: { } text }
        ? text
        : throw new StackFileException($"Config '{context}' has a key that is not a plain string (a {key.NodeType} at line {key.Start.Line}); write the key as text.");

    private static JsonValue Secret(string key, string path, ISet<string> secrets, ISet<string> leaves)
    {
        secrets.Add(key);
        leaves.Add(path);
        return JsonValue.Create(SecretPlaceholder);
    }

    private static JsonValue? Plain(string text) => text switch
    {
        "true" or "True" or "TRUE" => JsonValue.Create(true),
        "false" or "False" or "FALSE" => JsonValue.Create(false),
        "null" or "Null" or "NULL" or "~" or "" => null,
        _ when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole) => JsonValue.Create(whole),
        _ when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number) => JsonValue.Create(number),
        _ => JsonValue.Create(text),
    };

    private static YamlMappingNode ReadMapping(string path)
    {
        if (!File.Exists(path))
        {
            throw new StackFileException($"No {Path.GetFileName(path)} in {Path.GetDirectoryName(path)}.");
        }

        var stream = new YamlStream();
        var text = File.ReadAllText(path);
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new StackFileException(YamlMistake.Describe(path, text, e));
        }

        return stream.Documents.Count == 0
            ? new YamlMappingNode()
            : stream.Documents[0].RootNode as YamlMappingNode ?? throw new StackFileException($"{path} must be a YAML map at the top level (it starts with a {stream.Documents[0].RootNode.NodeType}).");
    }

    private static IEnumerable<(string Key, YamlNode Value)> Entries(YamlMappingNode file, string section, string path)
    {
        switch (Child(file, section))
        {
            case null:
                yield break;
            case YamlMappingNode map:
                foreach (var (key, value) in map.Children)
                {
                    yield return (KeyText(key, section), value);
                }

                break;
            default:
                throw new StackFileException($"{path}: '{section}' must be a map of keys to values.");
        }
    }

    private static YamlNode? Child(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    private static string? Scalar(YamlMappingNode map, string key) => (Child(map, key) as YamlScalarNode)?.Value;
}
