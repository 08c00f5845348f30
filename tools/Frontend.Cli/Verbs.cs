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
        2 a usage error; rollout promote and run: 3 too little canary traffic to judge, 4 rolled back, 5 Prometheus
        unavailable, 6 not yet (the step has not baked a whole window, or is failing below the threshold), 7 no Istio
        metrics for any version; rollout run and gate: 8 a rollback holds this canary attempt.
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

    private static Command Render(Func<Command, VerbRun, Func<ParseResult, CancellationToken, Task<int>>> wrap) => Verb(
        "render",
        "Analyse the stack, then write its manifests (one file per resource) and print a summary.",
        [Stack()],
        [
            Option(RenderCommand.OutOption, "dir", "the folder to write the manifests into, in renderYamlToDirectory's layout; a render replaces it whole", required: true),
            Crds(),
            ProjectDirectory(),
        ],
        wrap,
        (arguments, stdout, stderr, _) => RenderCommand.RunAsync(arguments, stdout, stderr));

    private static Command Analyze(Func<Command, VerbRun, Func<ParseResult, CancellationToken, Task<int>>> wrap)
    {
        var command = Verb(
            "analyze",
            "Check the stack the way istioctl analyze would, offline; --crds adds schema validation.",
            [Stack()],
            [Crds(), ProjectDirectory()],
            wrap,
            (arguments, stdout, stderr, _) => AnalyzeCommand.RunAsync(arguments, stdout, stderr));
        command.Aliases.Add("analyse");
        return command;
    }

    private static Command Diff(Func<Command, VerbRun, Func<ParseResult, CancellationToken, Task<int>>> wrap) => Verb(
        "diff",
        "What changes for users between two rendered folders, then the resources and YAML: Markdown for a pull-request comment or a job summary, or text.",
        [
            new("before-dir") { Description = "a rendered folder: the manifests before the change" },
            new("after-dir") { Description = "a rendered folder: the manifests after the change" },
        ],
        [
            Option(DiffCommand.TitleOption, "text", "what the change is to, e.g. 'Stack prod': the heading becomes '<text>: what changes for users'"),
            DiffFormat(),
        ],
        wrap,
        (arguments, stdout, _, _) => DiffCommand.RunAsync(arguments, stdout));

    private static Command Rollout(Func<Command, VerbRun, Func<ParseResult, CancellationToken, Task<int>>> wrap)
    {
        var rollout = new Command("rollout", "Step the canary of the stack's rollout plan (frontend:rollout) by its checks against Istio's metrics in Prometheus.");
        rollout.Subcommands.Add(Verb(
            "run",
            "Execute the plan: judge every interval, commit and deploy each step, roll back (live first) at the failure threshold.",
            [Stack()],
            [
                Option(RolloutStack.PrometheusOption, "url", "Prometheus's address; wins over frontend:rollout.analysis.prometheusUrl. A bearer token comes from PROMETHEUS_BEARER_TOKEN"),
                Option(RolloutRunCommand.PulumiStackOption, "name", "the stack as pulumi --stack takes it (default: <stack>), such as acme/prod"),
                ProjectDirectory(),
            ],
            wrap,
            RolloutRunCommand.RunAsync));
        rollout.Subcommands.Add(Verb(
            "gate",
            "Exit 0 when the checked-out stack file may be deployed, 8 when it would raise a canary that a rollback holds.",
            [Stack()],
            [Option(RolloutGateCommand.HoldOption, "canary@attempt", "the stack tag rollout-hold (empty: nothing is held)"), ProjectDirectory()],
            wrap,
            (arguments, stdout, stderr, _) => RolloutGateCommand.RunAsync(arguments, stdout, stderr)));
        rollout.Subcommands.Add(Verb(
            "status",
            "The canary's step, its checks against Istio's metrics, and what the next promote would decide.",
            [Stack()],
            MetricsOptions(),
            wrap,
            RolloutStatusCommand.RunAsync));
        rollout.Subcommands.Add(Verb(
            "promote",
            "One decision of run: write the next step's weights (or the finish) into Pulumi.<stack>.yaml, or the rollback at the failure threshold.",
            [Stack()],
            MetricsOptions(),
            wrap,
            RolloutPromoteCommand.RunAsync));
        rollout.Subcommands.Add(Verb(
            "rollback",
            "Write the rollback: the canary to 0, its share back to the stable versions.",
            [Stack()],
            [ProjectDirectory()],
            wrap,
            (arguments, stdout, stderr, _) => RolloutRollbackCommand.RunAsync(arguments, stdout, stderr)));
        return rollout;
    }

    private static Option<string>[] MetricsOptions() =>
    [
        Option(RolloutStack.PrometheusOption, "url", "Prometheus's address; wins over frontend:rollout.analysis.prometheusUrl. A bearer token comes from PROMETHEUS_BEARER_TOKEN"),
        Option(RolloutStack.TimeOption, "RFC 3339 | unix seconds", "judge the metrics as they were at this time instead of now"),
        Option(RolloutStack.DeployedAtOption, "RFC 3339 | unix seconds", "when the current weights went live (the stack tag deployed-at): only windows after it are judged; required by promote"),
        ProjectDirectory(),
    ];

    /// <summary>A verb whose work reads its values through <see cref="Arguments"/> over exactly these positionals and options.</summary>
    private static Command Verb(
        string name,
        string description,
        Argument<string>[] positionals,
        Option[] options,
        Func<Command, VerbRun, Func<ParseResult, CancellationToken, Task<int>>> wrap,
        Func<Arguments, TextWriter, TextWriter, TimeProvider, Task<int>> run)
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

        command.SetAction(wrap(command, (parse, stdout, stderr, clock) => run(new Arguments(parse, positionals, options), stdout, stderr, clock)));
        return command;
    }

    private static Option<string> DiffFormat()
    {
        var format = Option(DiffCommand.FormatOption, "markdown|text", "markdown (default) folds the manifests for a PR comment; text is for a terminal");
        format.AcceptOnlyFromAmong(DiffCommand.Markdown, DiffCommand.Text);
        return format;
    }

    private static Argument<string> Stack() => new("stack") { Description = "the stack: Pulumi.<stack>.yaml beside Pulumi.yaml" };

    private static Option<string[]> Crds() =>
        new("--" + StackAnalysis.CrdsOption)
        {
            HelpName = "bundle.yaml",
            Description = "a CRD bundle to validate every resource of its kinds against: Istio's customresourcedefinitions.gen.yaml, "
                + "a Gateway API channel's standard-install.yaml or experimental-install.yaml; repeat it for several (--crds istio.yaml --crds gateway-api.yaml)",
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
        };

    private static Option<string> ProjectDirectory() =>
        Option(StackAnalysis.ProjectDirectoryOption, "dir", "the folder holding Pulumi.yaml (default: the current folder or the nearest one above it)");

    private static Option<string> Option(string name, string helpName, string description, bool required = false) =>
        new("--" + name) { HelpName = helpName, Description = description, Required = required };
}
