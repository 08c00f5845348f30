using System.Globalization;
using System.Text;

namespace Frontend.Cli.Rollout;

/// <summary>
/// A decision as Markdown, for a pull request body or a job summary: the checks with each version's value
/// against its threshold, the decision and why, the weights before and after, and the queries, so a
/// reviewer can paste them into Prometheus at the same instant.
/// </summary>
internal static class RolloutReport
{
    /// <param name="next">True for status, which only says what the next promote would decide.</param>
    public static string Write(string title, string stack, RolloutPlan plan, RolloutDecision decision, StepAnalysis? step, string? metricsProblem, string appName, bool next)
    {
        var analysis = step?.Latest;
        var report = new StringBuilder();
        report.Append(CultureInfo.InvariantCulture, $"## {title}: {plan.Canary} in stack {stack}\n\n");
        report.Append(CultureInfo.InvariantCulture, $"Current step: {plan.Canary} at {plan.CanaryWeight}% ({plan.Describe(plan.CanaryWeight)}); steps {string.Join(", ", plan.Steps.Select(s => $"{s}%"))}; stable: {string.Join(", ", plan.Stable)}; attempt {plan.Attempt}.\n\n");
        report.Append(CultureInfo.InvariantCulture, $"{(next ? "Next promote would decide" : "Decision")}: **{Verb(decision, plan)}** (exit code {decision.ExitCode}): {decision.Reason}.\n\n");
        if (step is not null)
        {
            Intervals(report, plan, step, decision);
        }

        if (analysis is not null)
        {
            Checks(report, plan, analysis);
        }
        else if (metricsProblem is not null)
        {
            report.Append(CultureInfo.InvariantCulture, $"Metrics: {metricsProblem}.\n\n");
        }

        if (decision.Weights is { } weights)
        {
            report.Append(next ? "Weights the next promote would write:\n\n" : "");
            report.Append("| version | weight before | weight after |\n| --- | ---: | ---: |\n");
            foreach (var weight in weights)
            {
                report.Append(CultureInfo.InvariantCulture, $"| {weight.Version} | {weight.Before}% | {weight.After}% |\n");
            }

            report.Append('\n');
        }

        if (analysis is not null)
        {
            Queries(report, plan, appName);
        }

        return report.ToString();
    }

    /// <summary>The report's last line: whether the stack file changed, so a reader of the job summary need not diff.</summary>
    public static string Written(string stackFile, RolloutDecision decision) => decision.Writes
        ? $"\nWrote the new weights to `{stackFile}`; `pulumi up` applies them.\n"
        : $"\n`{stackFile}` is unchanged.\n";

    private static string Verb(RolloutDecision decision, RolloutPlan plan) => decision.Kind switch
    {
        DecisionKind.Promote => $"promote {plan.Canary} from {plan.CanaryWeight}% to {decision.Weights!.Single(w => w.Version == plan.Canary).After}% ({plan.Describe(decision.Weights!.Single(w => w.Version == plan.Canary).After)})",
        DecisionKind.Finish => $"finish: {plan.Canary} stays at {plan.CanaryWeight}%",
        DecisionKind.Held => "held at 0%, nothing to promote",
        DecisionKind.NotEnoughData => "wait for more traffic, nothing written",
        DecisionKind.NotYet => "not yet, nothing written",
        DecisionKind.RollBack => $"roll back {plan.Canary} to 0%",
        DecisionKind.MetricsUnavailable => "no decision, nothing written",
        DecisionKind.MetricsMissing => "no Istio metrics at all, nothing written",
        DecisionKind.RollBackByHand => decision.Writes ? $"roll back {plan.Canary} to 0%" : "nothing to roll back",
        _ => decision.Kind.ToString(),
    };

    /// <summary>The step's intervals so far, and each failed one's reason: the evidence a rollback stands on.</summary>
    private static void Intervals(StringBuilder report, RolloutPlan plan, StepAnalysis step, RolloutDecision decision)
    {
        var analysis = plan.Config.Analysis;
        var since = step.LiveSince is { } live ? $"since the step went live at {Instants.Text(live)}" : "(no --deployed-at: the latest window only, whenever the step went live)";
        var verdicts = decision.Verdicts ?? [];
        var failed = verdicts.Where(v => v.Outcome == IntervalOutcome.Failed).ToList();
        report.Append(CultureInfo.InvariantCulture, $"Intervals judged {since}, every {analysis.Interval} over the last {analysis.Window}: {verdicts.Count} ({verdicts.Count(v => v.Outcome == IntervalOutcome.Passed)} passed, {failed.Count} failed of the {analysis.FailureThreshold} that roll back).\n\n");
        foreach (var verdict in failed)
        {
            report.Append(CultureInfo.InvariantCulture, $"- failed: {verdict.Reason}\n");
        }

        report.Append(failed.Count > 0 ? "\n" : "");
    }

    private static void Checks(StringBuilder report, RolloutPlan plan, AnalysisResult analysis)
    {
        var window = plan.Config.Analysis.Window;
        report.Append(CultureInfo.InvariantCulture, $"Latest interval: evaluated at {Instants.Text(analysis.Time)} over the last {window}, from Prometheus at {analysis.Prometheus}; requests and checks as the versions' callers and the ingress gateway saw them.\n\n");
        var versions = analysis.Requests.Values.Select((v, i) => i == 0 ? $"{v.Version} (canary)" : $"{v.Version} (stable)").ToList();
        report.Append(CultureInfo.InvariantCulture, $"| check | threshold | {string.Join(" | ", versions)} | result |\n");
        report.Append(CultureInfo.InvariantCulture, $"| --- | --- | {string.Join(" | ", versions.Select(_ => "---:"))} | --- |\n");
        foreach (var result in new[] { analysis.Requests, analysis.Served }.Concat(analysis.Checks))
        {
            var name = result.Check.Name == CanaryAnalysis.RequestsCheck ? $"requests in {window}" : result == analysis.Served ? $"served by the pods in {window}" : result.Check.Name;
            var outcome = result.Passed switch
            {
                _ when result == analysis.Served => "evidence",
                true => "pass",
                false when result == analysis.Requests => "too few",
                false => "**fail**",
                null => "no data",
            };
            var threshold = result == analysis.Served ? "(mirrored requests included)" : result.Check.ThresholdText;
            report.Append(CultureInfo.InvariantCulture, $"| {name} | {threshold} | {string.Join(" | ", result.Values.Select(v => result.Check.Format(v.Value ?? (result.Check.EmptyIsZero ? 0 : null))))} | {outcome} |\n");
        }

        report.Append('\n');
    }

    private static void Queries(StringBuilder report, RolloutPlan plan, string appName)
    {
        var canary = CanaryAnalysis.Targets(plan, appName)[0];
        report.Append("<details><summary>Queries (for the canary; the stable versions' differ only in destination_workload)</summary>\n\n```promql\n");
        foreach (var check in new[] { CanaryAnalysis.RequestsOf(plan.Config.Analysis), CanaryAnalysis.ServedOf() }.Concat(CanaryAnalysis.ChecksOf(plan.Config.Analysis)))
        {
            report.Append(CultureInfo.InvariantCulture, $"# {check.Name}\n{check.Query(canary)}\n");
        }

        report.Append("```\n\n</details>\n");
    }
}
