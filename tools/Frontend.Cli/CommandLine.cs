using System.CommandLine;
using System.CommandLine.Invocation;
using Frontend.Analysis.Manifests;
using Frontend.Cli.Commands;
using Frontend.Cli.Rollout;
using Frontend.Cli.Stacks;

namespace Frontend.Cli;

/// <summary>
/// The verbs (render, analyze, diff, rollout status|promote|rollback) on System.CommandLine, which gives every verb
/// <c>--help</c>, suggests the verb or option a typo was meant to be, and answers shell completion through its
/// <c>[suggest]</c> directive. Every failure is one message per line on stderr and an exit code, never a stack trace.
/// </summary>
internal static class CommandLine
{
    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr) => RunAsync(args, stdout, stderr, TimeProvider.System);

    /// <param name="clock">Now, for rollout verbs run without --time.</param>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var root = Verbs.Root((command, run) => async (parse, _) => await GuardAsync(command, () => run(parse, stdout, stderr, clock), stderr));
        var parse = root.Parse(args);
        if (parse.Action is not ParseErrorAction)
        {
            // Our actions report their own failures; the default handler would print a stack trace.
            return await parse.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }

        if (args.Length == 0)
        {
            await root.Parse(["--help"]).InvokeAsync(new InvocationConfiguration { Output = stderr, Error = stderr });
            return ExitCodes.Usage;
        }

        foreach (var problem in UsageErrors.Describe(parse))
        {
            await stderr.WriteLineAsync($"error: {problem}");
        }

        await stderr.WriteLineAsync(UsageErrors.HelpHint(parse.CommandResult.Command));
        return ExitCodes.Usage;
    }

    private static async Task<int> GuardAsync(Command command, Func<Task<int>> run, TextWriter stderr)
    {
        try
        {
            return await run();
        }
        catch (UsageException e)
        {
            foreach (var problem in e.Problems)
            {
                await stderr.WriteLineAsync($"error: {problem}");
            }

            await stderr.WriteLineAsync(UsageErrors.HelpHint(command));
            return ExitCodes.Usage;
        }
        catch (Exception e) when (e is StackFileException or StackEditException or ManifestException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            await stderr.WriteLineAsync($"error: {e.Message}");
            return ExitCodes.Failed;
        }
    }
}
