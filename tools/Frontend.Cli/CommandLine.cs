using Frontend.Analysis.Manifests;
using Frontend.Cli.Commands;
using Frontend.Cli.Rollout;
using Frontend.Infra.Configuration;
using Frontend.Cli.Stacks;

namespace Frontend.Cli;

/// <summary>The verbs: render, analyze, diff and rollout. Every failure is one message on stderr and an exit code, never a stack trace.</summary>
internal static class CommandLine
{
    public const string Usage = """
        usage:
          render <stack> --out <dir> [--crds <bundle.yaml>] [--project-dir <dir>]
              analyse the stack, then write its manifests in renderYamlToDirectory's layout and print a summary
          analyze <stack> [--crds <bundle.yaml>] [--project-dir <dir>]
              check the stack the way istioctl analyze would, offline; --crds adds schema validation
          diff <before-dir> <after-dir> [--title <text>]
              Markdown diff of two rendered folders, resource by resource
          rollout status <stack> [--prometheus <url>] [--time <RFC 3339 | unix seconds>] [--project-dir <dir>]
              the canary's step, its checks against Istio's metrics, and what the next promote would decide
          rollout promote <stack> [--prometheus <url>] [--time <RFC 3339 | unix seconds>] [--project-dir <dir>]
              write the next step's weights into Pulumi.<stack>.yaml, or the rollback when a check fails
          rollout rollback <stack> [--project-dir <dir>]
              write the rollback: the canary to 0, its share back to the stable versions

        <stack> names Pulumi.<stack>.yaml beside Pulumi.yaml, found in the current folder or above it (or --project-dir).
        Prometheus: --prometheus wins over frontend:rollout.analysis.prometheusUrl; a bearer token comes from PROMETHEUS_BEARER_TOKEN.
        exit codes: 0 ok, 1 invalid config / analysis error / unreadable folders / a stack file rollout will not edit, 2 usage error;
          rollout promote: 3 too few canary requests (nothing written), 4 a check failed (rollback written), 5 Prometheus unavailable (nothing written).
        """;

    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr) => RunAsync(args, stdout, stderr, TimeProvider.System);

    /// <param name="clock">Now, for rollout verbs run without --time.</param>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            await (args.Length == 0 ? stderr : stdout).WriteAsync(Usage);
            return args.Length == 0 ? ExitCodes.Usage : ExitCodes.Ok;
        }

        var rest = args[1..];
        try
        {
            return args[0] switch
            {
                "render" => await RenderCommand.RunAsync(Arguments.Parse(rest, RenderCommand.Positionals, RenderCommand.Options), stdout, stderr),
                "analyze" or "analyse" => await AnalyzeCommand.RunAsync(Arguments.Parse(rest, AnalyzeCommand.Positionals, AnalyzeCommand.Options), stdout, stderr),
                "diff" => await DiffCommand.RunAsync(Arguments.Parse(rest, DiffCommand.Positionals, DiffCommand.Options), stdout),
                "rollout" => await RolloutAsync(rest, stdout, stderr, clock),
                var unknown => throw new UsageException($"unknown verb '{unknown}'"),
            };
        }
        catch (UsageException e)
        {
            foreach (var problem in e.Problems)
            {
                await stderr.WriteLineAsync($"error: {problem}");
            }

            await stderr.WriteAsync(Usage);
            return ExitCodes.Usage;
        }
        catch (Exception e) when (e is StackFileException or StackEditException or ManifestException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            await stderr.WriteLineAsync($"error: {e.Message}");
            return ExitCodes.Failed;
        }
    }

    private static readonly string[] RolloutVerbs = ["status", "promote", "rollback"];

    private static async Task<int> RolloutAsync(string[] args, TextWriter stdout, TextWriter stderr, TimeProvider clock)
    {
        var rest = args.Length > 0 ? args[1..] : [];
        return args.FirstOrDefault() switch
        {
            "status" => await RolloutStatusCommand.RunAsync(Arguments.Parse(rest, RolloutStack.Positionals, RolloutStack.MetricsOptions), stdout, stderr, clock),
            "promote" => await RolloutPromoteCommand.RunAsync(Arguments.Parse(rest, RolloutStack.Positionals, RolloutStack.MetricsOptions), stdout, stderr, clock),
            "rollback" => await RolloutRollbackCommand.RunAsync(Arguments.Parse(rest, RolloutStack.Positionals, RolloutStack.EditOptions), stdout, stderr),
            null => throw new UsageException("rollout needs a verb: status, promote or rollback"),
            var unknown => throw new UsageException(Spelling.Closest(unknown, RolloutVerbs) is { } meant
                ? $"unknown rollout verb '{unknown}': did you mean '{meant}'?"
                : $"unknown rollout verb '{unknown}' (rollout verbs: {string.Join(", ", RolloutVerbs)})"),
        };
    }
}
