namespace Frontend.Infra.Configuration;

/// <summary>
/// A validation pass as Pulumi log messages: one message per severity, its problems in the validator's order.
/// The real SDK sends each <c>Log.Error</c> (and each warning) to the engine on a task of its own, so several
/// messages reach <c>pulumi up</c> and <c>Deployment.TestAsync</c> in an order that changes from run to run; one
/// message holding every problem keeps the order a person reads and a test compares.
/// </summary>
internal static class ConfigReport
{
    private const string Indent = "  ";

    /// <summary>The one error that refuses a stack: a heading, then one problem per line.</summary>
    public static string Refusal(IReadOnlyList<ConfigProblem> errors, string stack) =>
        Message($"the stack's config was refused ({Count(errors.Count, "problem")}); nothing was declared:", errors, stack);

    /// <summary>The one warning for a stack that is declared anyway.</summary>
    public static string Warnings(IReadOnlyList<ConfigProblem> warnings, string stack) =>
        Message($"the stack's config has {Count(warnings.Count, "warning")}:", warnings, stack);

    /// <summary>Rules on secret leaves that an offline render could not see.</summary>
    public static string NotCheckedOffline(IReadOnlyList<ConfigProblem> problems, string stack) =>
        Message($"not checked offline ({Count(problems.Count, "secret value")}); pulumi preview and pulumi up check them:", problems, stack);

    /// <summary>
    /// The problems of a message this class wrote, in order, or null for any other message (an exception the
    /// program did not expect, say).
    /// </summary>
    public static IReadOnlyList<string>? Problems(string message)
    {
        var lines = message.Split('\n');
        return lines.Length > 1 && lines[0].StartsWith("the stack's config was refused (", StringComparison.Ordinal)
            ? [.. lines.Skip(1).Select(line => line.StartsWith(Indent, StringComparison.Ordinal) ? line[Indent.Length..] : line)]
            : null;
    }

    private static string Message(string heading, IEnumerable<ConfigProblem> problems, string stack) =>
        string.Join('\n', problems.Select(problem => $"{Indent}{problem.ToString(stack)}").Prepend(heading));

    private static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
