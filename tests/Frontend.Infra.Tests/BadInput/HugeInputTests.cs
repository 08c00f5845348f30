using System.Diagnostics;
using System.Text.Json;
using Frontend.Infra.Configuration;
using Frontend.Infra.Tests.Testing;
using Pulumi;
using Pulumi.Testing;

namespace Frontend.Infra.Tests.BadInput;

/// <summary>
/// Input too big or too odd to commit as a stack file, built here and passed through PULUMI_CONFIG as the
/// Pulumi CLI passes it: the program answers with short messages, quickly, and never crashes.
/// </summary>
public sealed class HugeInputTests
{
    private const int TenMegabytes = 10 * 1024 * 1024;
    private static readonly TimeSpan Quickly = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Run_TenMegabyteImage_ReportsItShortenedAndDeclaresNothing()
    {
        var image = new string('a', TenMegabytes) + " b";
        var (messages, registered) = await RunAsync(new Dictionary<string, object>
        {
            ["frontend:versions"] = new object[] { new { name = "v1", image, weight = 100 } },
        });

        var message = Assert.Single(messages);
        Assert.StartsWith("frontend:versions[0].image = \"aaaa", message, StringComparison.Ordinal);
        Assert.Contains($"... ({TenMegabytes + 4} characters): must be a container image reference", message, StringComparison.Ordinal);
        Assert.True(message.Length < 500, $"the message is {message.Length} characters long");
        Assert.Empty(registered);
    }

    [Fact]
    public async Task Run_TenMegabyteKeyInsideAVersion_ReportsItAsUnknownWithoutASuggestion()
    {
        var key = new string('w', TenMegabytes);
        var version = new Dictionary<string, object> { ["name"] = "v1", ["image"] = "ghcr.io/acme/frontend:1.4.2", ["weight"] = 100, [key] = 1 };
        var watch = Stopwatch.StartNew();

        var (messages, registered) = await RunAsync(new Dictionary<string, object> { ["frontend:versions"] = new object[] { version } });

        var message = Assert.Single(messages);
        Assert.StartsWith($"frontend:versions[0].{new string('w', 40)}... = 1: unknown key. Fix: remove it", message, StringComparison.Ordinal);
        Assert.True(message.Length < 500, $"the message is {message.Length} characters long");
        Assert.True(watch.Elapsed < Quickly, $"took {watch.Elapsed}");
        Assert.Empty(registered);
    }

    [Fact]
    public async Task Run_TenMegabyteTopLevelKey_ReportsItAsUnknownWithoutASuggestion()
    {
        var (messages, registered) = await RunAsync(new Dictionary<string, object>
        {
            ["frontend:versions"] = new object[] { new { name = "v1", image = "ghcr.io/acme/frontend:1.4.2", weight = 100 } },
            [$"frontend:{new string('k', TenMegabytes)}"] = "x",
        });

        var message = Assert.Single(messages);
        Assert.StartsWith($"frontend:{new string('k', 40)}... = \"x\": unknown key. Fix: remove it", message, StringComparison.Ordinal);
        Assert.Empty(registered);
    }

    [Fact]
    public async Task Run_HundredsOfVersionsWhoseWeightsDoNotAddUp_GivesOneShortMessage()
    {
        var versions = Enumerable.Range(1, 500).Select(i => new { name = $"v{i}", image = "ghcr.io/acme/frontend:1.4.2", weight = 1 }).ToArray();

        var (messages, registered) = await RunAsync(new Dictionary<string, object> { ["frontend:versions"] = versions });

        var message = Assert.Single(messages);
        Assert.Contains("weights must add up to exactly 100 (a percentage split), but they add up to 500", message, StringComparison.Ordinal);
        Assert.True(message.Length < 1000, $"the message is {message.Length} characters long");
        Assert.Empty(registered);
    }

    [Fact]
    public async Task Run_HundredsOfValidVersions_DeclaresADeploymentForEach()
    {
        var versions = Enumerable.Range(1, 300)
            .Select(i => new { name = $"v{i}", image = "ghcr.io/acme/frontend:1.4.2", weight = i <= 100 ? 1 : 0 })
            .ToArray();
        using var scope = PulumiConfigScope.Structured(new Dictionary<string, object> { ["frontend:versions"] = versions });

        var run = await StackRun.RunAsync();

        Assert.Equal(300, run.OfType("kubernetes:apps/v1:Deployment").Count);
    }

    [Fact]
    public async Task Run_JsonNestedFarPastAnyConfig_ReportsTheDepthInsteadOfCrashing()
    {
        var nested = new string('[', 5000) + new string(']', 5000);

        var (messages, registered) = await RunAsync(new Dictionary<string, object>
        {
            ["frontend:versions"] = new object[] { new { name = "v1", image = "ghcr.io/acme/frontend:1.4.2", weight = 100 } },
            ["frontend:routing"] = nested,
        });

        var message = Assert.Single(messages);
        Assert.Contains(": must be a map of keys, and this value cannot be read as one: it is nested more than 64 levels deep.", message, StringComparison.Ordinal);
        Assert.Empty(registered);
    }

    [Fact]
    public async Task Run_NumbersBeyondEveryRange_ReportEachKeysOwnRange()
    {
        var (messages, _) = await RunAsync(new Dictionary<string, object>
        {
            ["frontend:versions"] = """[{"name":"v1","image":"ghcr.io/acme/frontend:1.4.2","weight":1e400,"replicas":-99999999999999999999}]""",
        });

        Assert.Collection(
            messages,
            m => Assert.Equal("frontend:versions[0].weight = 1e400: must be between 0 and 100. Fix: pulumi config set --path 'versions[0].weight' 100 --stack dev", m),
            m => Assert.Equal("frontend:versions[0].replicas = -99999999999999999999: must be between 0 and 1000. Fix: pulumi config set --path 'versions[0].replicas' 0 --stack dev", m));
    }

    [Fact]
    public async Task Run_NotJsonForAStructuredKey_ReportsTheExpectedShape()
    {
        var (messages, _) = await RunAsync(new Dictionary<string, object>
        {
            ["frontend:versions"] = """[{"name":"v1","image":"ghcr.io/acme/frontend:1.4.2","weight":100}]""",
            ["frontend:trafficPolicy"] = "{loadBalancer: ROUND_ROBIN",
        });

        var message = Assert.Single(messages);
        Assert.StartsWith("frontend:trafficPolicy = \"{loadBalancer: ROUND_ROBIN\": must be a map of keys, and this value cannot be read as one: it is not valid JSON", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_VersionNamedLikeTheApp_DeclaresDistinctNamesForEveryKind()
    {
        using var scope = PulumiConfigScope.Structured(new Dictionary<string, object>
        {
            ["frontend:versions"] = new object[]
            {
                new { name = "frontend", image = "ghcr.io/acme/frontend:1.4.2", weight = 50 },
                new { name = "v2", image = "ghcr.io/acme/frontend:1.5.0", weight = 50 },
            },
        });

        var run = await StackRun.RunAsync();

        Assert.Equal(["frontend-frontend", "frontend-v2"], run.OfType("kubernetes:apps/v1:Deployment").Select(d => (string)d.Inputs.At("metadata.name")!).Order());
        Assert.All(run.Registered.GroupBy(r => (r.Type, r.Name)), group => Assert.Single(group));
    }

    private static async Task<(IReadOnlyList<string> Messages, IReadOnlyList<MockResourceArgs> Registered)> RunAsync(IReadOnlyDictionary<string, object> config)
    {
        using var scope = PulumiConfigScope.Structured(config);
        var mocks = new RecordingMocks();
        var error = await Record.ExceptionAsync(() => Deployment.TestAsync(
            mocks,
            new TestOptions { ProjectName = ConfigPath.Project, StackName = "dev", IsPreview = true },
            FrontendStack.Run));
        return (Refusal.MessagesOf(error), mocks.Registered);
    }
}
