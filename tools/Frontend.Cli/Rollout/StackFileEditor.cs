using System.Globalization;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Frontend.Cli.Rollout;

/// <summary>A stack file the rollout tool will not edit, and why; nothing has been written.</summary>
internal sealed class StackEditException(string message) : Exception(message);

/// <summary>What a rollout decision changes in a stack file: weights (version to weight), and the plan's roles once it finishes.</summary>
internal sealed record StackEdit(IReadOnlyDictionary<string, int> Weights, PlanRoles? Roles = null);

/// <summary>
/// Changes the versions' weights in a stack file, and the rollout plan's canary and stable names when a
/// rollout finishes, and nothing else. The file is the user's, so the new values replace only the characters
/// of the old scalars, found from YAML's own parse: comments,
/// key order, quoting, flow or block style and line endings stay byte for byte. Whatever the editor cannot
/// follow with certainty (an alias or anchor, a merge key, a secret, a tag, a duplicate key) is refused
/// before anything is written.
/// </summary>
internal sealed class StackFileEditor
{
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly string _path;
    private readonly bool _hasBom;
    private readonly string _text;
    private readonly IReadOnlyList<WeightSite> _sites;
    private readonly RoleSites? _roles;

    private StackFileEditor(string path, bool hasBom, string text, IReadOnlyList<WeightSite> sites, RoleSites? roles)
    {
        _path = path;
        _hasBom = hasBom;
        _text = text;
        _sites = sites;
        _roles = roles;
    }

    /// <summary>The plan's canary and stable names as the file sets them; null when it has no plan the editor can follow.</summary>
    public PlanRoles? Roles => _roles is null ? null : new PlanRoles(_roles.Canary.Value, [.. _roles.Stable.Select(s => s.Value)]);

    /// <summary>Each version's weight as the file sets it (0 where it sets none, the program's default), in file order.</summary>
    public IReadOnlyList<(string Version, int Weight)> Weights => [.. _sites.Select(s => (s.Version, s.Weight))];

    /// <summary>Reads <paramref name="path"/> and finds every version's weight, or refuses the file.</summary>
    public static StackFileEditor Open(string path, string projectName)
    {
        var bytes = File.ReadAllBytes(path);
        var hasBom = bytes.AsSpan().StartsWith(Utf8Bom);
        string text;
        try
        {
            text = StrictUtf8.GetString(bytes, hasBom ? Utf8Bom.Length : 0, bytes.Length - (hasBom ? Utf8Bom.Length : 0));
        }
        catch (DecoderFallbackException)
        {
            throw new StackEditException($"{path} is not UTF-8 text; the rollout tool edits only UTF-8 stack files.");
        }

        return Parse(path, hasBom, text, projectName);
    }

    /// <summary>The same as <see cref="Open"/>, for text already in memory; <paramref name="path"/> only names it in messages.</summary>
    public static StackFileEditor Parse(string path, string text, string projectName) => Parse(path, hasBom: false, text, projectName);

    /// <summary>
    /// The file's text with <paramref name="weights"/> (version to weight) in place of the current ones. Only
    /// weights that change are touched, so a step between two versions is a two-line diff.
    /// </summary>
    public string Apply(IReadOnlyDictionary<string, int> weights) => Apply(new StackEdit(weights));

    /// <summary>The file's text with <paramref name="edit"/>'s weights and plan roles in place of the current ones.</summary>
    public string Apply(StackEdit edit)
    {
        ArgumentNullException.ThrowIfNull(edit);
        var weights = edit.Weights;
        var edits = new List<(int Start, int End, string Text)>();
        if (edit.Roles is { } roles)
        {
            edits.AddRange(RoleEdits(roles));
        }

        foreach (var (version, weight) in weights)
        {
            var site = _sites.FirstOrDefault(s => s.Version == version)
                ?? throw new StackEditException($"{_path}: frontend:versions has no version named '{version}'.");
            if (site.Weight == weight)
            {
                continue;
            }

            if (site.Scalar is not { } scalar)
            {
                throw new StackEditException($"{_path}: versions[{site.Index}] ({version}) sets no weight, so there is no value to change without adding a line; add 'weight: {site.Weight}' to it by hand, then run the command again.");
            }

            edits.Add((scalar.Start, scalar.End, Quoted(scalar, weight.ToString(CultureInfo.InvariantCulture))));
        }

        var text = new StringBuilder(_text);
        foreach (var (start, end, replacement) in edits.OrderByDescending(e => e.Start))
        {
            text.Remove(start, end - start).Insert(start, replacement);
        }

        return text.ToString();
    }

    /// <summary>
    /// Writes <see cref="Apply"/>'s text over the file (with its byte-order mark, if it had one), after reading
    /// it back to be sure it now says exactly <paramref name="weights"/>. The old file stays whole until the
    /// new one is complete.
    /// </summary>
    public void Write(IReadOnlyDictionary<string, int> weights, string projectName) => Write(new StackEdit(weights), projectName);

    /// <summary>Writes <paramref name="edit"/> as <see cref="Write(IReadOnlyDictionary{string, int}, string)"/> writes weights, reading back the roles too.</summary>
    public void Write(StackEdit edit, string projectName)
    {
        ArgumentNullException.ThrowIfNull(edit);
        var text = Apply(edit);
        var written = Parse(_path, _hasBom, text, projectName);
        var expected = _sites.Select(s => (s.Version, edit.Weights.TryGetValue(s.Version, out var w) ? w : s.Weight));
        var rolesRead = edit.Roles is not { } roles || (written.Roles is { } read && read.Canary == roles.Canary && read.Stable.SequenceEqual(roles.Stable));
        if (!written.Weights.SequenceEqual(expected) || !rolesRead)
        {
            throw new StackEditException($"{_path}: the edited file would not read back with the intended weights and plan; nothing was written.");
        }

        var temporary = _path + ".rollout-tmp";
        var bytes = StrictUtf8.GetBytes(text);
        File.WriteAllBytes(temporary, _hasBom ? [.. Utf8Bom, .. bytes] : bytes);
        File.Move(temporary, _path, overwrite: true);
    }

    private static StackFileEditor Parse(string path, bool hasBom, string text, string projectName)
    {
        YamlNode root;
        try
        {
            root = YamlTree.Read(text);
        }
        catch (YamlException e)
        {
            throw new StackEditException($"{path} is not valid YAML: {e.Message} (line {e.Start.Line}, column {e.Start.Column}).");
        }

        var refuse = (string why) => new StackEditException($"{path}: {why}; the rollout tool changes only plain weight values it can find with certainty, so it wrote nothing. Set the weights by hand (pulumi config set --path 'versions[<i>].weight' <n>).");
        var config = Entry(root, "config", "the file", refuse) ?? throw refuse("it has no 'config' section");
        var key = $"{projectName}:versions";
        var qualified = Entry(config, key, "config", refuse);
        var bare = Entry(config, "versions", "config", refuse);
        if (qualified is not null && bare is not null)
        {
            throw refuse($"it sets both {key} and versions");
        }

        var versions = qualified ?? bare ?? throw refuse($"it sets no {key}");

        var list = Follow(versions, key, refuse) as YamlSequence ?? throw refuse($"{key} is not a list of versions");
        if (list.Anchor is { } listAnchor)
        {
            throw refuse($"{key} carries the anchor &{listAnchor}, so other values may follow it");
        }

        var sites = new List<WeightSite>();
        for (var i = 0; i < list.Items.Count; i++)
        {
            var where = $"{key}[{i}]";
            var entry = Follow(list.Items[i], where, refuse) as YamlMapping ?? throw refuse($"{where} is not a map");
            if (entry.Anchor is { } entryAnchor)
            {
                throw refuse($"{where} carries the anchor &{entryAnchor}, so other values may follow it");
            }

            if (entry.Entries.Any(e => e.Key is YamlScalar { Value: "<<" }))
            {
                throw refuse($"{where} merges another map ('<<'), so its weight may come from elsewhere");
            }

            var name = Follow(Entry(entry, "name", where, refuse) ?? throw refuse($"{where} has no name"), $"{where}.name", refuse) as YamlScalar
                ?? throw refuse($"{where}.name is not a plain value");
            sites.Add(Weight(Entry(entry, "weight", where, refuse), name.Value, i, $"{where}.weight", refuse));
        }

        var twice = sites.GroupBy(s => s.Version, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
        {
            throw refuse($"{key} names '{twice.Key}' more than once");
        }

        return new StackFileEditor(path, hasBom, text, sites, PlanSites(config, projectName));
    }

    /// <summary>The plan's canary and stable scalars, when the plan is there in plain block or flow form; null otherwise.</summary>
    private static RoleSites? PlanSites(YamlNode config, string projectName)
    {
        var plan = config is YamlMapping map
            ? map.Entries.Where(e => e.Key is YamlScalar { Value: var key } && (key == $"{projectName}:rollout" || key == "rollout")).Select(e => e.Value).ToList()
            : [];
        if (plan is not [YamlMapping { Anchor: null } rollout])
        {
            return null;
        }

        YamlNode? Value(string key) => rollout.Entries.Where(e => e.Key is YamlScalar { Value: var k } && k == key).Select(e => e.Value).SingleOrDefault();
        return Value("canary") is YamlScalar { Anchor: null, Tag: null } canary
            && Value("stable") is YamlSequence { Anchor: null } stable
            && stable.Items.All(i => i is YamlScalar { Anchor: null, Tag: null })
                ? new RoleSites(canary, [.. stable.Items.Cast<YamlScalar>()])
                : null;
    }

    private IEnumerable<(int Start, int End, string Text)> RoleEdits(PlanRoles roles)
    {
        if (_roles is null || _roles.Stable.Count != roles.Stable.Count)
        {
            throw new StackEditException($"{_path}: its rollout plan does not name the canary and {roles.Stable.Count} stable version(s) as plain values, so the tool cannot record that the rollout finished; set rollout.canary to {roles.Canary} and rollout.stable to [{string.Join(", ", roles.Stable)}] by hand.");
        }

        if (_roles.Canary.Value != roles.Canary)
        {
            yield return (_roles.Canary.Start, _roles.Canary.End, Quoted(_roles.Canary, roles.Canary));
        }

        foreach (var (site, name) in _roles.Stable.Zip(roles.Stable))
        {
            if (site.Value != name)
            {
                yield return (site.Start, site.End, Quoted(site, name));
            }
        }
    }

    /// <summary>A new value for a scalar, in the quotes it had.</summary>
    private static string Quoted(YamlScalar scalar, string value) => scalar.Style switch
    {
        ScalarStyle.SingleQuoted => $"'{value}'",
        ScalarStyle.DoubleQuoted => $"\"{value}\"",
        _ => value,
    };

    private static WeightSite Weight(YamlNode? node, string version, int index, string where, Func<string, StackEditException> refuse)
    {
        if (node is null)
        {
            return new WeightSite(version, index, 0, null);
        }

        var scalar = Follow(node, where, refuse) as YamlScalar ?? throw refuse($"{where} is not a plain number");
        if (scalar.Anchor is { } anchor)
        {
            throw refuse($"{where} carries the anchor &{anchor}, so other values may follow it");
        }

        if (scalar.Tag is { } tag)
        {
            throw refuse($"{where} carries the tag {tag}");
        }

        if (scalar.Style is ScalarStyle.Literal or ScalarStyle.Folded)
        {
            throw refuse($"{where} is a block scalar");
        }

        if (!int.TryParse(scalar.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var weight))
        {
            throw refuse($"{where} is {scalar.Value}, not a whole number");
        }

        return new WeightSite(version, index, weight, scalar);
    }

    /// <summary>Aliases and secrets cannot be edited in place: the value lives elsewhere, or is ciphertext.</summary>
    private static YamlNode Follow(YamlNode node, string where, Func<string, StackEditException> refuse) => node switch
    {
        YamlAlias alias => throw refuse($"{where} is the alias *{alias.Name}, so its value lives elsewhere in the file"),
        YamlMapping map when map.Entries.Count == 1 && map.Entries[0].Key is YamlScalar { Value: "secure" } => throw refuse($"{where} is a secret (secure:), which only Pulumi can change"),
        _ => node,
    };

    /// <summary>The value of <paramref name="key"/> in a map; null when absent; refused when the key is there twice.</summary>
    private static YamlNode? Entry(YamlNode node, string key, string where, Func<string, StackEditException> refuse)
    {
        if (node is not YamlMapping map)
        {
            throw refuse($"{where} is not a map");
        }

        var matches = map.Entries.Where(e => e.Key is YamlScalar scalar && scalar.Value == key).ToList();
        return matches.Count switch
        {
            0 => null,
            1 => matches[0].Value,
            _ => throw refuse($"{where} has the key {key} {matches.Count} times"),
        };
    }

    private sealed record WeightSite(string Version, int Index, int Weight, YamlScalar? Scalar);

    private sealed record RoleSites(YamlScalar Canary, IReadOnlyList<YamlScalar> Stable);
}
