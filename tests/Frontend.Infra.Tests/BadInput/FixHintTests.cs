using Frontend.Infra.Configuration;
using Frontend.Infra.Tests.Testing;

namespace Frontend.Infra.Tests.BadInput;

/// <summary>
/// Every fix hint that is a <c>pulumi config set</c> (or <c>rm</c>) command, applied to its bad stack file as Pulumi
/// would apply it: the problem it fixes must be gone, and no problem the file did not have may appear.
/// </summary>
public sealed partial class FixHintTests : IDisposable
{
    private readonly string _scratch = Path.Combine(Path.GetTempPath(), $"frontend-fix-hints-{Guid.NewGuid():N}");

    public static TheoryData<string> Cases => [.. BadInputCase.Names];

    public void Dispose()
    {
        if (Directory.Exists(_scratch))
        {
            Directory.Delete(_scratch, recursive: true);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Apply_EveryCommandFix_RemovesItsProblemAndAddsNone(string name)
    {
        var badCase = new BadInputCase(name);
        var before = await BadInputCase.MessagesAsync(badCase.WriteProject(Path.Combine(_scratch, "before")), name, new RecordingMocks());
        var failures = new List<string>();
        var applied = 0;
        foreach (var (message, index) in before.Select((m, i) => (m, i)))
        {
            var commands = Commands(message);
            if (commands is null)
            {
                continue;
            }

            var project = badCase.WriteProject(Path.Combine(_scratch, $"fix-{index}"));
            var stackFile = Path.Combine(project, $"Pulumi.{name}.yaml");
            Assert.All(commands, command => Assert.True(PulumiConfigSet.TryApply(stackFile, ConfigPath.Project, command), command));
            applied++;
            var after = await BadInputCase.MessagesAsync(project, name, new RecordingMocks());
            if (after.Select(Identity).Contains(Identity(message)))
            {
                failures.Add($"still there after {string.Join(" && ", commands)}: {message}");
            }

            var had = before.Select(Identity).ToHashSet(StringComparer.Ordinal);
            failures.AddRange(after.Where(added => !had.Contains(Identity(added))).Select(added => $"new after {string.Join(" && ", commands)}: {added}"));
        }

        Assert.True(failures.Count == 0, $"{applied} fixes applied to {name}:\n{string.Join('\n', failures)}");
    }

    /// <summary>
    /// The fix's commands when it is nothing but <c>pulumi config</c> commands with real values, joined by <c>&&</c>;
    /// null for a fix in words, or one with a placeholder for the person to fill in (<c>&lt;registry&gt;/&lt;name&gt;:&lt;tag&gt;</c>).
    /// </summary>
    private static List<string>? Commands(string message)
    {
        var fix = message.IndexOf(". Fix: ", StringComparison.Ordinal) is var at and >= 0 ? message[(at + ". Fix: ".Length)..] : null;
        var commands = fix?.Split(" && ").ToList();
        return commands is { Count: > 0 } && commands.All(c => Command().IsMatch(c) && !c.Contains('<', StringComparison.Ordinal)) ? commands : null;
    }

    /// <summary>A problem as what is wrong where, without the value shown, so a fix that changes a value another message shows does not make that message new.</summary>
    private static string Identity(string message)
    {
        var key = message[..Math.Max(0, message.IndexOf(" = ", StringComparison.Ordinal))];
        var fix = message.IndexOf(". Fix: ", StringComparison.Ordinal);
        var rule = message.IndexOf(": ", key.Length, StringComparison.Ordinal) is var start and >= 0 && fix > start ? message[(start + 2)..fix] : message;
        return $"{key}: {rule}";
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^pulumi config (set (--path '[^']+'|\S+) \S+( --type string)?( --secret)?|rm (--path '[^']+'|\S+)) --stack \S+$")]
    private static partial System.Text.RegularExpressions.Regex Command();
}
