using System.CommandLine;
using Frontend.Cli.Commands;

namespace Frontend.Cli;

/// <summary>A verb's work once its command line has parsed: the exit code.</summary>
internal delegate Task<int> VerbRun(ParseResult parse, TextWriter stdout, TextWriter stderr, TimeProvider clock);

/// <summary>The command tree: every verb, argument and option with the words <c>--help</c> shows for it.</summary>
internal static class Verbs
{
    public const string Description = """
        Render, analyze and diff the frontend stack's Kubernetes manifests without a cluster, and step its canary rollout.
        <stack> names Pulumi.<stack>.yaml beside Pulumi.yaml, found in the current folder or above it (or --project-dir).
        Exit codes: 0 ok; 1 invalid config, an analysis error, unreadable folders or a stack file rollout will not edit;
        2 a usage error; rollout promote: 3 too few canary requests (nothing written), 4 a check failed (rollback
        written), 5 Prometheus unavailable (nothing written).
        """;

    /// <param name="wrap">Turns a verb's work into its action, which reports the verb's failures.</param>
    public static RootCommand Root(Func<Command, VerbRun, Func<ParseResult, CancellationToken, Task<int>>> wrap)
    {
        var root = new RootCommand(Description);
        root.Subcommands.Add(Render(wrap));
        root.Subcommands.Add(Analyze(wrap));
        root.Subcommands.Add(Diff(wrap));
        root.Subcommands.Add(Rollout(wrap));
        return root;
    }

    private static Command Render(Func<Command, VerbRun, Func<ParseResult, CancellationToken, Task<int>>> wrap)
    {
        Argument<string>[] positionals = [Stack()];
        Option<string>[] options =
        [
            Option(RenderCommand.OutOption, "dir", "the folder to write the manifests into, in renderYamlToDirectory's layout; a render replaces it whole", required: true),
            Crds(),
            ProjectDirectory(),
        ];
        var command = Verb("render", "Analyse the stack, then write its manifests (one file per resource) and print a summary.", positionals, options);
        command.SetAction(wrap(command, (parse, stdout, stderr, _) => RenderCommand.RunAsync(new Arguments(parse, positionals, options), stdout, stderr)));
        return command;
    }

    private static Command Analyze(Func<Command, VerbRun, Func<ParseResult, CancellationToken, Task<int>>> wrap)
    {
        Argument<string>[] positionals = [Stack()];
        Option<string>[] options = [Crds(), ProjectDirectory()];
        var command = Verb("analyze", "Check the stack the way istioctl analyze would, offline; --crds adds schema validation.", positionals, options);
        command.Aliases.Add("analyse");
        command.SetAction(wrap(command, (parse, stdout, stderr, _) => AnalyzeCommand.RunAsync(new Arguments(parse, positionals, options), stdout, stderr)));
        return command;
    }

    private static Command Diff(Func<Command, VerbRun, Func<ParseResult, CancellationToken, Task<int>>> wrap)
    {
        Argument<string>[] positionals =
        [
            new("before-dir") { Description = "a rendered folder: the manifests before the change" },
            new("after-dir") { Description = "a rendered folder: the manifests after the change" },
        ];
        Option<string>[] options = [Option(DiffCommand.TitleOption, "text", "the report's heading (default: Rendered manifests)")];
        var command = Verb("diff", "Markdown diff of two rendered folders, resource by resource, for a pull-request comment or a job summary.", positionals, options);
        command.SetAction(wrap(command, (parse, stdout, _, _) => DiffCommand.RunAsync(new Arguments(parse, positionals, options), stdout)));
        return command;
    }

    private static Command Rollout(Func<Command, VerbRun, Func<ParseResult, CancellationToken, Task<int>>> wrap)
    {
        var rollout = new Command("rollout", "Step the canary of the stack's rollout plan (frontend:rollout) by its checks against Istio's metrics in Prometheus.");

        Argument<string>[] statusPositionals = [Stack()];
        Option<string>[] statusOptions = MetricsOptions();
        var status = Verb("status", "The canary's step, its checks against Istio's metrics, and what the next promote would decide.", statusPositionals, statusOptions);
        status.SetAction(wrap(status, (parse, stdout, stderr, clock) => RolloutStatusCommand.RunAsync(new Arguments(parse, statusPositionals, statusOptions), stdout, stderr, clock)));

        Argument<string>[] promotePositionals = [Stack()];
        Option<string>[] promoteOptions = MetricsOptions();
        var promote = Verb("promote", "Write the next step's weights into Pulumi.<stack>.yaml, or the rollback when a check fails.", promotePositionals, promoteOptions);
        promote.SetAction(wrap(promote, (parse, stdout, stderr, clock) => RolloutPromoteCommand.RunAsync(new Arguments(parse, promotePositionals, promoteOptions), stdout, stderr, clock)));

        Argument<string>[] rollbackPositionals = [Stack()];
        Option<string>[] rollbackOptions = [ProjectDirectory()];
        var rollback = Verb("rollback", "Write the rollback: the canary to 0, its share back to the stable versions.", rollbackPositionals, rollbackOptions);
        rollback.SetAction(wrap(rollback, (parse, stdout, stderr, _) => RolloutRollbackCommand.RunAsync(new Arguments(parse, rollbackPositionals, rollbackOptions), stdout, stderr)));

        rollout.Subcommands.Add(status);
        rollout.Subcommands.Add(promote);
        rollout.Subcommands.Add(rollback);
        return rollout;
    }

    private static Option<string>[] MetricsOptions() =>
    [
        Option(RolloutStack.PrometheusOption, "url", "Prometheus's address; wins over frontend:rollout.analysis.prometheusUrl. A bearer token comes from PROMETHEUS_BEARER_TOKEN"),
        Option(RolloutStack.TimeOption, "RFC 3339 | unix seconds", "judge the metrics as they were at this time instead of now"),
        ProjectDirectory(),
    ];

    private static Command Verb(string name, string description, Argument<string>[] positionals, Option<string>[] options)
    {
        var command = new Command(name, description);
        foreach (var positional in positionals)
        {
            command.Arguments.Add(positional);
        }

        foreach (var option in options)
        {
            command.Options.Add(option);
        }

        return command;
    }

    private static Argument<string> Stack() => new("stack") { Description = "the stack: Pulumi.<stack>.yaml beside Pulumi.yaml" };

    private static Option<string> Crds() =>
        Option(StackAnalysis.CrdsOption, "bundle.yaml", "a CRD bundle (Istio's customresourcedefinitions.gen.yaml) to validate every Istio resource against");

    private static Option<string> ProjectDirectory() =>
        Option(StackAnalysis.ProjectDirectoryOption, "dir", "the folder holding Pulumi.yaml (default: the current folder or the nearest one above it)");

    private static Option<string> Option(string name, string helpName, string description, bool required = false) =>
        new("--" + name) { HelpName = helpName, Description = description, Required = required };
}
