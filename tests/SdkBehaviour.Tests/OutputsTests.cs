using System.Collections.Immutable;
using Pulumi;
using Pulumi.Utilities;
using SdkBehaviour.Tests.Support;
using Deployment = Pulumi.Deployment;
using KubernetesDeployment = Pulumi.Kubernetes.Apps.V1.Deployment;
using Service = Pulumi.Kubernetes.Core.V1.Service;

namespace SdkBehaviour.Tests;

/// <summary>BEHAVIOUR.md, "What the program gets back".</summary>
public sealed class OutputsTests
{
    [Fact]
    public async Task Spec_MockReturnsInputsAsState_ResolvesToTypedOutputsWithIntegers()
    {
        var mocks = new RecordingMocks();
        KubernetesDeployment? deployment = null;

        await Run.UpdateAsync(mocks, () => deployment = Workloads.Deployment());

        var spec = await OutputUtilities.GetValueAsync(deployment!.Spec);
        Assert.Equal(2, spec.Replicas);
        var container = Assert.Single(spec.Template.Spec.Containers);
        Assert.Equal("nginx:1.27", container.Image);
        Assert.Equal(8080, Assert.Single(container.Ports).ContainerPortValue);
        Assert.Equal("v1", spec.Selector.MatchLabels["version"]);
    }

    [Fact]
    public async Task Metadata_MockReturnsInputsAsState_IsReadable()
    {
        var mocks = new RecordingMocks();
        KubernetesDeployment? deployment = null;

        await Run.UpdateAsync(mocks, () => deployment = Workloads.Deployment());

        var metadata = await OutputUtilities.GetValueAsync(deployment!.Metadata);
        Assert.Equal("frontend-v1", metadata.Name);
        Assert.Equal("frontend", metadata.Labels["app"]);
        Assert.Equal("apps/v1", await OutputUtilities.GetValueAsync(deployment.ApiVersion));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task TargetPort_IntOrString_ComesBackAsTheSameUnionCase(bool givenAsNumber)
    {
        var mocks = new RecordingMocks();
        Service? service = null;

        await Run.UpdateAsync(mocks, () => service = Workloads.Service("service", givenAsNumber ? 8080 : "http"));

        var targetPort = Assert.Single((await OutputUtilities.GetValueAsync(service!.Spec)).Ports).TargetPort;
        Assert.Equal(givenAsNumber, targetPort.IsT0);
        Assert.Equal(givenAsNumber ? 8080 : "http", targetPort.Value);
    }

    [Fact]
    public async Task FreeFormOutput_ImmutableDictionaryOfObject_HoldsTheReturnedStateTree()
    {
        var mocks = new RecordingMocks();
        DestinationRule? destinationRule = null;

        await Run.UpdateAsync(mocks, () => destinationRule = Workloads.DestinationRule());

        var spec = await OutputUtilities.GetValueAsync(destinationRule!.Spec);
        Assert.Equal("frontend", spec["host"]);
        var subset = Assert.IsType<ImmutableDictionary<string, object>>(Assert.Single((ImmutableArray<object>)spec["subsets"]));
        Assert.Equal(90.0, subset["weight"]);
    }

    [Fact]
    public async Task Urn_TopLevelResource_NamesStackProjectAndStackQualifiedType()
    {
        var mocks = new RecordingMocks();
        KubernetesDeployment? deployment = null;

        await Run.UpdateAsync(mocks, () => deployment = Workloads.Deployment());

        Assert.Equal(
            "urn:pulumi:dev::frontend::pulumi:pulumi:Stack$kubernetes:apps/v1:Deployment::frontend-v1",
            await OutputUtilities.GetValueAsync(deployment!.Urn));
    }

    [Fact]
    public async Task Urn_ChildOfComponent_NamesOnlyTheStackAndItsOwnType()
    {
        var mocks = new RecordingMocks();
        TestComponent? component = null;
        KubernetesDeployment? child = null;

        await Run.UpdateAsync(mocks, () => component = new TestComponent(
            "comp", parent => child = Workloads.Deployment("child", new CustomResourceOptions { Parent = parent })));

        Assert.Equal("urn:pulumi:dev::frontend::pulumi:pulumi:Stack$acme:demo:Comp::comp", await OutputUtilities.GetValueAsync(component!.Urn));
        Assert.Equal("urn:pulumi:dev::frontend::pulumi:pulumi:Stack$kubernetes:apps/v1:Deployment::child", await OutputUtilities.GetValueAsync(child!.Urn));
    }

    [Fact]
    public async Task Id_MockReturnsAnId_IsTheResourcesId()
    {
        var mocks = new RecordingMocks();
        KubernetesDeployment? deployment = null;

        await Run.UpdateAsync(mocks, () => deployment = Workloads.Deployment());

        Assert.Equal("frontend-v1-id", await OutputUtilities.GetValueAsync(deployment!.Id));
    }

    [Fact]
    public async Task TestAsync_FuncReturningOutputs_ReturnsComponentAndCustomResourcesButNotTheStack()
    {
        var mocks = new RecordingMocks();

        var (resources, outputs) = await Deployment.TestAsync(mocks, Run.Update, () =>
        {
            var component = new TestComponent("comp", parent => Workloads.Deployment("child", new CustomResourceOptions { Parent = parent }));
            return new Dictionary<string, object?> { ["answer"] = component.Answer };
        });

        Assert.Equal("child|comp", string.Join('|', resources.Select(resource => resource.GetResourceName()).Order(StringComparer.Ordinal)));
        Assert.DoesNotContain(resources, resource => resource.GetResourceType() == "pulumi:pulumi:Stack");
        Assert.Equal(42, await OutputUtilities.GetValueAsync((Output<int>)outputs["answer"]!));
    }

    [Fact]
    public async Task RegisterOutputs_Component_ReachesTheMocksWithItsUrnAndValues()
    {
        var mocks = new RecordingMocks();

        await Run.UpdateAsync(mocks, () => _ = new TestComponent("comp"));

        var registered = Assert.Single(mocks.RegisteredOutputs, request => request.Urn.EndsWith("::comp", StringComparison.Ordinal));
        Assert.Equal(42.0, await OutputUtilities.GetValueAsync(registered.Outputs["answer"]));
    }

    [Fact]
    public async Task OutputFormat_OutputsOfResources_CombineIntoOneString()
    {
        var mocks = new RecordingMocks();
        Output<string>? host = null;

        await Run.UpdateAsync(mocks, () =>
        {
            var service = Workloads.Service("service", 8080);
            host = Output.Format($"{service.Metadata.Apply(metadata => metadata.Name)}.apps.svc.cluster.local");
        });

        Assert.Equal("frontend.apps.svc.cluster.local", await OutputUtilities.GetValueAsync(host!));
    }

    [Fact]
    public async Task Instance_DuringTheRun_ExposesProjectStackAndPreviewFlag()
    {
        var mocks = new RecordingMocks();
        (string Project, string Stack, bool IsDryRun) seen = default;

        await Run.PreviewAsync(mocks, () => seen = (Deployment.Instance.ProjectName, Deployment.Instance.StackName, Deployment.Instance.IsDryRun));

        Assert.Equal(("frontend", "dev", true), seen);
    }
}
