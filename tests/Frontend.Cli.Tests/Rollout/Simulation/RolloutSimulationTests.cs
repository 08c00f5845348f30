using Frontend.RolloutMetrics;
using System.Globalization;
using Frontend.Cli.Rollout.Loop;
using Xunit.Abstractions;

namespace Frontend.Cli.Tests.Rollout.Simulation;

/// <summary>
/// <c>rollout run</c> end to end, over simulated hours: the real loop against a real Prometheus holding each
/// scenario's Istio series, a local git origin, and a fake <c>pulumi</c>; every <c>pulumi up</c> takes a minute.
/// The plan is prod's: steps 10, 25, 50, 100, a 5m window judged every 1m, 3 failed intervals roll back.
/// Each test prints its timings; the README quotes them.
/// </summary>
[Collection(PrometheusTests.Name)]
public sealed class RolloutSimulationTests(PrometheusServer prometheus, ITestOutputHelper output)
{
    private static readonly DateTimeOffset Start = RolloutSimulations.LoopStart;

    [PrometheusFact]
    public async Task Run_HealthyCanary_ClimbsEveryStepIsAnalysedAtHundredAndFinishes()
    {
        using var world = await SimulatedWorld.CreateAsync("sim-healthy");

        var (exit, log, _) = await RunAsync(world, prometheus.Address);

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Equal([25, 50, 100, 100], world.CanaryWeightsDeployed);
        Assert.Equal(
            ["prod: start v2 at 10%", "rollout(prod): v2 10% -> 25%", "rollout(prod): v2 25% -> 50%", "rollout(prod): v2 50% -> 100%", "rollout(prod): v2 finished at 100%"],
            await world.SubjectsAsync());
        var file = File.ReadAllText(Path.Combine(world.People, "Pulumi.prod.yaml"));
        Assert.Equal(SimulatedWorld.StackFile("sim-healthy", 0, 100).Replace("canary: v2", "canary: v1", StringComparison.Ordinal).Replace("stable: [v1]", "stable: [v2]", StringComparison.Ordinal), file);
        Assert.Contains("Finish:", log, StringComparison.Ordinal);
        Report("healthy: 10% live to finished", world.Clock.Now - RolloutSimulations.LiveAtStart);
        Assert.Equal(Start.AddMinutes(20), world.Clock.Now);
    }

    [PrometheusFact]
    public async Task Run_CanaryGoesDark_IsRolledBackWithinTheThresholdAndHeld()
    {
        using var world = await SimulatedWorld.CreateAsync("sim-dark");

        var (exit, log, _) = await RunAsync(world, prometheus.Address);

        Assert.Equal(ExitCodes.RolledBack, exit);
        Assert.Equal([25, 0], world.CanaryWeightsDeployed);
        Assert.Equal("rollout(prod): roll back v2 from 25% to 0%", (await world.SubjectsAsync())[^1]);
        Assert.Equal("v2@1", world.Tag(StackTags.RolloutHold));
        Assert.Contains("success-rate 0% is not at least 99%", log, StringComparison.Ordinal);
        var (firstFailure, stableServesAll) = Timings(world, log);
        Report("dark: first failed interval to stable serving all", stableServesAll - firstFailure);
        Report("dark: canary dark to stable serving all", stableServesAll - RolloutSimulations.GoesDark);
        Assert.True(stableServesAll - firstFailure <= TimeSpan.FromMinutes(2) + SimulatedDeployment.UpTakes, $"{firstFailure:t} to {stableServesAll:t}");
    }

    [PrometheusFact]
    public async Task Run_LatencyRegressionAtFifty_IsRolledBack()
    {
        using var world = await SimulatedWorld.CreateAsync("sim-slow");

        var (exit, log, _) = await RunAsync(world, prometheus.Address);

        Assert.Equal(ExitCodes.RolledBack, exit);
        Assert.Equal([25, 50, 0], world.CanaryWeightsDeployed);
        Assert.Contains("p99-latency", log, StringComparison.Ordinal);
        var (firstFailure, stableServesAll) = Timings(world, log);
        Report("slow: first failed interval to stable serving all", stableServesAll - firstFailure);
        Report("slow: regression to stable serving all", stableServesAll - RolloutSimulations.GetsSlow);
        Assert.True(stableServesAll - firstFailure <= TimeSpan.FromMinutes(2) + SimulatedDeployment.UpTakes, $"{firstFailure:t} to {stableServesAll:t}");
    }

    [Fact]
    public async Task Run_PrometheusUnreachable_FailsLoudlyAndChangesNothing()
    {
        using var world = await SimulatedWorld.CreateAsync("sim-healthy");
        var closed = new Uri($"http://127.0.0.1:{ClosedPort()}/");

        var (exit, _, errors) = await RunAsync(world, closed);

        Assert.Equal(ExitCodes.MetricsUnavailable, exit);
        Assert.Contains($"Prometheus at {closed} is unreachable", errors, StringComparison.Ordinal);
        Assert.Contains("stopped before judging anything; nothing was changed", errors, StringComparison.Ordinal);
        Assert.Empty(world.CanaryWeightsDeployed);
        Assert.Equal(["prod: start v2 at 10%"], await world.SubjectsAsync());
    }

    [PrometheusFact]
    public async Task Deploy_PromoteQueuedBehindARollback_IsNeverApplied()
    {
        using var world = await SimulatedWorld.CreateAsync("sim-dark");
        var first = world.Tag(StackTags.DeployedCommit)!;
        Assert.Equal(ExitCodes.RolledBack, (await RunAsync(world, prometheus.Address)).Exit);

        // A deploy run queued before the loop's commits were recorded: it starts from the first commit and
        // walks the promote to 25% and then the rollback.
        world.SetTag(StackTags.DeployedCommit, first);
        var deploy = await world.DeployMainAsync();

        Assert.Equal(0, deploy.ExitCode);
        Assert.Contains("not deploying", deploy.Stdout, StringComparison.Ordinal);
        Assert.Equal([25, 0, 0], world.CanaryWeightsDeployed);
    }

    [PrometheusFact]
    public async Task Run_UnrelatedMergeDuringTheRollout_ChangesNoWeight()
    {
        using var world = await SimulatedWorld.CreateAsync("sim-healthy");
        string? deployOutput = null;
        world.Clock.At(Start.AddMinutes(4), async () =>
        {
            await world.MergeUnrelatedAsync();
            deployOutput = (await world.DeployMainAsync()).Stdout;
        });

        var (exit, _, _) = await RunAsync(world, prometheus.Address);

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.NotNull(deployOutput);
        Assert.Equal([25, 25, 50, 100, 100], world.CanaryWeightsDeployed);
        Assert.Contains("replicas: 4", File.ReadAllText(Path.Combine(world.People, "Pulumi.prod.yaml")), StringComparison.Ordinal);
    }

    private static async Task<(int Exit, string Log, string Errors)> RunAsync(SimulatedWorld world, Uri prometheusAddress)
    {
        using var log = new StringWriter { NewLine = "\n" };
        using var errors = new StringWriter { NewLine = "\n" };
        var exit = await world.Loop(prometheusAddress, log, errors).RunAsync();
        return (exit, log.ToString(), errors.ToString());
    }

    /// <summary>The first interval the loop judged failed, and when the rollback went live (the stack's deployed-at).</summary>
    private static (DateTimeOffset FirstFailure, DateTimeOffset StableServesAll) Timings(SimulatedWorld world, string log)
    {
        var first = log.Split('\n').First(line => line.Contains(" NotYet: ", StringComparison.Ordinal) && line.Contains(" failed in ", StringComparison.Ordinal) || line.Contains(" RollBack: ", StringComparison.Ordinal));
        var firstFailure = DateTimeOffset.Parse(first.Split(' ')[0], CultureInfo.InvariantCulture);
        var live = DateTimeOffset.FromUnixTimeSeconds(long.Parse(world.Tag(StackTags.DeployedAt)!, CultureInfo.InvariantCulture));
        return (firstFailure, live);
    }

    private void Report(string what, TimeSpan span) => output.WriteLine($"{what}: {span.TotalMinutes:0.#} min (simulated)");

    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
