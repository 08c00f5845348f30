using System.Collections.Immutable;
using Frontend.Infra.Configuration;
using Pulumi;
using Pulumi.Testing;

namespace Frontend.Infra.Tests.Testing;

/// <summary>What one evaluation of the stack under mocks declared and returned.</summary>
internal sealed record StackRun(IReadOnlyList<MockResourceArgs> Registered, ImmutableArray<Resource> Resources, IDictionary<string, object?> Outputs)
{
    public IReadOnlyList<MockResourceArgs> OfType(string type) => [.. Registered.Where(r => r.Type == type)];

    public MockResourceArgs Single(string type, string name) => Registered.Single(r => r.Type == type && r.Name == name);

    /// <summary>Runs <see cref="FrontendStack.Declare"/> with a config record, as most tests do.</summary>
    public static Task<StackRun> DeclareAsync(StackConfig config, string stack = "dev") =>
        EvaluateAsync(() => FrontendStack.Declare(config), stack);

    /// <summary>Runs the program exactly as <c>pulumi up</c> does, reading PULUMI_CONFIG.</summary>
    public static Task<StackRun> RunAsync(string stack = "dev") => EvaluateAsync(FrontendStack.Run, stack);

    private static async Task<StackRun> EvaluateAsync(Func<IDictionary<string, object?>> program, string stack)
    {
        var mocks = new RecordingMocks();
        var (resources, outputs) = await Deployment.TestAsync(
            mocks,
            new TestOptions { ProjectName = ConfigPath.Project, StackName = stack, IsPreview = false },
            program);
        return new StackRun(mocks.Registered, resources, outputs);
    }
}
