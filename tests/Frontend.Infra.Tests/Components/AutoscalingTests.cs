using System.Collections.Immutable;
using Frontend.Infra.Configuration;
using Frontend.Infra.Tests.Testing;

namespace Frontend.Infra.Tests.Components;

/// <summary>
/// A HorizontalPodAutoscaler per autoscaled version, and a Deployment that leaves its replica count to it:
/// a declared count would make every pulumi up reset what the autoscaler chose.
/// </summary>
public sealed class AutoscalingTests
{
    private const string DeploymentType = "kubernetes:apps/v1:Deployment";
    private const string AutoscalerType = "kubernetes:autoscaling/v2:HorizontalPodAutoscaler";

    private static StackConfig Autoscaled(AutoscalingConfig? stack = null, AutoscalingConfig? v2 = null)
    {
        var config = SampleConfigs.TwoVersions(v1Weight: 90, v2Weight: 10);
        return config with
        {
            Autoscaling = stack ?? new AutoscalingConfig(),
            Versions = [config.Versions[0], config.Versions[1] with { Autoscaling = v2 }],
        };
    }

    [Fact]
    public async Task Declare_AutoscaledVersion_DeploymentDeclaresNoReplicas()
    {
        var run = await StackRun.DeclareAsync(Autoscaled());

        Assert.All(run.OfType(DeploymentType), d => Assert.False(d.Inputs.Map("spec").ContainsKey("replicas"), d.Name));
    }

    [Fact]
    public async Task Declare_FixedVersion_DeploymentDeclaresItsReplicas()
    {
        var run = await StackRun.DeclareAsync(SampleConfigs.TwoVersions());

        Assert.Equal(2.0, run.Single(DeploymentType, "frontend-v2").Inputs.At("spec.replicas"));
        Assert.Empty(run.OfType(AutoscalerType));
    }

    [Fact]
    public async Task Declare_AutoscaledVersion_AutoscalerMeasuresTheAppContainerNotTheSidecar()
    {
        var run = await StackRun.DeclareAsync(Autoscaled());

        Assert.Equal("app", run.Single(AutoscalerType, "frontend-v2").Inputs.At("spec.metrics.0.containerResource.container"));
    }

    [Fact]
    public async Task Declare_FixedVersion_DeploymentForcesItsFieldsBackWithPatchForce()
    {
        var run = await StackRun.DeclareAsync(SampleConfigs.TwoVersions());

        Assert.All(run.OfType(DeploymentType), d => Assert.Equal("true", d.Inputs.Labels("metadata.annotations")["pulumi.com/patchForce"]));
    }

    [Fact]
    public async Task Declare_AutoscaledVersion_DeploymentCarriesNoPatchForce()
    {
        var run = await StackRun.DeclareAsync(Autoscaled());

        Assert.All(run.OfType(DeploymentType), d => Assert.False(d.Inputs.Map("metadata").ContainsKey("annotations"), d.Name));
    }

    [Fact]
    public async Task Declare_OneVersionSwitchedBackToFixed_OnlyThatDeploymentCarriesPatchForce()
    {
        var run = await StackRun.DeclareAsync(Autoscaled(v2: new AutoscalingConfig { Enabled = false }));

        Assert.False(run.Single(DeploymentType, "frontend-v1").Inputs.Map("metadata").ContainsKey("annotations"));
        Assert.Equal("true", run.Single(DeploymentType, "frontend-v2").Inputs.Labels("metadata.annotations")["pulumi.com/patchForce"]);
    }

    [Fact]
    public async Task Declare_AutoscaledVersion_AutoscalerScalesItsDeploymentOnCpu()
    {
        var run = await StackRun.DeclareAsync(Autoscaled());

        var hpa = run.Single(AutoscalerType, "frontend-v2").Inputs;
        Assert.Equal("autoscaling/v2", hpa.At("apiVersion"));
        Assert.Equal("frontend-v2", hpa.At("metadata.name"));
        Assert.Equal("frontend-dev", hpa.At("metadata.namespace"));
        Assert.Equal(new Dictionary<string, object> { ["apiVersion"] = "apps/v1", ["kind"] = "Deployment", ["name"] = "frontend-v2" }, hpa.Map("spec.scaleTargetRef"));
        Assert.Equal(2.0, hpa.At("spec.minReplicas"));
        Assert.Equal(10.0, hpa.At("spec.maxReplicas"));
        var metric = (ImmutableDictionary<string, object>)Assert.Single(hpa.List("spec.metrics"));
        Assert.Equal("ContainerResource", metric.At("type"));
        Assert.Equal("cpu", metric.At("containerResource.name"));
        Assert.Equal("Utilization", metric.At("containerResource.target.type"));
        Assert.Equal(70.0, metric.At("containerResource.target.averageUtilization"));
    }

    [Fact]
    public async Task Declare_MemoryTarget_AddsAMemoryMetricAfterCpu()
    {
        var run = await StackRun.DeclareAsync(Autoscaled(new AutoscalingConfig { TargetMemoryUtilization = 80 }));

        var metrics = run.Single(AutoscalerType, "frontend-v1").Inputs.List("spec.metrics").Cast<ImmutableDictionary<string, object>>().ToList();
        Assert.Equal(["cpu", "memory"], metrics.Select(m => m.At("containerResource.name")));
        Assert.Equal(80.0, metrics[1].At("containerResource.target.averageUtilization"));
    }

    [Fact]
    public async Task Declare_VersionBlock_OverridesTheStacksKeyByKey()
    {
        var run = await StackRun.DeclareAsync(Autoscaled(new AutoscalingConfig { MinReplicas = 3, MaxReplicas = 12, TargetCpuUtilization = 60 }, v2: new AutoscalingConfig { MaxReplicas = 4 }));

        var v2 = run.Single(AutoscalerType, "frontend-v2").Inputs;
        Assert.Equal(3.0, v2.At("spec.minReplicas"));
        Assert.Equal(4.0, v2.At("spec.maxReplicas"));
        Assert.Equal(60.0, v2.At("spec.metrics.0.containerResource.target.averageUtilization"));
    }

    [Fact]
    public async Task Declare_VersionOptingOut_KeepsFixedReplicasAndNoAutoscaler()
    {
        var run = await StackRun.DeclareAsync(Autoscaled(v2: new AutoscalingConfig { Enabled = false }));

        Assert.Equal(["frontend-v1"], run.OfType(AutoscalerType).Select(h => h.Name));
        Assert.Equal(2.0, run.Single(DeploymentType, "frontend-v2").Inputs.At("spec.replicas"));
    }

    [Fact]
    public void Validate_MinAboveMax_RefusedOnceAtTheStacksBlock()
    {
        var problems = StackConfigValidator.Validate(Autoscaled(new AutoscalingConfig { MinReplicas = 5, MaxReplicas = 3 }), "dev");

        Assert.Equal(
            "frontend:autoscaling.minReplicas = 5: must not exceed autoscaling.maxReplicas (3); Kubernetes refuses such an autoscaler. Fix: pulumi config set --path 'autoscaling.maxReplicas' 5",
            Assert.Single(problems).ToString());
    }

    [Fact]
    public void Validate_VersionMinAboveTheStacksMax_RefusedAtTheVersion()
    {
        var problems = StackConfigValidator.Validate(Autoscaled(new AutoscalingConfig { MaxReplicas = 3 }, v2: new AutoscalingConfig { MinReplicas = 4 }), "dev");

        Assert.Equal(
            "frontend:versions[1].autoscaling.minReplicas = 4: must not exceed maxReplicas (3) of version 'v2'; Kubernetes refuses such an autoscaler. Fix: pulumi config set --path 'versions[1].autoscaling.maxReplicas' 4",
            Assert.Single(problems).ToString());
    }

    [Fact]
    public void Validate_MinZero_RefusedWithWhy()
    {
        var problems = StackConfigValidator.Validate(Autoscaled(new AutoscalingConfig { MinReplicas = 0 }), "dev");

        Assert.Equal(
            "frontend:autoscaling.minReplicas = 0: must be between 1 and 1000 (0 needs Kubernetes' alpha HPAScaleToZero feature). Fix: pulumi config set --path 'autoscaling.minReplicas' 1",
            Assert.Single(problems).ToString());
    }

    [Fact]
    public void Validate_TargetOver100_Refused()
    {
        var problems = StackConfigValidator.Validate(Autoscaled(new AutoscalingConfig { TargetCpuUtilization = 150 }), "dev");

        Assert.Equal(
            "frontend:autoscaling.targetCpuUtilization = 150: must be between 1 and 100 (a percentage of the CPU request). Fix: pulumi config set --path 'autoscaling.targetCpuUtilization' 100",
            Assert.Single(problems).ToString());
    }

    [Fact]
    public void Validate_ZeroCpuRequestWhileAutoscaled_Refused()
    {
        var config = Autoscaled() with { App = new AppConfig { Resources = new ResourcesConfig { CpuRequest = "0" } } };

        Assert.Equal(
            "frontend:app.resources.cpuRequest = \"0\": must be above 0 while a version autoscales on CPU: utilisation is measured against the request. Fix: pulumi config set --path 'app.resources.cpuRequest' 100m",
            Assert.Single(StackConfigValidator.Validate(config, "dev")).ToString());
    }

    [Fact]
    public void Validate_ProductionRoutedVersionWithMinOneUnderABudget_NamesItsMinReplicas()
    {
        var config = Autoscaled(v2: new AutoscalingConfig { MinReplicas = 1 }).ProductionReady();

        Assert.Equal(
            "frontend:versions[1].autoscaling.minReplicas = 1: must be at least 2 for a version that receives traffic under a disruption budget of maxUnavailable 1: with 1 a node drain may evict every pod of 'v2' and its traffic gets 503s (required in production). Fix: pulumi config set --path 'versions[1].autoscaling.minReplicas' 2",
            Assert.Single(StackConfigValidator.Validate(config, "prod")).ToString());
    }

    [Fact]
    public void Validate_ProductionDrainedVersionScalingToOne_Accepted()
    {
        var config = Autoscaled(v2: new AutoscalingConfig { MinReplicas = 1 }).ProductionReady();
        config = config with { Versions = [config.Versions[0] with { Weight = 100 }, config.Versions[1] with { Weight = 0 }] };

        Assert.Empty(StackConfigValidator.Validate(config, "prod"));
    }
}
