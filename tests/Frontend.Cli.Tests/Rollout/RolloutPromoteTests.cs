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

            Current step: v2 at 10% (step 1 of 4); steps 10%, 25%, 50%, 100%; stable: v1.

            Decision: **promote v2 from 10% to 25% (step 2 of 4)** (exit code 0): every check passed over 600 requests to v2 in the last 5m.

            Evaluated at 2025-01-15T12:00:00Z over the last 5m, from Prometheus at {{prometheus.Address}}.

            | check | threshold | v2 (canary) | v1 (stable) | result |
            | --- | --- | ---: | ---: | --- |
            | requests in 5m | at least 100 | 600 | 2720 | pass |
            | success-rate | at least 99% | 100% | 99.26% | pass |
            | p99-latency | at most 500 ms | 95 ms | 94.8 ms | pass |

            | version | weight before | weight after |
            | --- | ---: | ---: |
            | v1 | 90% | 75% |
            | v2 | 10% | 25% |

            <details><summary>Queries (for the canary; the stable versions' differ only in destination_workload)</summary>

            ```promql
            # requests
            sum(increase(istio_requests_total{reporter="destination",destination_workload_namespace="healthy",destination_workload="frontend-v2"}[5m]))
            # success-rate
            100 * (1 - ((sum(rate(istio_requests_total{reporter="destination",destination_workload_namespace="healthy",destination_workload="frontend-v2",response_code=~"5.."}[5m])) or vector(0)) / sum(rate(istio_requests_total{reporter="destination",destination_workload_namespace="healthy",destination_workload="frontend-v2"}[5m]))))
            # p99-latency
            histogram_quantile(0.99, sum by (le) (rate(istio_request_duration_milliseconds_bucket{reporter="destination",destination_workload_namespace="healthy",destination_workload="frontend-v2"}[5m])))
            ```

            </details>

            Wrote the new weights to `Pulumi.staging.yaml`; `pulumi up` applies them.

            """,
            run.Stdout);
    }

    [PrometheusFact]
    public async Task Promote_CanaryReturning5xx_WritesTheRollbackAndExitsFour()
    {
        var project = _temp.WriteProject(RolloutStacks.Stack, RolloutStacks.TwoVersions("erroring"));

        var run = await Promote(project);

        Assert.Equal(4, run.ExitCode);
        Assert.Contains("Decision: **roll back v2 to 0%** (exit code 4): v2 failed: success-rate 90% is not at least 99%.", run.Stdout, StringComparison.Ordinal);
        Assert.Equal(RolloutStacks.TwoVersions("erroring", v1Weight: 100, v2Weight: 0), RolloutStacks.Read(project));
    }

    [PrometheusFact]
    public async Task Promote_SlowCanary_WritesTheRollbackAndExitsFour()
    {
        var project = _temp.WriteProject(RolloutStacks.Stack, RolloutStacks.TwoVersions("slow"));

        var run = await Promote(project);

        Assert.Equal(4, run.ExitCode);
        Assert.Contains("Decision: **roll back v2 to 0%** (exit code 4): v2 failed: p99-latency 2477.5 ms is not at most 500 ms.", run.Stdout, StringComparison.Ordinal);
        Assert.Equal(RolloutStacks.TwoVersions("slow", v1Weight: 100, v2Weight: 0), RolloutStacks.Read(project));
    }

    [PrometheusFact]
    public async Task Promote_TooLittleTraffic_WritesNothingAndExitsThree()
    {
        var stackFile = RolloutStacks.TwoVersions("quiet");
        var project = _temp.WriteProject(RolloutStacks.Stack, stackFile);

        var run = await Promote(project);

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("Decision: **wait, nothing written** (exit code 3): v2 served 20 requests in the last 5m, fewer than the 100 needed to judge it: wait for more traffic.", run.Stdout, StringComparison.Ordinal);
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
        var query = "sum(rate(istio_requests_total{reporter=\"destination\",destination_workload_namespace=\"{{namespace}}\",destination_workload=\"{{workload}}\"}[{{window}}]))";
        var project = _temp.WriteProject(RolloutStacks.Stack, RolloutStacks.TwoVersions("healthy", analysis: RolloutStacks.Check("request-rate", query, 1, "max")));

        var run = await Promote(project);

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

        var run = await CliRun.Of("rollout", "promote", "prod", "--prometheus", prometheus.Address.ToString(), "--time", Time, "--project-dir", project);

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

        var run = await CliRun.Of("rollout", "status", RolloutStacks.Stack, "--prometheus", prometheus.Address.ToString(), "--time", Time, "--project-dir", project);

        Assert.Equal((0, stackFile), (run.ExitCode, RolloutStacks.Read(project)));
        Assert.Contains("Next promote would decide: **roll back v2 to 0%** (exit code 4)", run.Stdout, StringComparison.Ordinal);
    }

    [PrometheusFact]
    public async Task Promote_UnixSecondsTime_EvaluatesAtTheSameInstantAsRfc3339()
    {
        var project = _temp.WriteProject(RolloutStacks.Stack, RolloutStacks.TwoVersions("healthy"));

        var run = await CliRun.Of("rollout", "status", RolloutStacks.Stack, "--prometheus", prometheus.Address.ToString(), "--time", "1736942400", "--project-dir", project);

        Assert.Contains("Evaluated at 2025-01-15T12:00:00Z over the last 5m", run.Stdout, StringComparison.Ordinal);
    }

    private Task<CliRun> Promote(string project) =>
        CliRun.Of("rollout", "promote", RolloutStacks.Stack, "--prometheus", prometheus.Address.ToString(), "--time", Time, "--project-dir", project);
}
