using Frontend.Cli.Commands;

namespace Frontend.Cli.Rollout.Loop;

/// <summary>
/// <c>rollout run</c>: executes a stack's plan to its end. Every interval it judges the current step on the
/// traffic since the step went live (<see cref="RolloutDecision.FromAnalysis"/>), and acts:
/// a promote or the finish is committed to main first and then deployed, so every step is a commit; a rollback
/// goes live first (after the hold that stops anything raising the canary again) and is committed after.
/// It is the only thing that moves the canary's weight while it runs, and it stops rather than fight a person
/// who changes the weights on main.
/// </summary>
internal sealed class RolloutLoop(
    string stackName,
    IStackRepository repository,
    IStackDeployment deployment,
    IRolloutClock clock,
    Uri prometheus,
    TextWriter log,
    TextWriter errors)
{
    /// <summary>A push that loses the race against another merge is applied again on top of it, this often.</summary>
    private const int PushAttempts = 5;

    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        await repository.SyncAsync();
        var stack = await LoadAsync();
        if (stack is null)
        {
            return ExitCodes.Failed;
        }

        if (RolloutDecision.BeforeMetrics(stack.Plan) is { } held)
        {
            await log.WriteLineAsync($"{Stamp()} held: {held.Reason}");
            return ExitCodes.Ok;
        }

        var plan = stack.Plan;
        var tags = await deployment.TagsAsync();
        var hold = StackTags.Hold(plan.Canary, plan.Attempt);
        if (tags.GetValueOrDefault(StackTags.RolloutHold) == hold)
        {
            await errors.WriteLineAsync($"error: {plan.Canary} (attempt {plan.Attempt}) was rolled back, and the stack tag {StackTags.RolloutHold} holds it; nothing raises it again until a person restarts the rollout. Fix: pulumi config set --path '{RolloutPlan.AttemptKey}' {plan.Attempt + 1} --stack {stackName}, with the canary's weight at the first step");
            return ExitCodes.Held;
        }

        var head = await repository.HeadAsync();
        var liveSince = tags.GetValueOrDefault(StackTags.DeployedCommit) == head && StackTags.Time(tags) is { } deployedAt
            ? deployedAt
            : await DeployAsync(head, $"rollout({stackName}): {plan.Canary} at {plan.CanaryWeight}% goes live");
        var liveWeight = plan.CanaryWeight;
        await log.WriteLineAsync($"{Stamp()} {plan.Canary} at {liveWeight}% (attempt {plan.Attempt}) live since {Instants.Text(liveSince)}; judged every {plan.Config.Analysis.Interval} over {plan.Config.Analysis.Window}, {plan.Config.Analysis.FailureThreshold} failed intervals roll back");

        var answered = false;
        var unavailable = 0;
        while (true)
        {
            await clock.WaitAsync(CanaryAnalysis.Duration(plan.Config.Analysis.Interval), cancellationToken);
            await repository.SyncAsync();
            stack = await LoadAsync();
            if (stack is null)
            {
                return ExitCodes.Failed;
            }

            plan = stack.Plan;
            if (plan.CanaryWeight != liveWeight)
            {
                await errors.WriteLineAsync($"error: {plan.Canary}'s weight on main is {plan.CanaryWeight}%, but the rollout made it {liveWeight}%: someone changed it by hand, and the loop stops rather than fight them. Run it again to go on from the new weight");
                return ExitCodes.Failed;
            }

            StepAnalysis step;
            try
            {
                step = await stack.AnalyzeAsync(prometheus, clock.Now, liveSince);
                answered = true;
                unavailable = 0;
            }
            catch (PrometheusException e)
            {
                unavailable++;
                await errors.WriteLineAsync($"error: {Stamp()} {e.Message} ({unavailable} of {plan.Config.Analysis.FailureThreshold} failed intervals)");
                if (!answered)
                {
                    await errors.WriteLineAsync($"error: the rollout of {plan.Canary} stopped before judging anything; nothing was changed");
                    return ExitCodes.MetricsUnavailable;
                }

                if (unavailable < plan.Config.Analysis.FailureThreshold)
                {
                    continue;
                }

                var blind = new RolloutDecision(DecisionKind.RollBack, $"Prometheus did not answer for {unavailable} intervals in a row, reaching the threshold of {plan.Config.Analysis.FailureThreshold}: a canary nobody can see is rolled back ({e.Message})", plan.Rollback());
                await RollBackAsync(stack, blind, null);
                return ExitCodes.MetricsUnavailable;
            }

            var decision = RolloutDecision.FromAnalysis(plan, step);
            await log.WriteLineAsync($"{Stamp()} {decision.Kind}: {decision.Reason}");
            switch (decision.Kind)
            {
                case DecisionKind.Promote:
                    liveSince = await CommitAndDeployAsync(stack, decision, step);
                    liveWeight = decision.Weights!.Single(w => w.Version == plan.Canary).After;
                    break;
                case DecisionKind.Finish:
                    await CommitAndDeployAsync(stack, decision, step);
                    return ExitCodes.Ok;
                case DecisionKind.RollBack:
                    await RollBackAsync(stack, decision, step);
                    return ExitCodes.RolledBack;
                case DecisionKind.MetricsMissing:
                    await errors.WriteLineAsync($"error: {decision.Reason}");
                    return ExitCodes.MetricsMissing;
                case DecisionKind.Held:
                    return ExitCodes.Ok;
                default:
                    break;
            }
        }
    }

    /// <summary>A promote or the finish: the commit on main first (every step a commit), then the deploy.</summary>
    private async Task<DateTimeOffset> CommitAndDeployAsync(RolloutStack stack, RolloutDecision decision, StepAnalysis step)
    {
        var message = Message(stack, decision, step);
        var commit = await CommitAsync(stack, decision, message);
        return await DeployAsync(commit, message.Split('\n')[0]);
    }

    /// <summary>
    /// The hold first, so that no deploy of an older commit raises the canary again; then the rollback goes live
    /// from the checkout; then it is committed with its evidence and recorded as deployed.
    /// </summary>
    private async Task RollBackAsync(RolloutStack stack, RolloutDecision decision, StepAnalysis? step)
    {
        var plan = stack.Plan;
        await deployment.SetTagAsync(StackTags.RolloutHold, StackTags.Hold(plan.Canary, plan.Attempt));
        stack.Write(stack.OpenEditor(), decision);
        var message = Message(stack, decision, step);
        await deployment.UpAsync(repository.Directory, message.Split('\n')[0]);
        var liveAt = clock.Now;
        await log.WriteLineAsync($"{Stamp()} rolled back: {plan.Canary} at 0% is live; recording it on main");
        var commit = await CommitAsync(stack, decision, message);
        await deployment.SetTagAsync(StackTags.DeployedCommit, commit);
        await deployment.SetTagAsync(StackTags.DeployedAt, StackTags.Seconds(liveAt));
    }

    /// <summary>
    /// Writes the decision into the stack file and pushes it to main; when another merge got there first, the
    /// same weights go on top of it, as long as that merge left the weights as the decision found them.
    /// </summary>
    private async Task<string> CommitAsync(RolloutStack stack, RolloutDecision decision, string message)
    {
        for (var attempt = 1; ; attempt++)
        {
            stack.Write(stack.OpenEditor(), decision);
            if (await repository.CommitAndPushAsync(stack.StackFile, message))
            {
                return await repository.HeadAsync();
            }

            if (attempt == PushAttempts)
            {
                throw new ExternalCommandException($"could not push the decision to main after {PushAttempts} attempts; the stack file's change is in {repository.Directory}");
            }

            await repository.SyncAsync();
            stack = await LoadAsync() ?? throw new ExternalCommandException("main's stack file no longer validates; the decision was not recorded");
            var found = stack.Plan.Weights;
            if (decision.Weights is { } weights && weights.Any(w => found.GetValueOrDefault(w.Version) != w.Before && found.GetValueOrDefault(w.Version) != w.After))
            {
                throw new ExternalCommandException("the weights on main changed while the decision was being recorded; it was not recorded");
            }
        }
    }

    /// <summary>Applies <paramref name="commit"/> (the checkout) and records it as live.</summary>
    private async Task<DateTimeOffset> DeployAsync(string commit, string message)
    {
        await deployment.UpAsync(repository.Directory, message);
        var liveAt = clock.Now;
        await deployment.SetTagAsync(StackTags.DeployedCommit, commit);
        await deployment.SetTagAsync(StackTags.DeployedAt, StackTags.Seconds(liveAt));
        await log.WriteLineAsync($"{Stamp()} deployed {commit[..Math.Min(12, commit.Length)]}: {message}");
        return liveAt;
    }

    private async Task<RolloutStack?> LoadAsync() => await RolloutStack.LoadAsync(repository.Directory, stackName, errors);

    /// <summary>The commit's subject says what changed for users; its body is the evidence.</summary>
    private string Message(RolloutStack stack, RolloutDecision decision, StepAnalysis? step)
    {
        var plan = stack.Plan;
        var after = decision.Weights?.SingleOrDefault(w => w.Version == plan.Canary)?.After ?? plan.CanaryWeight;
        var subject = decision.Kind switch
        {
            DecisionKind.RollBack => $"rollout({stackName}): roll back {plan.Canary} from {plan.CanaryWeight}% to 0%",
            DecisionKind.Finish => $"rollout({stackName}): {plan.Canary} finished at {after}%",
            _ => $"rollout({stackName}): {plan.Canary} {plan.CanaryWeight}% -> {after}%",
        };
        return $"{subject}\n\n{RolloutReport.Write("Rollout", stackName, plan, decision, step, metricsProblem: null, stack.AppName, next: false)}";
    }

    private string Stamp() => Instants.Text(clock.Now);
}
