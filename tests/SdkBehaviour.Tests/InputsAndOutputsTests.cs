using System.Collections.Immutable;
using Pulumi;
using Pulumi.Kubernetes.Types.Inputs.Core.V1;
using Pulumi.Kubernetes.Types.Inputs.Meta.V1;
using Pulumi.Utilities;
using SdkBehaviour.Tests.Support;
using Namespace = Pulumi.Kubernetes.Core.V1.Namespace;

namespace SdkBehaviour.Tests;

/// <summary>The input and output combinators the program uses, as the real SDK defines them.</summary>
public sealed class InputsAndOutputsTests
{
    [Fact]
    public async Task InputList_ValuesAndOutputsAdded_KeepTheirOrder()
    {
        var mocks = new RecordingMocks();

        await Run.UpdateAsync(mocks, () =>
        {
            var metadata = new ObjectMetaArgs { Finalizers = { "first" } };
            metadata.Finalizers.Add(Output.Create("second"), "third");
            _ = new Namespace("namespace", new NamespaceArgs { Metadata = metadata });
        });

        var metadataInputs = (ImmutableDictionary<string, object>)Assert.Single(mocks.Resources).Inputs["metadata"];
        Assert.Equal("first|second|third", string.Join('|', (ImmutableArray<object>)metadataInputs["finalizers"]));
    }

    [Fact]
    public async Task InputMap_SameKeySetTwice_FailsTheRun()
    {
        var error = await Assert.ThrowsAsync<RunException>(() => Run.UpdateAsync(new RecordingMocks(), () =>
            _ = new Namespace("namespace", new NamespaceArgs
            {
                Metadata = new ObjectMetaArgs { Labels = { ["app"] = "frontend", ["app"] = "backend" } },
            })));

        Assert.Contains("System.ArgumentException", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InputMapMerge_SameKeyInBoth_TakesTheSecondsValue()
    {
        Output<ImmutableDictionary<string, string>>? merged = null;

        await Run.UpdateAsync(new RecordingMocks(), () =>
        {
            InputMap<string> first = new Dictionary<string, string> { ["app"] = "frontend", ["tier"] = "web" };
            InputMap<string> second = new Dictionary<string, string> { ["tier"] = "edge" };
            merged = InputMap<string>.Merge(first, second).ToOutput();
        });

        var labels = await OutputUtilities.GetValueAsync(merged!);
        Assert.Equal("frontend", labels["app"]);
        Assert.Equal("edge", labels["tier"]);
    }

    [Fact]
    public async Task OutputTupleAndAll_KnownValues_CombineInOrder()
    {
        Output<(string, int)>? tuple = null;
        Output<ImmutableArray<int>>? all = null;

        await Run.UpdateAsync(new RecordingMocks(), () =>
        {
            tuple = Output.Tuple(Output.Create("v1"), Output.Create(90));
            all = Output.All(Output.Create(90), Output.Create(10));
        });

        Assert.Equal(("v1", 90), await OutputUtilities.GetValueAsync(tuple!));
        Assert.Equal("90|10", string.Join('|', await OutputUtilities.GetValueAsync(all!)));
    }

    [Fact]
    public async Task OutputTuple_OneUnknownInPreview_IsUnknown()
    {
        Output<(string, string)>? tuple = null;

        await Run.PreviewAsync(new RecordingMocks(), () =>
            tuple = Output.Tuple(Output.Create("known"), OutputUtilities.CreateUnknown("unknown")));

        Assert.False(await OutputUtilities.GetIsKnownAsync(tuple!));
    }

    [Fact]
    public async Task CreateSecret_Value_IsMarkedSecretAndStaysSecretThroughApply()
    {
        Output<string>? secret = null;

        await Run.UpdateAsync(new RecordingMocks(), () => secret = Output.CreateSecret("token").Apply(token => token + "!"));

        Assert.True(await Output.IsSecretAsync(secret!));
        Assert.Equal("token!", await OutputUtilities.GetValueAsync(secret!));
    }

    [Fact]
    public async Task ServiceType_EnumTypeValue_ArrivesAsItsString()
    {
        var mocks = new RecordingMocks();

        await Run.UpdateAsync(mocks, () => _ = new Pulumi.Kubernetes.Core.V1.Service("service", new ServiceArgs
        {
            Spec = new ServiceSpecArgs { Type = Pulumi.Kubernetes.Core.V1.ServiceSpecType.ClusterIP },
        }));

        var spec = (ImmutableDictionary<string, object>)Assert.Single(mocks.Resources).Inputs["spec"];
        Assert.Equal("ClusterIP", spec["type"]);
    }
}
