using System.Text;

namespace Frontend.Infra.Configuration;

/// <summary>
/// Where a value sits in stack config: a top-level key under the project's namespace plus a path into
/// its structured value, written the way <c>pulumi config set --path</c> takes it (<c>versions[1].weight</c>).
/// </summary>
internal sealed record ConfigPath
{
    /// <summary>The Pulumi project name (Pulumi.yaml), which is the config namespace of every key.</summary>
    public const string Project = "frontend";

    private ConfigPath(string key, string path)
    {
        Key = key;
        Path = path;
    }

    /// <summary>The top-level key without the namespace: <c>versions</c>.</summary>
    public string Key { get; }

    /// <summary>The key and the path inside it: <c>versions[1].weight</c>.</summary>
    public string Path { get; }

    public bool IsTopLevel => Path == Key;

    /// <summary>
    /// Where a command names its stack. A fix is written before anyone knows which stack will print it, so each
    /// command ends with this mark, which <see cref="ConfigProblem.ToString(string)"/> turns into
    /// <c>--stack &lt;stack&gt;</c> (a command pasted into a shell whose selected stack is another must not edit it).
    /// </summary>
    public const char StackMark = '\u0001';

    /// <summary><paramref name="text"/> with each of its commands naming <paramref name="stack"/>, or none when it is null.</summary>
    public static string NameStack(string text, string? stack) =>
        text.Replace(StackMark.ToString(), stack is null ? "" : $" --stack {stack}", StringComparison.Ordinal);

    public static ConfigPath Root(string key) => new(key, key);

    public ConfigPath Property(string name) => new(Key, $"{Path}.{name}");

    public ConfigPath Index(int index) => new(Key, $"{Path}[{index}]");

    /// <summary>The command that sets this value; <paramref name="value"/> is shown as typed.</summary>
    public string SetCommand(string value) => SetCommand(value, type: null);

    /// <summary>
    /// The command that sets this value as a string. With <c>--path</c>, Pulumi stores text that reads as a number
    /// or a boolean (<c>1</c>, <c>true</c>) as one; <c>--type string</c> keeps it the string a string key needs.
    /// </summary>
    public string SetStringCommand(string value) => SetCommand(value, type: "string");

    /// <summary>The command that sets this string key: with <c>--type string</c> when Pulumi would otherwise store a number or boolean.</summary>
    public string SetTextCommand(string value) =>
        ConfigValue.TryParse(value, out var parsed) && parsed.ValueKind is System.Text.Json.JsonValueKind.Number or System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False
            ? SetStringCommand(value)
            : SetCommand(value);

    public string RemoveCommand() =>
        (IsTopLevel ? $"pulumi config rm {Project}:{Path}" : $"pulumi config rm --path '{Path}'") + StackMark;

    private string SetCommand(string value, string? type)
    {
        var command = new StringBuilder("pulumi config set ");
        command.Append(IsTopLevel ? $"{Project}:{Path}" : $"--path '{Path}'");
        command.Append(' ').Append(value);
        if (type is not null)
        {
            command.Append(" --type ").Append(type);
        }

        return command.Append(StackMark).ToString();
    }

    public override string ToString() => $"{Project}:{Path}";
}
