using Frontend.Cli.Rollout;

namespace Frontend.Cli.Commands;

/// <summary>
/// <c>rollout promote &lt;stack&gt;</c>: judges the canary on Istio's metrics and writes the next step's weights
/// (exit 0) or the rollback (exit 4) into the stack file; writes nothing when there is too little traffic
/// (exit 3), when Prometheus cannot answer (exit 5), or when the canary is done or held (exit 0).
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

        // Refuse a file it cannot edit before asking Prometheus anything, so a decision is never lost for it.
        var editor = stack.OpenEditor();
        AnalysisResult? analysis = null;
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
