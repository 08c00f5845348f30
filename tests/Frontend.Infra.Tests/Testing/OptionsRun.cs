using System.Collections.Concurrent;
using Frontend.Infra.Configuration;
using Pulumi;
using Pulumi.Testing;

namespace Frontend.Infra.Tests.Testing;

/// <summary>The options one resource was declared with, as a stack transformation sees them.</summary>
internal sealed record DeclaredOptions(string Type, string Name, bool? Protect, bool? RetainOnDelete);

/// <summary>
/// Declares a stack under <c>Deployment.TestAsync&lt;TStack&gt;</c> with a stack transformation that records each
/// resource's options: the mocks never receive Protect or RetainOnDelete, and this is how the real SDK shows
/// them to a test (see SdkBehaviour.Tests' StackTransformationTests).
/// </summary>
internal static class OptionsRun
{
    public static async Task<IReadOnlyList<DeclaredOptions>> DeclareAsync(StackConfig config, string stack = "dev")
    {
        OptionsStack.Config = config;
        OptionsStack.Seen.Clear();
        await Deployment.TestAsync<OptionsStack>(new RecordingMocks(), new TestOptions { ProjectName = ConfigPath.Project, StackName = stack, IsPreview = false });
        return [.. OptionsStack.Seen];
    }

    private sealed class OptionsStack : Stack
    {
        public OptionsStack()
            : base(new StackOptions { ResourceTransformations = { Record } })
        {
            FrontendStack.Declare(Config!);
        }

        /// <summary>TestAsync constructs the stack itself; tests that call it never run in parallel.</summary>
        public static StackConfig? Config { get; set; }

        public static ConcurrentQueue<DeclaredOptions> Seen { get; } = new();

        private static ResourceTransformationResult? Record(ResourceTransformationArgs args)
        {
            Seen.Enqueue(new DeclaredOptions(args.Resource.GetResourceType(), args.Resource.GetResourceName(), args.Options.Protect, args.Options.RetainOnDelete));
            return null;
        }
    }
}
