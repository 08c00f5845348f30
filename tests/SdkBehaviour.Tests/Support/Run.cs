using System.Collections.Immutable;
using Pulumi;
using Pulumi.Testing;

namespace SdkBehaviour.Tests.Support;

/// <summary>The test runs BEHAVIOUR.md was observed with: project "frontend", stack "dev".</summary>
internal static class Run
{
    public static TestOptions Update { get; } = new() { IsPreview = false, ProjectName = "frontend", StackName = "dev" };

    public static TestOptions Preview { get; } = new() { IsPreview = true, ProjectName = "frontend", StackName = "dev" };

    public static Task<ImmutableArray<Resource>> UpdateAsync(IMocks mocks, Action program)
        => Deployment.TestAsync(mocks, Update, program);

    public static Task<ImmutableArray<Resource>> PreviewAsync(IMocks mocks, Action program)
        => Deployment.TestAsync(mocks, Preview, program);
}
