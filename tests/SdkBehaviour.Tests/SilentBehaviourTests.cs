using Pulumi;
using Pulumi.Kubernetes.Types.Inputs.Core.V1;
using Pulumi.Kubernetes.Types.Inputs.Meta.V1;
using Pulumi.Utilities;
using SdkBehaviour.Tests.Support;
using Namespace = Pulumi.Kubernetes.Core.V1.Namespace;

namespace SdkBehaviour.Tests;

/// <summary>
/// What the program may rely on where BEHAVIOUR.md is silent, taken from the real SDK's source
/// (Deployment_ReadOrRegisterResource.cs, Deployment_Prepare.cs, ProviderResource.cs).
/// </summary>
public sealed class SilentBehaviourTests
{
    [Fact]
    public async Task Output_AbsentFromStateInPreview_IsUnknownAndItsApplyDoesNotRun()
    {
        Namespace? ns = null;
        Output<string>? applied = null;
        var applyRan = false;

        await Run.PreviewAsync(new RecordingMocks(), () =>
        {
            ns = new Namespace("namespace", new NamespaceArgs { Metadata = new ObjectMetaArgs { Name = "apps" } });
            applied = ns.Spec.Apply(spec =>
            {
                applyRan = true;
                return "ran";
            });
        });

        Assert.False(await OutputUtilities.GetIsKnownAsync(ns!.Spec));
        Assert.False(await OutputUtilities.GetIsKnownAsync(applied!));
        Assert.False(applyRan);
    }

    [Fact]
    public async Task Output_AbsentFromStateInUpdate_IsKnownAndNull()
    {
        Namespace? ns = null;

        await Run.UpdateAsync(new RecordingMocks(), () =>
            ns = new Namespace("namespace", new NamespaceArgs { Metadata = new ObjectMetaArgs { Name = "apps" } }));

        Assert.True(await OutputUtilities.GetIsKnownAsync(ns!.Spec));
        Assert.Null(await OutputUtilities.GetValueAsync(ns.Spec));
    }

    [Fact]
    public async Task DependsOn_Component_WaitsForTheComponentsChildren()
    {
        var childStartedAfter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var mocks = new RecordingMocks
        {
            BeforeReturning = async args =>
            {
                if (args.Name == "child")
                {
                    await Task.WhenAny(childStartedAfter.Task, Task.Delay(TimeSpan.FromMilliseconds(500)));
                }
                else if (args.Name == "after")
                {
                    childStartedAfter.TrySetResult();
                }
            },
        };

        await Run.UpdateAsync(mocks, () =>
        {
            var component = new TestComponent("comp", parent => Workloads.Deployment("child", new CustomResourceOptions { Parent = parent }));
            Workloads.Service("after", 8080, new CustomResourceOptions { DependsOn = { component } });
        });

        var events = mocks.Events.ToList();
        Assert.True(events.IndexOf("end child") < events.IndexOf("start after"), string.Join(" | ", events));
    }

    [Fact]
    public async Task DependsOn_ComponentWithoutChildren_DoesNotWaitForTheComponentItself()
    {
        var afterStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var mocks = new RecordingMocks
        {
            BeforeReturning = async args =>
            {
                if (args.Name == "comp")
                {
                    await Task.WhenAny(afterStarted.Task, Task.Delay(TimeSpan.FromSeconds(10)));
                }
                else if (args.Name == "after")
                {
                    afterStarted.TrySetResult();
                }
            },
        };

        await Run.UpdateAsync(mocks, () =>
        {
            var component = new TestComponent("comp");
            Workloads.Service("after", 8080, new CustomResourceOptions { DependsOn = { component } });
        });

        var events = mocks.Events.ToList();
        Assert.True(events.IndexOf("start after") < events.IndexOf("end comp"), string.Join(" | ", events));
    }

    [Fact]
    public async Task Provider_ExplicitProvider_IsPassedAsItsUrnAndId()
    {
        var mocks = new RecordingMocks();

        await Run.UpdateAsync(mocks, () =>
        {
            var provider = new ProviderResource("kubernetes", "k8s", ResourceArgs.Empty, new CustomResourceOptions());
            Workloads.Deployment("deployment", new CustomResourceOptions { Provider = provider });
        });

        Assert.Equal("pulumi:providers:kubernetes", mocks.Single("k8s").Type);
        Assert.Equal(
            "urn:pulumi:dev::frontend::pulumi:pulumi:Stack$pulumi:providers:kubernetes::k8s::k8s-id",
            mocks.Single("deployment").Provider);
    }

    [Fact]
    public async Task Get_ExistingObject_ReachesTheMocksWithItsIdAndNoInputs()
    {
        var mocks = new RecordingMocks();
        Namespace? existing = null;

        await Run.UpdateAsync(mocks, () => existing = Namespace.Get("existing", "istio-system"));

        var read = Assert.Single(mocks.Resources);
        Assert.Equal("kubernetes:core/v1:Namespace", read.Type);
        Assert.Equal("istio-system", read.Id);
        Assert.Empty(read.Inputs);
        Assert.Equal("istio-system", await OutputUtilities.GetValueAsync(existing!.Id));
    }

    [Fact]
    public async Task Provider_OnAComponent_IsInheritedByItsChildrenOfThatPackage()
    {
        var mocks = new RecordingMocks();

        await Run.UpdateAsync(mocks, () =>
        {
            var provider = new ProviderResource("kubernetes", "k8s", ResourceArgs.Empty, new CustomResourceOptions());
            _ = new TestComponent(
                "comp",
                parent => Workloads.Deployment("child", new CustomResourceOptions { Parent = parent }),
                new ComponentResourceOptions { Provider = provider });
        });

        Assert.Equal(
            "urn:pulumi:dev::frontend::pulumi:pulumi:Stack$pulumi:providers:kubernetes::k8s::k8s-id",
            mocks.Single("child").Provider);
        Assert.Equal(string.Empty, mocks.Single("comp").Provider);
    }

    [Fact]
    public async Task TestAsync_ApplyThrows_FailsTheRunLikeAnUnhandledException()
    {
        var error = await Assert.ThrowsAsync<RunException>(() => Run.UpdateAsync(new RecordingMocks(), () =>
            Output.Create("v1").Apply(string (_) => throw new FormatException("bad version"))));

        Assert.Contains("failed with an unhandled exception:\nSystem.FormatException: bad version", error.Message, StringComparison.Ordinal);
    }
}
