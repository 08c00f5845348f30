using Frontend.Infra.Tests.Testing;

namespace Frontend.Infra.Tests.Components;

public sealed class FrontendWorkloadsTests
{
    private const string DeploymentType = "kubernetes:apps/v1:Deployment";
    private const string ServiceType = "kubernetes:core/v1:Service";

    [Fact]
    public async Task Declare_TwoVersions_OneDeploymentPerVersionWithItsImageAndReplicas()
    {
        var run = await StackRun.DeclareAsync(SampleConfigs.TwoVersions());

        var deployments = run.OfType(DeploymentType);

        Assert.Equal(["frontend-v1", "frontend-v2"], deployments.Select(d => d.Name).Order());
        var v2 = run.Single(DeploymentType, "frontend-v2").Inputs;
        Assert.Equal("frontend-v2", v2.At("metadata.name"));
        Assert.Equal(2.0, v2.At("spec.replicas"));
        Assert.Equal("ghcr.io/acme/frontend:1.5.0", v2.At("spec.template.spec.containers.0.image"));
    }

    [Fact]
    public async Task Declare_EachDeployment_SelectorIsContainedInPodLabels()
    {
        var run = await StackRun.DeclareAsync(SampleConfigs.TwoVersions());

        foreach (var deployment in run.OfType(DeploymentType))
        {
            var selector = deployment.Inputs.Labels("spec.selector.matchLabels");
            var podLabels = deployment.Inputs.Labels("spec.template.metadata.labels");
            Assert.All(selector, label => Assert.Equal(label.Value, podLabels.GetValueOrDefault(label.Key)));
        }
    }

    [Fact]
    public async Task Declare_EachDeployment_PodsLabelledWithAppAndVersion()
    {
        var run = await StackRun.DeclareAsync(SampleConfigs.TwoVersions());

        var labels = run.Single(DeploymentType, "frontend-v1").Inputs.Labels("spec.template.metadata.labels");

        Assert.Equal(new Dictionary<string, string> { ["app"] = "frontend", ["version"] = "v1" }, labels);
    }

    [Fact]
    public async Task Declare_Service_SelectsEveryVersionByAppOnly()
    {
        var run = await StackRun.DeclareAsync(SampleConfigs.TwoVersions());

        var service = Assert.Single(run.OfType(ServiceType));
        var selector = service.Inputs.Labels("spec.selector");

        Assert.Equal(new Dictionary<string, string> { ["app"] = "frontend" }, selector);
        Assert.All(run.OfType(DeploymentType), d =>
        {
            var podLabels = d.Inputs.Labels("spec.template.metadata.labels");
            Assert.All(selector, label => Assert.Equal(label.Value, podLabels[label.Key]));
        });
    }

    [Fact]
    public async Task Declare_ServiceSelector_MatchesNoPodOfAnotherApp()
    {
        var run = await StackRun.DeclareAsync(SampleConfigs.TwoVersions());
        var otherApp = new Dictionary<string, string> { ["app"] = "checkout", ["version"] = "v1" };

        var selector = Assert.Single(run.OfType(ServiceType)).Inputs.Labels("spec.selector");

        Assert.False(selector.All(label => otherApp.GetValueOrDefault(label.Key) == label.Value));
    }

    [Fact]
    public async Task Declare_ServicePort_NamedByProtocolAndTargetingTheContainerPortByName()
    {
        var run = await StackRun.DeclareAsync(SampleConfigs.TwoVersions());

        var service = Assert.Single(run.OfType(ServiceType)).Inputs;
        var container = run.Single(DeploymentType, "frontend-v1").Inputs;

        Assert.Equal("http", service.At("spec.ports.0.name"));
        Assert.Equal(80.0, service.At("spec.ports.0.port"));
        Assert.Equal("http", service.At("spec.ports.0.targetPort"));
        Assert.Equal("http", container.At("spec.template.spec.containers.0.ports.0.name"));
        Assert.Equal(8080.0, container.At("spec.template.spec.containers.0.ports.0.containerPort"));
    }

    [Fact]
    public async Task Declare_ComponentChildren_AreParentedToTheWorkloadsComponent()
    {
        var run = await StackRun.DeclareAsync(SampleConfigs.TwoVersions());

        var component = Assert.Single(run.Resources.OfType<Frontend.Infra.Components.FrontendWorkloads>());

        Assert.Equal(2, component.Deployments.Length);
        Assert.Contains(run.Registered, r => r.Type == Frontend.Infra.Components.FrontendWorkloads.TypeToken && r.Name == "frontend");
    }

    [Fact]
    public async Task Declare_EveryPod_HardenedByDefault()
    {
        var run = await StackRun.DeclareAsync(SampleConfigs.TwoVersions());

        foreach (var deployment in run.OfType(DeploymentType))
        {
            var pod = deployment.Inputs.Map("spec.template.spec");
            var container = pod.Map("containers.0");
            Assert.Equal(true, pod.At("securityContext.runAsNonRoot"));
            Assert.Equal("RuntimeDefault", pod.At("securityContext.seccompProfile.type"));
            Assert.NotEqual(1337.0, pod.At("securityContext.runAsUser"));
            Assert.Equal(false, container.At("securityContext.allowPrivilegeEscalation"));
            Assert.Equal(true, container.At("securityContext.readOnlyRootFilesystem"));
            Assert.Equal(["ALL"], container.List("securityContext.capabilities.drop").Cast<string>());
            Assert.NotNull(container.At("resources.requests.cpu"));
            Assert.NotNull(container.At("resources.limits.memory"));
            Assert.Equal("/healthz/ready", container.At("readinessProbe.httpGet.path"));
            Assert.Equal("/healthz/live", container.At("livenessProbe.httpGet.path"));
        }
    }
}
