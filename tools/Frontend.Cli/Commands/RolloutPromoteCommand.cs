using Frontend.Cli.Rollout;

namespace Frontend.Cli.Commands;

/// <summary>
/// <c>rollout promote &lt;stack&gt;</c>: one decision of the loop that <c>rollout run</c> repeats. It judges every
/// interval of the current step since --deployed-at and writes the next step's weights (exit 0), the finished
/// plan (exit 0) or the rollback (exit 4) into the stack file; it writes nothing when the step is not yet
/// judgeable or is failing below the threshold (exit 6), has too little traffic (exit 3), when Prometheus cannot
/// answer (exit 5) or has no Istio metrics at all (exit 7), or when the canary is held (exit 0).
/// </summary>
internal static class RolloutPromoteCommand
{
    public static async Task<int> RunAsync(Arguments arguments, TextWriter stdout, TextWriter stderr, TimeProvider clock)
    {
        var stack = await RolloutStack.LoadAsync(arguments, stderr);
        if (stack is null)
        {
            return ExitCodes.Failed;
        }

        if (arguments.Option(RolloutStack.DeployedAtOption) is null)
        {
            throw new UsageException($"--{RolloutStack.DeployedAtOption} is required: a decision judges only traffic from after the current weights went live (the stack tag deployed-at that the deploy records)");
        }

        // Refuse a file it cannot edit before asking Prometheus anything, so a decision is never lost for it.
        var editor = stack.OpenEditor();
        StepAnalysis? analysis = null;
        string? problem = null;
        var decision = RolloutDecision.BeforeMetrics(stack.Plan);
        if (decision is null)
        {
            try
            {
                analysis = await stack.AnalyzeAsync(arguments, clock);
                decision = RolloutDecision.FromAnalysis(stack.Plan, analysis);
            }
            catch (PrometheusException e)
            {
                problem = e.Message;
                decision = RolloutDecision.Unavailable(e.Message);
                await stderr.WriteLineAsync($"error: {e.Message}");
            }
        }

        stack.Write(editor, decision);
        await stdout.WriteAsync(RolloutReport.Write("Rollout", stack.Name, stack.Plan, decision, analysis, problem, stack.AppName, next: false));
        await stdout.WriteAsync(RolloutReport.Written(Path.GetFileName(stack.StackFile), decision));
        return decision.ExitCode;
    }
}
