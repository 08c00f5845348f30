using Frontend.Cli.Rollout;

namespace Frontend.Cli.Commands;

/// <summary>
/// <c>rollout status &lt;stack&gt;</c>: the current step, every check for the canary and the stable versions,
/// and what the next promote would decide. It writes nothing, so it exits 0 whatever the metrics say.
/// </summary>
internal static class RolloutStatusCommand
{
    public static async Task<int> RunAsync(Arguments arguments, TextWriter stdout, TextWriter stderr, TimeProvider clock)
    {
        var stack = await RolloutStack.LoadAsync(arguments, stderr);
        if (stack is null)
        {
            return ExitCodes.Failed;
        }

        StepAnalysis? analysis = null;
        string? problem = null;
        RolloutDecision decision;
        try
        {
            analysis = await stack.AnalyzeAsync(arguments, clock);
            decision = RolloutDecision.FromAnalysis(stack.Plan, analysis);
        }
        catch (PrometheusException e)
        {
            problem = e.Message;
            decision = RolloutDecision.BeforeMetrics(stack.Plan) ?? RolloutDecision.Unavailable(e.Message);
        }

        await stdout.WriteAsync(RolloutReport.Write("Rollout status", stack.Name, stack.Plan, decision, analysis, problem, stack.AppName, next: true));
        return ExitCodes.Ok;
    }
}
