using System.Collections.Concurrent;
using Pulumi;
using SdkBehaviour.Tests.Support;

namespace SdkBehaviour.Tests;

/// <summary>
/// How a test sees the options a program gives its resources (Protect, RetainOnDelete, ...), which the mocks
/// never receive: a stack transformation under <c>Deployment.TestAsync&lt;TStack&gt;</c>. The real SDK calls a
/// stack's transformations in each resource's constructor, with the options as declared, for every
/// descendant of the stack (Resource.cs: "invoke them in order to transform the properties and options").
/// </summary>
public sealed class StackTransformationTests
{
    [Fact]
    public async Task TestAsyncOfStack_StackTransformation_SeesEachCustomResourcesOptions()
    {
        var seen = await RunAsync(() =>
        {
            Workloads.Deployment("kept", new CustomResourceOptions { Protect = true, RetainOnDelete = true });
            Workloads.Deployment("plain");
        });

        Assert.Equal((true, true), seen["kept"]);
        Assert.Equal(((bool?)null, (bool?)null), seen["plain"]);
    }

    [Fact]
    public async Task TestAsyncOfStack_StackTransformation_ReachesTheChildrenOfAComponent()
    {
        var seen = await RunAsync(() => _ = new TestComponent(
            "comp",
            parent => Workloads.Deployment("child", new CustomResourceOptions { Parent = parent, Protect = true })));

        Assert.Equal((true, (bool?)null), seen["child"]);
        Assert.Contains("comp", seen.Keys);
    }

    [Fact]
    public async Task TestAsyncOfStack_ResourcesBuiltInTheStacksConstructor_ReachTheMocks()
    {
        var mocks = new RecordingMocks();
        OptionsStack.Program = () => Workloads.Deployment("frontend-v1");

        await Deployment.TestAsync<OptionsStack>(mocks, Run.Update);

        Assert.Equal(["frontend-v1"], mocks.Resources.Select(r => r.Name));
    }

    private static async Task<IReadOnlyDictionary<string, (bool? Protect, bool? RetainOnDelete)>> RunAsync(Action program)
    {
        OptionsStack.Program = program;
        OptionsStack.Seen.Clear();
        await Deployment.TestAsync<OptionsStack>(new RecordingMocks(), Run.Update);
        return OptionsStack.Seen.ToDictionary();
    }

    /// <summary>A stack that runs <see cref="Program"/> and records every resource's options by name.</summary>
    private sealed class OptionsStack : Stack
    {
        public OptionsStack()
            : base(new StackOptions { ResourceTransformations = { Record } })
        {
            Program();
        }

        /// <summary>TestAsync constructs the stack itself, so the program reaches it through a static; the tests never run in parallel.</summary>
        public static Action Program { get; set; } = () => { };

        public static ConcurrentDictionary<string, (bool? Protect, bool? RetainOnDelete)> Seen { get; } = new();

        private static ResourceTransformationResult? Record(ResourceTransformationArgs args)
        {
            Seen[args.Resource.GetResourceName()] = (args.Options.Protect, args.Options.RetainOnDelete);
            return null;
        }
    }
}
