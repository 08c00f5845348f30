using Frontend.Cli.Rollout.Loop;

namespace Frontend.Cli.Commands;

/// <summary>
/// <c>rollout run &lt;stack&gt;</c>: the whole plan, one interval at a time, from the project's git checkout of
/// main with the Pulumi CLI logged in (see <see cref="RolloutLoop"/>). Exit 0 when the rollout finished (or the
/// canary is held at 0), 4 after a rollback, 5 when Prometheus stopped answering, 7 when it has no Istio
/// metrics at all, 8 when a rollback holds this attempt, 1 when a command, the config or a person's edit stopped it.
/// </summary>
internal static class RolloutRunCommand
{
    public const string PulumiStackOption = "pulumi-stack";

    public static async Task<int> RunAsync(Arguments arguments, TextWriter stdout, TextWriter stderr, TimeProvider clock)
    {
        var stackName = arguments.Positional(0);
        var projectDirectory = StackAnalysis.ProjectDirectory(arguments);
        var stack = await RolloutStack.LoadAsync(projectDirectory, stackName, stderr);
        if (stack is null)
        {
            return ExitCodes.Failed;
        }

        var loop = new RolloutLoop(
            stackName,
            new GitStackRepository(projectDirectory),
            new PulumiStackDeployment(arguments.Option(PulumiStackOption) ?? stackName, projectDirectory),
            new SystemRolloutClock(clock),
            stack.PrometheusAddress(arguments),
            stdout,
            stderr);
        try
        {
            return await loop.RunAsync();
        }
        catch (ExternalCommandException e)
        {
            await stderr.WriteLineAsync($"error: {e.Message}");
            return ExitCodes.Failed;
        }
    }
}
