using Frontend.RolloutMetrics;
using Frontend.Cli.Tests.Support;

namespace Frontend.Cli.Tests.Rollout;

/// <summary>rollout promote against a real Prometheus holding Istio's metrics, replayed at a fixed instant.</summary>
[Collection(PrometheusTests.Name)]
public sealed class RolloutPromoteTests(PrometheusServer prometheus) : IDisposable
{
    private static readonly string Time = IstioSeries.EvaluationTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [PrometheusFact]
    public async Task Promote_HealthyCanaryAtFirstStep_WritesTheNextStepsWeightsOnlyAndExitsZero()
    {
        var project = _temp.WriteProject(RolloutStacks.Stack, RolloutStacks.TwoVersions("healthy"));

        var run = await Promote(project);

        Assert.Equal((0, ""), (run.ExitCode, run.Stderr));
        Assert.Equal(RolloutStacks.TwoVersions("healthy", v1Weight: 75, v2Weight: 25), RolloutStacks.Read(project));
    }

    [PrometheusFact]
    public async Task Promote_HealthyCanary_PrintsTheMarkdownReport()
    {
        var project = _temp.WriteProject(RolloutStacks.Stack, RolloutStacks.TwoVersions("healthy"));

        var run = await Promote(project);

        Assert.Equal(
            $$"""
            ## Rollout: v2 in stack staging

            Current step: v2 at 10% (step 1 of 4); steps 10%, 25%, 50%, 100%; stable: v1; attempt 1.

            Decision: **promote v2 from 10% to 25% (step 2 of 4)** (exit code 0): every check passed over 600 requests to v2 in the 5m to 2025-01-15T12:00:00Z (failed intervals in this step so far: 0, of the 5 that roll back).

            Intervals judged since the step went live at 2025-01-15T11:55:00Z, every 1m over the last 5m: 1 (1 passed, 0 failed of the 5 that roll back).

            Latest interval: evaluated at 2025-01-15T12:00:00Z over the last 5m, from Prometheus at {{prometheus.Address}}; requests and checks as the versions' callers and the ingress gateway saw them.

            | check | threshold | v2 (canary) | v1 (stable) | result |
            | --- | --- | ---: | ---: | --- |
            | requests in 5m | at least 100 | 600 | 2720 | pass |
            | served by the pods in 5m | (mirrored requests included) | 800 | 2720 | evidence |
            | success-rate | at least 99% | 100% | 99.26% | pass |
            | p99-latency | at most 500 ms | 95 ms | 94.8 ms | pass |

            | version | weight before | weight after |
            | --- | ---: | ---: |
            | v1 | 90% | 75% |
            | v2 | 10% | 25% |

            <details><summary>Queries (for the canary; the stable versions' differ only in destination_workload)</summary>

            ```promql
            # requests
            sum(increase(istio_requests_total{reporter="source",destination_workload_namespace="healthy",destination_workload="frontend-v2"}[5m]))
            # served
            sum(increase(istio_requests_total{reporter="destination",destination_workload_namespace="healthy",destination_workload="frontend-v2"}[5m]))
            # success-rate
            100 * (1 - ((sum(rate(istio_requests_total{reporter="source",destination_workload_namespace="healthy",destination_workload="frontend-v2",response_code=~"5.."}[5m])) or vector(0)) / sum(rate(istio_requests_total{reporter="source",destination_workload_namespace="healthy",destination_workload="frontend-v2"}[5m]))))
            # p99-latency
            histogram_quantile(0.99, sum by (le) (rate(istio_request_duration_milliseconds_bucket{reporter="source",destination_workload_namespace="healthy",destination_workload="frontend-v2"}[5m])))
            ```

            </details>

            Wrote the new weights to `Pulumi.staging.yaml`; `pulumi up` applies them.

            """,
            run.Stdout);
    }

    [PrometheusFact]
    public async Task Promote_CanaryReturning5xxForOneInterval_WritesNothingAndExitsSixBelowTheThreshold()
    {
        var stackFile = RolloutStacks.TwoVersions("erroring");
        var project = _temp.WriteProject(RolloutStacks.Stack, stackFile);

        var run = await Promote(project, liveMinutes: 5);

        Assert.Equal(6, run.ExitCode);
        Assert.Contains("v2 failed in the 5m to 2025-01-15T12:00:00Z: success-rate 90% is not at least 99% (failed intervals in this step so far: 1, of the 5 that roll back; judged again after 1m)", run.Stdout, StringComparison.Ordinal);
        Assert.Equal(stackFile, RolloutStacks.Read(project));
    }

    [PrometheusFact]
    public async Task Promote_CanaryReturning5xxForTheThreshold_WritesTheRollbackAndExitsFour()
    {
        var project = _temp.WriteProject(RolloutStacks.Stack, RolloutStacks.TwoVersions("erroring"));

        var run = await Promote(project, liveMinutes: 10);

        Assert.Equal(4, run.ExitCode);
        Assert.Contains("Decision: **roll back v2 to 0%** (exit code 4): 6 of the step's intervals failed, reaching the threshold of 5; the latest: v2 failed in the 5m to 2025-01-15T12:00:00Z: success-rate 90% is not at least 99%.", run.Stdout, StringComparison.Ordinal);
        Assert.Equal(RolloutStacks.TwoVersions("erroring", v1Weight: 100, v2Weight: 0), RolloutStacks.Read(project));
    }

    [PrometheusFact]
    public async Task Promote_SlowCanary_WritesTheRollbackAndExitsFour()
    {
        var project = _temp.WriteProject(RolloutStacks.Stack, RolloutStacks.TwoVersions("slow"));

        var run = await Promote(project, liveMinutes: 10);

        Assert.Equal(4, run.ExitCode);
        Assert.Contains("the latest: v2 failed in the 5m to 2025-01-15T12:00:00Z: p99-latency 2477.5 ms is not at most 500 ms.", run.Stdout, StringComparison.Ordinal);
        Assert.Equal(RolloutStacks.TwoVersions("slow", v1Weight: 100, v2Weight: 0), RolloutStacks.Read(project));
    }

    [PrometheusFact]
    public async Task Promote_DarkCanaryWhosePodsReportNothing_IsJudgedOnItsCallers503sAndRolledBack()
    {
        var project = _temp.WriteProject(RolloutStacks.Stack, RolloutStacks.TwoVersions("dark"));

        var run = await Promote(project, liveMinutes: 10);

        Assert.Equal(4, run.ExitCode);
        Assert.Contains("success-rate 0% is not at least 99%", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("| served by the pods in 5m | (mirrored requests included) | 0 | 2700 | evidence |", run.Stdout, StringComparison.Ordinal);
    }

    [PrometheusFact]
    public async Task Promote_AmbientHealthyCanary_IsJudgedOnTheWaypointsReportsAndPromoted()
    {
        var project = _temp.WriteProject(RolloutStacks.Stack, RolloutStacks.TwoVersions("ambient-healthy", mesh: RolloutStacks.Ambient));

        var run = await Promote(project);

        Assert.Equal((0, ""), (run.ExitCode, run.Stderr));
        Assert.Contains("reporter=~\"source|waypoint\",destination_workload_namespace=\"ambient-healthy\",destination_workload=\"frontend-v2\"", run.Stdout, StringComparison.Ordinal);
        Assert.Equal(RolloutStacks.TwoVersions("ambient-healthy", v1Weight: 75, v2Weight: 25, mesh: RolloutStacks.Ambient), RolloutStacks.Read(project));
    }

    [PrometheusFact]
    public async Task Promote_AmbientDarkCanary_IsJudgedOnTheWaypoints503sAndRolledBack()
    {
        var project = _temp.WriteProject(RolloutStacks.Stack, RolloutStacks.TwoVersions("ambient-dark", mesh: RolloutStacks.Ambient));

        var run = await Promote(project, liveMinutes: 10);

        Assert.Equal(4, run.ExitCode);
        Assert.Contains("success-rate 0% is not at least 99%", run.Stdout, StringComparison.Ordinal);
    }

    [PrometheusFact]
    public async Task Promote_SidecarQueriesOnAnAmbientNamespace_FindNoMetrics()
    {
        // The same series as the ambient test: what makes that one pass is reading the waypoint's reports.
        var project = _temp.WriteProject(RolloutStacks.Stack, RolloutStacks.TwoVersions("ambient-healthy"));

        var run = await Promote(project);

        Assert.Equal(7, run.ExitCode);
    }

    [PrometheusFact]
    public async Task Promote_NoMetricsForAnyVersion_SaysWhyAndExitsSevenWithoutWaiting()
    {
        var stackFile = RolloutStacks.TwoVersions("nowhere");
        var project = _temp.WriteProject(RolloutStacks.Stack, stackFile);

        var run = await Promote(project);

        Assert.Equal(7, run.ExitCode);
        Assert.Contains("no Istio request metrics for v2 or v1 in namespace nowhere", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("Waiting for traffic would wait forever", run.Stdout, StringComparison.Ordinal);
        Assert.Equal(stackFile, RolloutStacks.Read(project));
    }

    [PrometheusFact]
    public async Task Promote_StepLiveForLessThanAWindow_IsNotYetAndExitsSix()
    {
        var stackFile = RolloutStacks.TwoVersions("healthy");
        var project = _temp.WriteProject(RolloutStacks.Stack, stackFile);

        var run = await Promote(project, liveMinutes: 2);

        Assert.Equal(6, run.ExitCode);
        Assert.Contains("v2 at 10% went live at 2025-01-15T11:58:00Z; its first whole 5m window ends at 2025-01-15T12:03:00Z", run.Stdout, StringComparison.Ordinal);
        Assert.Equal(stackFile, RolloutStacks.Read(project));
    }

    [PrometheusFact]
    public async Task Promote_HealthyCanaryAtTheLastStep_FinishesAndMakesItTheStableVersion()
    {
        var project = _temp.WriteProject(RolloutStacks.Stack, RolloutStacks.TwoVersions("healthy", v1Weight: 0, v2Weight: 100));

        var run = await Promote(project);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("the plan now names v2 its stable version and v1 (at 0%, held, no pods) its canary, ready to retire", run.Stdout, StringComparison.Ordinal);
        Assert.Equal(
            RolloutStacks.TwoVersions("healthy", v1Weight: 0, v2Weight: 100).Replace("canary: v2", "canary: v1", StringComparison.Ordinal).Replace("stable: [v1]", "stable: [v2]", StringComparison.Ordinal),
            RolloutStacks.Read(project));
    }

    [PrometheusFact]
    public async Task Promote_OwnCheckWithEmptyZeroAndNoSeries_ReadsZeroAndPasses()
    {
        var query = "sum(rate(istio_requests_total{reporter=\"source\",destination_workload=\"{{workload}}\",response_code=\"429\"}[{{window}}]))";
        var project = _temp.WriteProject(RolloutStacks.Stack, RolloutStacks.TwoVersions("healthy", analysis: RolloutStacks.Check("throttled", query, 1, "max", empty: "zero")));

        var run = await Promote(project);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("| throttled | at most 1 | 0 | 0 | pass |", run.Stdout, StringComparison.Ordinal);
    }

    [PrometheusFact]
    public async Task Promote_OwnCheckWithEmptyFailAndNoSeries_FailsTheInterval()
    {
        var query = "sum(rate(istio_requests_total{reporter=\"source\",destination_workload=\"{{workload}}\",response_code=\"429\"}[{{window}}]))";
        var project = _temp.WriteProject(RolloutStacks.Stack, RolloutStacks.TwoVersions("healthy", analysis: RolloutStacks.Check("throttled", query, 1, "max")));

        var run = await Promote(project);

        Assert.Equal(6, run.ExitCode);
        Assert.Contains("throttled has no data (an empty result fails the interval; a check that counts things can say empty: zero)", run.Stdout, StringComparison.Ordinal);
    }

    [PrometheusFact]
    public async Task Promote_TooLittleTraffic_WritesNothingAndExitsThree()
    {
        var stackFile = RolloutStacks.TwoVersions("quiet");
        var project = _temp.WriteProject(RolloutStacks.Stack, stackFile);

        var run = await Promote(project);

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("Decision: **wait for more traffic, nothing written** (exit code 3): v2 got 20 requests in the 5m to 2025-01-15T12:00:00Z, fewer than the 100 needed to judge it: wait for more traffic.", run.Stdout, StringComparison.Ordinal);
        Assert.Equal(stackFile, RolloutStacks.Read(project));
    }

    [PrometheusFact]
    public async Task Promote_MalformedCheckQuery_WritesNothingAndExitsFive()
    {
        var stackFile = RolloutStacks.TwoVersions("healthy", analysis: RolloutStacks.Check("broken", "sum(rate(istio_requests_total{destination_workload=\"{{workload}}\"}[{{window}}])", 1, "max"));
        var project = _temp.WriteProject(RolloutStacks.Stack, stackFile);

        var run = await Promote(project);

        Assert.Equal(5, run.ExitCode);
        Assert.Equal(
            $"error: Prometheus at {prometheus.Address} refused the query (HTTP 400, bad_data: invalid parameter \"query\": 1:71: parse error: unclosed left parenthesis): sum(rate(istio_requests_total{{destination_workload=\"frontend-v2\"}}[5m])\n",
            run.Stderr);
        Assert.Equal(stackFile, RolloutStacks.Read(project));
    }

    [PrometheusFact]
    public async Task Promote_OwnCheckOverItsThreshold_FillsThePlaceholdersAndRollsBack()
    {
        // 2 requests a second to the canary, with at most 1 allowed.
        var query = "sum(rate(istio_requests_total{reporter=\"source\",destination_workload_namespace=\"{{namespace}}\",destination_workload=\"{{workload}}\"}[{{window}}]))";
        var project = _temp.WriteProject(RolloutStacks.Stack, RolloutStacks.TwoVersions("healthy", analysis: RolloutStacks.Check("request-rate", query, 1, "max")));

        var run = await Promote(project, liveMinutes: 10);

        Assert.Equal(4, run.ExitCode);
        Assert.Contains("| request-rate | at most 1 | 2 | 9.0667 | **fail** |", run.Stdout, StringComparison.Ordinal);
    }

    [PrometheusFact]
    public async Task Promote_HandEditedWeightBetweenSteps_GoesToTheNextStepAboveIt()
    {
        var project = _temp.WriteProject(RolloutStacks.Stack, RolloutStacks.TwoVersions("healthy", v1Weight: 85, v2Weight: 15));

        var run = await Promote(project);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(RolloutStacks.TwoVersions("healthy", v1Weight: 75, v2Weight: 25), RolloutStacks.Read(project));
    }

    [PrometheusFact]
    public async Task Promote_ProdStackHealthyAtTenPercent_ChangesTwoLines()
    {
        var project = _temp.Combine("prod");
        Directory.CreateDirectory(project);
        File.Copy(Path.Combine(RepositoryPaths.Root, "Pulumi.yaml"), Path.Combine(project, "Pulumi.yaml"));
        var before = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, "Pulumi.prod.yaml"));
        File.WriteAllLines(Path.Combine(project, "Pulumi.prod.yaml"), before);

        var run = await CliRun.Of("rollout", "promote", "prod", "--prometheus", prometheus.Address.ToString(), "--time", Time, "--deployed-at", LiveSince(5), "--project-dir", project);

        var after = File.ReadAllLines(Path.Combine(project, "Pulumi.prod.yaml"));
        var changed = before.Zip(after).Where(pair => pair.First != pair.Second).ToList();
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(before.Length, after.Length);
        Assert.Equal([("      weight: 90", "      weight: 75"), ("      weight: 10", "      weight: 25")], changed);
    }

    [PrometheusFact]
    public async Task Status_HealthyCanary_ShowsTheChecksAndWhatPromoteWouldDecideAndExitsZero()
    {
        var stackFile = RolloutStacks.TwoVersions("healthy");
        var project = _temp.WriteProject(RolloutStacks.Stack, stackFile);

        var run = await CliRun.Of("rollout", "status", RolloutStacks.Stack, "--prometheus", prometheus.Address.ToString(), "--time", Time, "--project-dir", project);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Next promote would decide: **promote v2 from 10% to 25% (step 2 of 4)** (exit code 0)", run.Stdout, StringComparison.Ordinal);
        Assert.Equal(stackFile, RolloutStacks.Read(project));
    }

    [PrometheusFact]
    public async Task Status_FailingCanary_ExitsZeroAndWritesNothing()
    {
        var stackFile = RolloutStacks.TwoVersions("erroring");
        var project = _temp.WriteProject(RolloutStacks.Stack, stackFile);

        var run = await CliRun.Of("rollout", "status", RolloutStacks.Stack, "--prometheus", prometheus.Address.ToString(), "--time", Time, "--deployed-at", LiveSince(10), "--project-dir", project);

        Assert.Equal((0, stackFile), (run.ExitCode, RolloutStacks.Read(project)));
        Assert.Contains("Next promote would decide: **roll back v2 to 0%** (exit code 4)", run.Stdout, StringComparison.Ordinal);
    }

    [PrometheusFact]
    public async Task Promote_UnixSecondsTime_EvaluatesAtTheSameInstantAsRfc3339()
    {
        var project = _temp.WriteProject(RolloutStacks.Stack, RolloutStacks.TwoVersions("healthy"));

        var run = await CliRun.Of("rollout", "status", RolloutStacks.Stack, "--prometheus", prometheus.Address.ToString(), "--time", "1736942400", "--project-dir", project);

        Assert.Contains("Latest interval: evaluated at 2025-01-15T12:00:00Z over the last 5m", run.Stdout, StringComparison.Ordinal);
    }

    /// <summary>A promote at <see cref="Time"/> of a step that went live <paramref name="liveMinutes"/> minutes before it.</summary>
    private Task<CliRun> Promote(string project, int liveMinutes = 5) =>
        CliRun.Of("rollout", "promote", RolloutStacks.Stack, "--prometheus", prometheus.Address.ToString(), "--time", Time, "--deployed-at", LiveSince(liveMinutes), "--project-dir", project);

    private static string LiveSince(int minutes) => IstioSeries.EvaluationTime.AddMinutes(-minutes).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
}
