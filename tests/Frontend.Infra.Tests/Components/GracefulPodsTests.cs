using System.Collections.Immutable;
using Frontend.Infra.Configuration;
using Frontend.Infra.Tests.Testing;

namespace Frontend.Infra.Tests.Components;

/// <summary>
/// Pods that start without being killed for it, spread so one node or zone takes only its share, and leave
/// without cutting requests: a drain delay before SIGTERM, within the grace period, with the sidecar kept up as long.
/// </summary>
public sealed class GracefulPodsTests
{
    private const string DeploymentType = "kubernetes:apps/v1:Deployment";
    private const string BudgetType = "kubernetes:policy/v1:PodDisruptionBudget";

    private static async Task<ImmutableDictionary<string, object>> PodAsync(StackConfig? config = null) =>
        (await StackRun.DeclareAsync(config ?? SampleConfigs.TwoVersions())).Single(DeploymentType, "frontend-v1").Inputs.Map("spec.template");

    private static StackConfig WithShutdown(ShutdownConfig shutdown)
    {
        var config = SampleConfigs.TwoVersions();
        return config with { App = config.App with { Shutdown = shutdown } };
    }

    [Fact]
    public async Task Declare_Default_AppSleepsTenSecondsBeforeSigterm()
    {
        var pod = await PodAsync();

        Assert.Equal(10.0, pod.At("spec.containers.0.lifecycle.preStop.sleep.seconds"));
    }

    [Fact]
    public async Task Declare_Default_GracePeriodIsFortyFiveSeconds()
    {
        var pod = await PodAsync();

        Assert.Equal(45.0, pod.At("spec.terminationGracePeriodSeconds"));
    }

    [Fact]
    public async Task Declare_ConfiguredDrain_SidecarDrainsAsLongAsTheApp()
    {
        var pod = await PodAsync(WithShutdown(new ShutdownConfig { DrainSeconds = 20, TerminationGracePeriodSeconds = 60 }));

        Assert.Equal("terminationDrainDuration: 20s", pod.Labels("metadata.annotations")["proxy.istio.io/config"]);
        Assert.Equal(20.0, pod.At("spec.containers.0.lifecycle.preStop.sleep.seconds"));
        Assert.Equal(60.0, pod.At("spec.terminationGracePeriodSeconds"));
    }

    [Fact]
    public async Task Declare_DrainZero_NoPreStopHookAndNoProxyOverride()
    {
        var pod = await PodAsync(WithShutdown(new ShutdownConfig { DrainSeconds = 0 }));

        Assert.False(pod.Map("spec.containers.0").ContainsKey("lifecycle"));
        Assert.False(pod.Map("metadata").ContainsKey("annotations"));
    }

    [Fact]
    public void Validate_GracePeriodNotAboveDrain_RefusedWithAWorkingFix()
    {
        var problems = StackConfigValidator.Validate(WithShutdown(new ShutdownConfig { DrainSeconds = 30, TerminationGracePeriodSeconds = 30 }), "dev");

        Assert.Equal(
            "frontend:app.shutdown.terminationGracePeriodSeconds = 30: must exceed app.shutdown.drainSeconds (30): the grace period counts from the start of the drain delay, so the app would be killed before it ever got SIGTERM. Fix: pulumi config set --path 'app.shutdown.terminationGracePeriodSeconds' 60",
            Assert.Single(problems).ToString());
    }

    [Fact]
    public async Task Declare_Default_StartupProbeOnTheLivenessPathAllowsTwoMinutes()
    {
        var pod = await PodAsync();

        Assert.Equal("/healthz/live", pod.At("spec.containers.0.startupProbe.httpGet.path"));
        Assert.Equal(10.0, pod.At("spec.containers.0.startupProbe.periodSeconds"));
        Assert.Equal(12.0, pod.At("spec.containers.0.startupProbe.failureThreshold"));
    }

    [Fact]
    public async Task Declare_Default_SpreadsEachVersionAcrossNodesThenZonesAsAPreference()
    {
        var pod = await PodAsync();

        var spread = pod.List("spec.topologySpreadConstraints").Cast<ImmutableDictionary<string, object>>().ToList();
        Assert.Equal(["kubernetes.io/hostname", "topology.kubernetes.io/zone"], spread.Select(c => c.At("topologyKey")));
        Assert.All(spread, c =>
        {
            Assert.Equal(1.0, c.At("maxSkew"));
            Assert.Equal("ScheduleAnyway", c.At("whenUnsatisfiable"));
            Assert.Equal(new Dictionary<string, string> { ["app"] = "frontend", ["version"] = "v1" }, c.Labels("labelSelector.matchLabels"));
            Assert.Equal(["pod-template-hash"], c.List("matchLabelKeys").Cast<string>());
        });
    }

    [Fact]
    public async Task Declare_Budget_LetsDrainsEvictUnhealthyPods()
    {
        var run = await StackRun.DeclareAsync(SampleConfigs.TwoVersions() with { PodDisruptionBudget = new DisruptionBudgetConfig() });

        Assert.All(run.OfType(BudgetType), budget => Assert.Equal("AlwaysAllow", budget.Inputs.At("spec.unhealthyPodEvictionPolicy")));
    }
}
