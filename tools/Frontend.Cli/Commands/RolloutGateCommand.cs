namespace Frontend.Cli.Commands;

/// <summary>
/// <c>rollout gate &lt;stack&gt; --hold &lt;canary@attempt&gt;</c>: may the stack file as checked out go live?
/// Not when it gives weight to a canary that a rollback holds (the stack tag <c>rollout-hold</c>) in the same
/// attempt: that is a step queued before the rollback, and deploying it would raise the canary again. The
/// deploy script asks before every <c>pulumi up</c>. Exit 0: deploy it; 8: skip it.
/// </summary>
internal static class RolloutGateCommand
{
    public const string HoldOption = "hold";

    public static async Task<int> RunAsync(Arguments arguments, TextWriter stdout, TextWriter stderr)
    {
        var stack = await RolloutStack.LoadAsync(arguments, stderr);
        if (stack is null)
        {
            return ExitCodes.Failed;
        }

        var plan = stack.Plan;
        var hold = arguments.Option(HoldOption);
        if (string.IsNullOrEmpty(hold) || hold != Rollout.Loop.StackTags.Hold(plan.Canary, plan.Attempt) || plan.CanaryWeight == 0)
        {
            await stdout.WriteLineAsync($"deploy: {plan.Canary} at {plan.CanaryWeight}% (attempt {plan.Attempt}) is not held{(string.IsNullOrEmpty(hold) ? "" : $" by {hold}")}");
            return ExitCodes.Ok;
        }

        await stdout.WriteLineAsync($"skip: this commit gives {plan.Canary} {plan.CanaryWeight}% in attempt {plan.Attempt}, which a rollback holds ({hold}); only a restart with {Rollout.RolloutPlan.AttemptKey} raised may raise it again");
        return ExitCodes.Held;
    }
}
