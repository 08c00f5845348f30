using System.Globalization;

namespace Frontend.Cli.Rollout;

internal enum DecisionKind
{
    /// <summary>The step's latest interval passed: the next step's weights are written.</summary>
    Promote,

    /// <summary>The last step's latest interval passed: the rollout is done, and the plan says so.</summary>
    Finish,

    /// <summary>The canary has weight 0 (rolled back, finished, or not started): nothing raises it but a person.</summary>
    Held,

    /// <summary>The canary had some traffic, but less than the plan's minimum: wait for more.</summary>
    NotEnoughData,

    /// <summary>
    /// Not yet: no whole window has passed since the step went live, or the latest interval failed while the
    /// failures are still below the threshold. Judged again after the next interval.
    /// </summary>
    NotYet,

    /// <summary>The failures within this step reached the threshold: the rollback's weights are written.</summary>
    RollBack,

    /// <summary>Prometheus was unreachable or refused a query.</summary>
    MetricsUnavailable,

    /// <summary>No Istio request metrics for any version: Prometheus does not scrape Istio, or the names are wrong.</summary>
    MetricsMissing,

    /// <summary>A person asked for the rollback (<c>rollout rollback</c>).</summary>
    RollBackByHand,
}

/// <summary>How one analysis interval went.</summary>
internal enum IntervalOutcome
{
    Passed,
    Failed,
    TooLittleTraffic,
    NoMetricsAtAll,
}

/// <summary>One interval's outcome and why, in words for the report.</summary>
internal sealed record IntervalVerdict(DateTimeOffset Time, IntervalOutcome Outcome, string Reason);

/// <summary>What a decision writes into the stack file besides weights: the plan's roles after a finished rollout.</summary>
internal sealed record PlanRoles(string Canary, IReadOnlyList<string> Stable);

/// <summary>What the analysis decides, why, and the weights (and plan roles) it writes; none when it writes nothing.</summary>
internal sealed record RolloutDecision(DecisionKind Kind, string Reason, IReadOnlyList<WeightChange>? Weights, IReadOnlyList<IntervalVerdict>? Verdicts = null, PlanRoles? Roles = null)
{
    public bool Writes => (Weights is not null && Weights.Any(w => w.Before != w.After)) || Roles is not null;

    public int ExitCode => Kind switch
    {
        DecisionKind.NotEnoughData => ExitCodes.NotEnoughData,
        DecisionKind.RollBack => ExitCodes.RolledBack,
        DecisionKind.MetricsUnavailable => ExitCodes.MetricsUnavailable,
        DecisionKind.NotYet => ExitCodes.NotYet,
        DecisionKind.MetricsMissing => ExitCodes.MetricsMissing,
        _ => ExitCodes.Ok,
    };

    /// <summary>What is decided before any metric: a canary at 0 is held, whatever the metrics say.</summary>
    public static RolloutDecision? BeforeMetrics(RolloutPlan plan) => plan.CanaryWeight == 0
        ? new RolloutDecision(
            DecisionKind.Held,
            $"{plan.Canary} has weight 0 (rolled back, finished, or not started), so it has no traffic to judge; nothing raises it but a person. To start (or restart after a rollback): set its weight to the first step ({plan.Steps[0]}), take that share from the stable versions, and raise {RolloutPlan.AttemptKey} to {plan.Attempt + 1} if this canary was rolled back",
            null)
        : null;

    /// <summary>
    /// Flagger's rule over the step's intervals: a failed interval counts towards the failure threshold, and
    /// reaching it rolls back; the latest interval passing promotes (or, at the last step, finishes).
    /// </summary>
    public static RolloutDecision FromAnalysis(RolloutPlan plan, StepAnalysis step)
    {
        if (BeforeMetrics(plan) is { } early)
        {
            return early;
        }

        var analysis = plan.Config.Analysis;
        if (step.Latest is null)
        {
            var ready = step.LiveSince!.Value + CanaryAnalysis.Duration(analysis.Window);
            return new RolloutDecision(DecisionKind.NotYet, $"{plan.Canary} at {plan.CanaryWeight}% went live at {Instants.Text(step.LiveSince.Value)}; its first whole {analysis.Window} window ends at {Instants.Text(ready)}, and only traffic from after the step went live is judged", null, []);
        }

        var verdicts = step.Intervals.Select(interval => Judge(plan, interval)).ToList();
        var latest = verdicts[^1];
        var failures = verdicts.Where(v => v.Outcome == IntervalOutcome.Failed).ToList();
        if (latest.Outcome == IntervalOutcome.NoMetricsAtAll)
        {
            return new RolloutDecision(DecisionKind.MetricsMissing, latest.Reason, null, verdicts);
        }

        if (failures.Count >= analysis.FailureThreshold)
        {
            return new RolloutDecision(DecisionKind.RollBack, $"{failures.Count} of the step's intervals failed, reaching the threshold of {analysis.FailureThreshold}; the latest: {failures[^1].Reason}", plan.Rollback(), verdicts);
        }

        return latest.Outcome switch
        {
            IntervalOutcome.Passed when plan.NextStep is { } next =>
                new RolloutDecision(DecisionKind.Promote, $"{latest.Reason} ({Failures(failures.Count, analysis.FailureThreshold)})", plan.Promote(next), verdicts),
            IntervalOutcome.Passed =>
                new RolloutDecision(DecisionKind.Finish, $"{latest.Reason} at the last step ({plan.CanaryWeight}%): the rollout is done{plan.FinishNote}", plan.Promote(plan.CanaryWeight), verdicts, plan.FinishedRoles),
            IntervalOutcome.Failed =>
                new RolloutDecision(DecisionKind.NotYet, $"{latest.Reason} ({Failures(failures.Count, analysis.FailureThreshold)}; judged again after {analysis.Interval})", null, verdicts),
            _ => new RolloutDecision(DecisionKind.NotEnoughData, latest.Reason, null, verdicts),
        };
    }

    /// <summary>How one interval went for the canary, judged as its callers and the ingress gateway saw it.</summary>
    public static IntervalVerdict Judge(RolloutPlan plan, AnalysisResult result)
    {
        var analysis = plan.Config.Analysis;
        var window = analysis.Window;
        var requests = result.Requests.CanaryValue ?? 0;
        var stableRequests = result.Requests.Stable.Sum(v => v.Value ?? 0);
        if (requests < 0.5)
        {
            if (stableRequests < 0.5)
            {
                return new IntervalVerdict(result.Time, IntervalOutcome.NoMetricsAtAll, $"no Istio request metrics for {plan.Canary} or {string.Join(", ", plan.Stable)} in namespace {plan.Namespace} in the {window} to {Instants.Text(result.Time)}: Prometheus at {result.Prometheus} is not scraping Istio's proxies, or the namespace or the workload names (the Deployments, <app>-<version>) are not the ones Istio reports. Waiting for traffic would wait forever");
            }

            return new IntervalVerdict(result.Time, IntervalOutcome.Failed, $"{plan.Canary} has {plan.CanaryWeight}% of the traffic but its callers and the gateway sent it no request in the {window} to {Instants.Text(result.Time)}, while {string.Join(", ", plan.Stable)} got {Count(stableRequests)}: a canary that serves nothing is failing, not idle");
        }

        if (!result.Requests.Check.Passes(requests))
        {
            return new IntervalVerdict(result.Time, IntervalOutcome.TooLittleTraffic, $"{plan.Canary} got {Count(requests)} requests in the {window} to {Instants.Text(result.Time)}, fewer than the {analysis.MinRequests} needed to judge it: wait for more traffic");
        }

        var failed = result.Checks.Select(check => Failure(check, analysis.MaxSuccessRateDrop, result.Requests)).OfType<string>().ToList();
        return failed.Count > 0
            ? new IntervalVerdict(result.Time, IntervalOutcome.Failed, $"{plan.Canary} failed in the {window} to {Instants.Text(result.Time)}: {string.Join("; ", failed)}")
            : new IntervalVerdict(result.Time, IntervalOutcome.Passed, $"every check passed over {Count(requests)} requests to {plan.Canary} in the {window} to {Instants.Text(result.Time)}");
    }

    public static RolloutDecision Unavailable(string why) => new(DecisionKind.MetricsUnavailable, $"{why}; it counts as a failed interval, and no step is taken without the metrics", null);

    public static RolloutDecision RollBackByHand(RolloutPlan plan) => plan.CanaryWeight == 0
        ? new RolloutDecision(DecisionKind.RollBackByHand, $"{plan.Canary} already has weight 0: nothing to roll back", null)
        : new RolloutDecision(DecisionKind.RollBackByHand, $"rollback requested by hand: {plan.Canary}'s {plan.CanaryWeight}% goes back to {string.Join(", ", plan.Stable)}", plan.Rollback());

    /// <summary>Why a check failed for the canary, or null when it passed.</summary>
    private static string? Failure(CheckResult check, double? maxSuccessRateDrop, CheckResult requests)
    {
        if (check.CanaryValue is not { } value)
        {
            return $"{check.Check.Name} has no data (an empty result fails the interval; a check that counts things can say empty: zero)";
        }

        if (check.Check.Passes(value))
        {
            return null;
        }

        if (check.Check.Name == CanaryAnalysis.SuccessRateCheck && maxSuccessRateDrop is { } drop && StableSuccessRate(check, requests) is { } stable && stable - value <= drop)
        {
            return null;
        }

        return $"{check.Check.Name} {check.Check.Format(value)} is not {check.Check.ThresholdText}";
    }

    /// <summary>The stable versions' success rate, weighted by the requests each got; null when none has data.</summary>
    private static double? StableSuccessRate(CheckResult successRate, CheckResult requests)
    {
        var pairs = successRate.Stable.Zip(requests.Stable, (rate, count) => (Rate: rate.Value, Count: count.Value ?? 0))
            .Where(p => p.Rate is not null && p.Count > 0).ToList();
        var total = pairs.Sum(p => p.Count);
        return total > 0 ? pairs.Sum(p => p.Rate!.Value * p.Count) / total : null;
    }

    private static string Failures(int count, int threshold) => $"failed intervals in this step so far: {count}, of the {threshold} that roll back";

    private static string Count(double requests) => Math.Round(requests).ToString("0", CultureInfo.InvariantCulture);

}
