using System.Collections.Immutable;
using Pulumi;
using Pulumi.Kubernetes.Types.Inputs.Core.V1;
using Pulumi.Kubernetes.Types.Inputs.Meta.V1;
using Pulumi.Utilities;
using SdkBehaviour.Tests.Support;
using Namespace = Pulumi.Kubernetes.Core.V1.Namespace;

namespace SdkBehaviour.Tests;

/// <summary>BEHAVIOUR.md, "What IMocks.NewResourceAsync receives".</summary>
public sealed class MockResourceArgsTests
{
    [Fact]
    public async Task NewResourceAsync_ComponentResource_ReceivedWithItsTypeTokenAndEmptyInputs()
    {
        var mocks = new RecordingMocks();

        await Run.UpdateAsync(mocks, () => _ = new TestComponent("comp"));

        var component = mocks.Single("comp");
        Assert.Equal(TestComponent.Type, component.Type);
        Assert.Empty(component.Inputs);
    }

    [Fact]
    public async Task NewResourceAsync_Stack_NotCalled()
    {
        var mocks = new RecordingMocks();

        await Run.UpdateAsync(mocks, () => Workloads.Deployment());

        Assert.DoesNotContain(mocks.Resources, resource => resource.Type == "pulumi:pulumi:Stack");
        Assert.Single(mocks.Resources);
    }

    [Fact]
    public async Task Type_KubernetesAndCustomResources_AreTheirResourceTokens()
    {
        var mocks = new RecordingMocks();

        await Run.UpdateAsync(mocks, () =>
        {
            Workloads.Deployment("deployment");
            Workloads.Service("service", 8080);
            Workloads.DestinationRule("dr");
        });

        Assert.Equal("kubernetes:apps/v1:Deployment", mocks.Single("deployment").Type);
        Assert.Equal("kubernetes:core/v1:Service", mocks.Single("service").Type);
        Assert.Equal("kubernetes:networking.istio.io/v1:DestinationRule", mocks.Single("dr").Type);
    }

    [Fact]
    public async Task Name_ResourceWithMetadataName_IsThePulumiResourceName()
    {
        var mocks = new RecordingMocks();

        await Run.UpdateAsync(mocks, () => Workloads.Deployment("frontend-v1-pulumi"));

        var deployment = Assert.Single(mocks.Resources);
        Assert.Equal("frontend-v1-pulumi", deployment.Name);
        Assert.Equal("frontend-v1", Metadata(deployment.Inputs)["name"]);
    }

    [Fact]
    public async Task IdAndProvider_NewResourceWithDefaultProvider_AreEmptyStrings()
    {
        var mocks = new RecordingMocks();

        await Run.UpdateAsync(mocks, () => Workloads.Deployment());

        var deployment = Assert.Single(mocks.Resources);
        Assert.Equal(string.Empty, deployment.Id);
        Assert.Equal(string.Empty, deployment.Provider);
    }

    [Fact]
    public async Task Inputs_NestedArgsListsAndMaps_AreImmutableDictionariesAndArraysOfObject()
    {
        var mocks = new RecordingMocks();

        await Run.UpdateAsync(mocks, () => Workloads.Deployment());

        var inputs = Assert.Single(mocks.Resources).Inputs;
        var spec = Assert.IsType<ImmutableDictionary<string, object>>(inputs["spec"]);
        var template = Assert.IsType<ImmutableDictionary<string, object>>(spec["template"]);
        var podSpec = Assert.IsType<ImmutableDictionary<string, object>>(template["spec"]);
        var containers = Assert.IsType<ImmutableArray<object>>(podSpec["containers"]);
        var container = Assert.IsType<ImmutableDictionary<string, object>>(Assert.Single(containers));
        Assert.Equal("nginx:1.27", container["image"]);
        var labels = Assert.IsType<ImmutableDictionary<string, object>>(Metadata(inputs)["labels"]);
        Assert.Equal("v1", labels["version"]);
    }

    [Fact]
    public async Task Inputs_Numbers_AreDoubles()
    {
        var mocks = new RecordingMocks();

        await Run.UpdateAsync(mocks, () =>
        {
            Workloads.Deployment("deployment");
            Workloads.DestinationRule("dr");
        });

        var spec = (ImmutableDictionary<string, object>)mocks.Single("deployment").Inputs["spec"];
        Assert.Equal(2.0, Assert.IsType<double>(spec["replicas"]));
        var container = Container(mocks.Single("deployment").Inputs);
        var port = (ImmutableDictionary<string, object>)((ImmutableArray<object>)container["ports"])[0];
        Assert.Equal(8080.0, Assert.IsType<double>(port["containerPort"]));
        var subsets = (ImmutableArray<object>)((ImmutableDictionary<string, object>)mocks.Single("dr").Inputs["spec"])["subsets"];
        Assert.Equal(90.0, Assert.IsType<double>(((ImmutableDictionary<string, object>)subsets[0])["weight"]));
    }

    [Fact]
    public async Task Inputs_BooleansAndStrings_KeepTheirTypes()
    {
        var mocks = new RecordingMocks();

        await Run.UpdateAsync(mocks, () => Workloads.Deployment());

        var securityContext = (ImmutableDictionary<string, object>)Container(Assert.Single(mocks.Resources).Inputs)["securityContext"];
        Assert.False(Assert.IsType<bool>(securityContext["allowPrivilegeEscalation"]));
        Assert.True(Assert.IsType<bool>(securityContext["readOnlyRootFilesystem"]));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Inputs_IntOrStringUnion_HoldsWhicheverWasGiven(bool givenAsNumber)
    {
        var mocks = new RecordingMocks();

        await Run.UpdateAsync(mocks, () => Workloads.Service("service", givenAsNumber ? 8080 : "http"));

        var spec = (ImmutableDictionary<string, object>)Assert.Single(mocks.Resources).Inputs["spec"];
        var port = (ImmutableDictionary<string, object>)((ImmutableArray<object>)spec["ports"])[0];
        Assert.Equal(givenAsNumber ? 8080.0 : "http", port["targetPort"]);
    }

    [Fact]
    public async Task Inputs_UnsetProperties_AreAbsentRatherThanNull()
    {
        var mocks = new RecordingMocks();

        await Run.UpdateAsync(mocks, () => Workloads.Service("service", 8080));

        var inputs = Assert.Single(mocks.Resources).Inputs;
        var spec = (ImmutableDictionary<string, object>)inputs["spec"];
        var port = (ImmutableDictionary<string, object>)((ImmutableArray<object>)spec["ports"])[0];
        Assert.False(port.ContainsKey("nodePort"));
        Assert.False(spec.ContainsKey("type"));
        Assert.False(Metadata(inputs).ContainsKey("annotations"));
        Assert.DoesNotContain(null, AllValues(inputs));
    }

    [Fact]
    public async Task Inputs_KubernetesResource_HasApiVersionAndKindFilledIn()
    {
        var mocks = new RecordingMocks();

        await Run.UpdateAsync(mocks, () =>
        {
            Workloads.Deployment("deployment");
            _ = new Namespace("namespace");
        });

        Assert.Equal("apps/v1", mocks.Single("deployment").Inputs["apiVersion"]);
        Assert.Equal("Deployment", mocks.Single("deployment").Inputs["kind"]);
        Assert.Equal("v1", mocks.Single("namespace").Inputs["apiVersion"]);
        Assert.Equal("Namespace", mocks.Single("namespace").Inputs["kind"]);
    }

    [Fact]
    public async Task Inputs_Secret_ArrivesAsItsPlainValue()
    {
        var mocks = new RecordingMocks();

        await Run.UpdateAsync(mocks, () => _ = new Namespace("namespace", new NamespaceArgs
        {
            Metadata = new ObjectMetaArgs { Name = Output.CreateSecret("x") },
        }));

        Assert.Equal("x", Metadata(Assert.Single(mocks.Resources).Inputs)["name"]);
    }

    [Fact]
    public async Task Inputs_UnknownValueInPreview_LeavesItsTopLevelInputOut()
    {
        var mocks = new RecordingMocks();

        await Run.PreviewAsync(mocks, () => _ = new Namespace("namespace", new NamespaceArgs
        {
            Metadata = new ObjectMetaArgs { Name = OutputUtilities.CreateUnknown("x") },
        }));

        var inputs = Assert.Single(mocks.Resources).Inputs;
        Assert.False(inputs.ContainsKey("metadata"));
        Assert.Equal("Namespace", inputs["kind"]);
    }

    [Fact]
    public async Task Inputs_KnownOutputOfAnotherResource_ArrivesAsItsValue()
    {
        var mocks = new RecordingMocks();

        await Run.UpdateAsync(mocks, () =>
        {
            var first = new Namespace("first", new NamespaceArgs { Metadata = new ObjectMetaArgs { Name = "apps" } });
            _ = new Namespace("second", new NamespaceArgs
            {
                Metadata = new ObjectMetaArgs { Name = first.Metadata.Apply(metadata => metadata.Name + "-copy") },
            });
        });

        Assert.Equal("apps-copy", Metadata(mocks.Single("second").Inputs)["name"]);
    }

    private static ImmutableDictionary<string, object> Metadata(ImmutableDictionary<string, object> inputs)
        => (ImmutableDictionary<string, object>)inputs["metadata"];

    private static ImmutableDictionary<string, object> Container(ImmutableDictionary<string, object> deploymentInputs)
    {
        var spec = (ImmutableDictionary<string, object>)deploymentInputs["spec"];
        var podSpec = (ImmutableDictionary<string, object>)((ImmutableDictionary<string, object>)spec["template"])["spec"];
        return (ImmutableDictionary<string, object>)((ImmutableArray<object>)podSpec["containers"])[0];
    }

    private static IEnumerable<object?> AllValues(object? value) => value switch
    {
        ImmutableDictionary<string, object> map => map.Values.SelectMany(AllValues).Prepend(map),
        ImmutableArray<object> list => list.SelectMany(AllValues).Prepend(list),
        _ => [value],
    };
}
