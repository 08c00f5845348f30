using Frontend.Cli.Rollout;

namespace Frontend.Cli.Commands;

/// <summary><c>rollout rollback &lt;stack&gt;</c>: the canary to 0 and its share back to the stable versions, without asking the metrics.</summary>
internal static class RolloutRollbackCommand
{
    public static async Task<int> RunAsync(Arguments arguments, TextWriter stdout, TextWriter stderr)
    {
        var stack = await RolloutStack.LoadAsync(arguments, stderr);
        if (stack is null)
        {
            return ExitCodes.Failed;
        }

        var editor = stack.OpenEditor();
        var decision = RolloutDecision.RollBackByHand(stack.Plan);
        stack.Write(editor, decision);
        await stdout.WriteAsync(RolloutReport.Write("Rollout", stack.Name, stack.Plan, decision, step: null, metricsProblem: null, stack.AppName, next: false));
        await stdout.WriteAsync(RolloutReport.Written(Path.GetFileName(stack.StackFile), decision));
        return ExitCodes.Ok;
    }
}
