namespace Frontend.Cli.Rollout;

internal enum DecisionKind
{
    /// <summary>Every check passed with enough requests: the next step's weights are written.</summary>
    Promote,

    /// <summary>The canary is at (or past) its last step: nothing to do.</summary>
    Complete,

    /// <summary>The canary has weight 0 (rolled back, or not started): promote does not restart it.</summary>
    Held,

    /// <summary>Too few canary requests in the window, or a check had no data: wait for more traffic.</summary>
    NotEnoughData,

    /// <summary>A check failed: the rollback's weights are written.</summary>
    RollBack,

    /// <summary>Prometheus was unreachable or refused a query: nothing is decided.</summary>
    MetricsUnavailable,

    /// <summary>A person asked for the rollback (<c>rollout rollback</c>).</summary>
    RollBackByHand,
}

/// <summary>What a promote decides, why, and the weights it writes (none when it writes nothing).</summary>
internal sealed record RolloutDecision(DecisionKind Kind, string Reason, IReadOnlyList<WeightChange>? Weights)
{
    public bool Writes => Weights is not null && Weights.Any(w => w.Before != w.After);

    public int ExitCode => Kind switch
    {
        DecisionKind.NotEnoughData => ExitCodes.NotEnoughData,
        DecisionKind.RollBack => ExitCodes.RolledBack,
        DecisionKind.MetricsUnavailable => ExitCodes.MetricsUnavailable,
        _ => ExitCodes.Ok,
    };

    /// <summary>What promote decides before it needs any metric, or null when the metrics decide.</summary>
    public static RolloutDecision? BeforeMetrics(RolloutPlan plan)
    {
        if (plan.CanaryWeight == 0)
        {
            return new RolloutDecision(
                DecisionKind.Held,
                $"{plan.Canary} has weight 0 (rolled back, or not started), so it has no traffic to judge; promote never restarts it. To start: set its weight to the first step ({plan.Steps[0]}) and take that share from the stable versions in the stack file",
                null);
        }

        return plan.NextStep is null
            ? new RolloutDecision(DecisionKind.Complete, $"{plan.Canary} is at {plan.CanaryWeight}%, the plan's last step ({plan.Steps[^1]}%): nothing to promote", null)
            : null;
    }

    /// <summary>Flagger's rule: enough requests, then every check must pass; a failed check rolls back.</summary>
    public static RolloutDecision FromAnalysis(RolloutPlan plan, AnalysisResult analysis)
    {
        if (BeforeMetrics(plan) is { } early)
        {
            return early;
        }

        var window = plan.Config.Analysis.Window;
        var requests = analysis.Requests.CanaryValue ?? 0;
        if (!analysis.Requests.Check.Passes(requests))
        {
            return new RolloutDecision(DecisionKind.NotEnoughData, $"{plan.Canary} served {analysis.Requests.Check.Format(requests)} requests in the last {window}, fewer than the {plan.Config.Analysis.MinRequests} needed to judge it: wait for more traffic", null);
        }

        var failed = analysis.Checks.Where(c => c.Passed == false).ToList();
        if (failed.Count > 0)
        {
            var why = string.Join("; ", failed.Select(c => $"{c.Check.Name} {c.Check.Format(c.CanaryValue)} is not {c.Check.ThresholdText}"));
            return new RolloutDecision(DecisionKind.RollBack, $"{plan.Canary} failed: {why}", plan.Rollback());
        }

        var missing = analysis.Checks.Where(c => c.Passed is null).ToList();
        if (missing.Count > 0)
        {
            return new RolloutDecision(DecisionKind.NotEnoughData, $"no data for {string.Join(", ", missing.Select(c => c.Check.Name))} for {plan.Canary} in the last {window}: nothing to judge yet", null);
        }

        var next = plan.NextStep!.Value;
        return new RolloutDecision(DecisionKind.Promote, $"every check passed over {analysis.Requests.Check.Format(requests)} requests to {plan.Canary} in the last {window}", plan.Promote(next));
    }

    public static RolloutDecision Unavailable(string why) => new(DecisionKind.MetricsUnavailable, $"{why}; an outage of the monitoring is neither a pass nor a reason to roll back", null);

    public static RolloutDecision RollBackByHand(RolloutPlan plan) => plan.CanaryWeight == 0
        ? new RolloutDecision(DecisionKind.RollBackByHand, $"{plan.Canary} already has weight 0: nothing to roll back", null)
        : new RolloutDecision(DecisionKind.RollBackByHand, $"rollback requested by hand: {plan.Canary}'s {plan.CanaryWeight}% goes back to {string.Join(", ", plan.Stable)}", plan.Rollback());
}
