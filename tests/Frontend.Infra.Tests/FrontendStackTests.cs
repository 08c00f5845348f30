using System.Collections.Immutable;
using Frontend.Infra.Configuration;
using Frontend.Infra.Tests.Testing;
using Moq;
using Pulumi;
using Pulumi.Testing;
using Pulumi.Utilities;

namespace Frontend.Infra.Tests;

public sealed class FrontendStackTests
{
    [Fact]
    public async Task Declare_CreatedNamespace_CarriesTheSidecarInjectionLabel()
    {
        var run = await StackRun.DeclareAsync(SampleConfigs.TwoVersions());

        var ns = Assert.Single(run.OfType("kubernetes:core/v1:Namespace"));

        Assert.Equal("frontend-dev", ns.Inputs.At("metadata.name"));
        Assert.Equal(new Dictionary<string, string> { ["istio-injection"] = "enabled" }, ns.Inputs.Labels("metadata.labels"));
    }

    [Fact]
    public async Task Declare_IstioRevision_LabelsTheNamespaceWithTheRevisionInstead()
    {
        var config = SampleConfigs.TwoVersions() with { Namespace = new NamespaceConfig { Name = "frontend-dev", IstioRevision = "1-30-3" } };

        var run = await StackRun.DeclareAsync(config);

        var labels = Assert.Single(run.OfType("kubernetes:core/v1:Namespace")).Inputs.Labels("metadata.labels");
        Assert.Equal(new Dictionary<string, string> { ["istio.io/rev"] = "1-30-3" }, labels);
    }

    [Fact]
    public async Task Declare_ExistingNamespace_DeclaresNoNamespaceAndPlacesWorkloadsInIt()
    {
        var config = SampleConfigs.TwoVersions() with { Namespace = new NamespaceConfig { Name = "shared-apps", Create = false } };

        var run = await StackRun.DeclareAsync(config);

        Assert.Empty(run.OfType("kubernetes:core/v1:Namespace"));
        Assert.All(run.OfType("kubernetes:apps/v1:Deployment"), d => Assert.Equal("shared-apps", d.Inputs.At("metadata.namespace")));
    }

    [Fact]
    public async Task Declare_Outputs_NamespaceServiceHostAndWeights()
    {
        var run = await StackRun.DeclareAsync(SampleConfigs.TwoVersions(v1Weight: 90, v2Weight: 10));

        Assert.Equal("frontend-dev", await OutputUtilities.GetValueAsync((Output<string>)run.Outputs["namespace"]!));
        Assert.Equal("frontend.frontend-dev.svc.cluster.local", await OutputUtilities.GetValueAsync((Output<string>)run.Outputs["serviceHost"]!));
        Assert.Equal(
            new Dictionary<string, string> { ["v1"] = "90%", ["v2"] = "10%" },
            (ImmutableDictionary<string, string>)run.Outputs["weights"]!);
    }

    [Fact]
    public async Task Declare_InvalidConfig_DeclaresNothingAndFailsWithTheMessage()
    {
        var mocks = new RecordingMocks();
        var config = SampleConfigs.TwoVersions(v1Weight: 90, v2Weight: 20);

        var error = await Assert.ThrowsAsync<RunException>(() => Deployment.TestAsync(
            mocks,
            new TestOptions { ProjectName = "frontend", StackName = "dev" },
            () => FrontendStack.Declare(config)));

        Assert.Empty(mocks.Registered);
        Assert.Contains("frontend:versions = [v1 90, v2 20]: weights must add up to exactly 100", error.Message, StringComparison.Ordinal);
        Assert.Contains("pulumi config set --path 'versions[1].weight' 10", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Declare_SeveralProblems_ReportsThemAsOneErrorInTheValidatorsOrder()
    {
        var mocks = new RecordingMocks();
        var config = SampleConfigs.TwoVersions() with
        {
            Versions =
            [
                new VersionConfig { Name = "V1", Image = "ghcr.io/acme/frontend:1.4.2", Weight = 50 },
                new VersionConfig { Name = "v2", Image = "ghcr.io/acme/frontend:1.5.0", Weight = 60, Replicas = -1 },
            ],
        };

        var error = await Assert.ThrowsAsync<RunException>(() => Deployment.TestAsync(
            mocks,
            new TestOptions { ProjectName = "frontend", StackName = "dev" },
            () => FrontendStack.Declare(config)));

        Assert.Empty(mocks.Registered);
        var lines = error.Message.Split('\n');
        Assert.Equal("the stack's config was refused (3 problems); nothing was declared:", lines[0]);
        Assert.Collection(
            lines.Skip(1),
            line => Assert.StartsWith("  frontend:versions[0].name = \"V1\": must be a DNS-1123 label", line, StringComparison.Ordinal),
            line => Assert.StartsWith("  frontend:versions[1].replicas = -1: must be between 0 and 1000", line, StringComparison.Ordinal),
            line => Assert.StartsWith("  frontend:versions = [V1 50, v2 60]: weights must add up to exactly 100", line, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_ConfigFromPulumiConfig_DeclaresTheStackAsPulumiWould()
    {
        using var scope = PulumiConfigScope.Structured(new Dictionary<string, object>
        {
            ["frontend:namespace"] = new { name = "frontend-dev" },
            ["frontend:versions"] = new object[]
            {
                new { name = "v1", image = "ghcr.io/acme/frontend:1.4.2", replicas = 1, weight = 50 },
                new { name = "v2", image = "ghcr.io/acme/frontend:1.5.0", replicas = 1, weight = 50 },
            },
        });

        var run = await StackRun.RunAsync();

        Assert.Equal(["frontend-v1", "frontend-v2"], run.OfType("kubernetes:apps/v1:Deployment").Select(d => d.Name).Order());
        Assert.Equal("frontend-dev", run.Single("kubernetes:core/v1:Service", "frontend").Inputs.At("metadata.namespace"));
    }

    [Fact]
    public async Task Run_MissingVersionsKey_FailsNamingTheKeyAndTheFix()
    {
        using var scope = PulumiConfigScope.Structured(new Dictionary<string, object> { ["frontend:namespace"] = new { name = "frontend-dev" } });

        var error = await Assert.ThrowsAsync<RunException>(() => StackRun.RunAsync());

        Assert.StartsWith("frontend:versions = (not set): at least one version is required. Fix: pulumi config set --path 'versions[0].name' v1", Assert.Single(Refusal.MessagesOf(error)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_MisspeltKeyInsideAVersion_FailsSuggestingTheKnownKey()
    {
        using var scope = PulumiConfigScope.Structured(new Dictionary<string, object>
        {
            ["frontend:versions"] = new object[] { new { name = "v1", image = "ghcr.io/acme/frontend:1.4.2", wieght = 100 } },
        });

        var error = await Assert.ThrowsAsync<RunException>(() => StackRun.RunAsync());

        Assert.StartsWith("frontend:versions[0].wieght = 100: unknown key. Fix: did you mean 'weight'?", Assert.Single(Refusal.MessagesOf(error)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_WrongTypeForReplicas_FailsNamingTheTypeAndTheUnquotedFix()
    {
        using var scope = PulumiConfigScope.Structured(new Dictionary<string, object>
        {
            ["frontend:versions"] = new object[] { new { name = "v1", image = "ghcr.io/acme/frontend:1.4.2", replicas = "3", weight = 100 } },
        });

        var error = await Assert.ThrowsAsync<RunException>(() => StackRun.RunAsync());

        Assert.Equal("frontend:versions[0].replicas = \"3\": must be a whole number. Fix: pulumi config set --path 'versions[0].replicas' 3 --stack dev", Assert.Single(Refusal.MessagesOf(error)));
    }

    [Fact]
    public async Task Declare_TwoVersions_AsksTheMocksForEachResourceTypeTheExpectedNumberOfTimes()
    {
        // Loose: RegisterResourceOutputs is a default interface member the SDK may call; only resources are counted here.
        var mocks = new Mock<IMocks>(MockBehavior.Loose);
        mocks.Setup(m => m.NewResourceAsync(It.IsAny<MockResourceArgs>()))
            .Returns((MockResourceArgs args) => Task.FromResult<(string? id, object state)>(($"{args.Name}-id", args.Inputs)));

        await Deployment.TestAsync(
            mocks.Object,
            new TestOptions { ProjectName = "frontend", StackName = "dev" },
            () => FrontendStack.Declare(SampleConfigs.TwoVersions()));

        mocks.Verify(m => m.NewResourceAsync(It.Is<MockResourceArgs>(a => a.Type == "kubernetes:apps/v1:Deployment")), Times.Exactly(2));
        mocks.Verify(m => m.NewResourceAsync(It.Is<MockResourceArgs>(a => a.Type == "kubernetes:core/v1:Service")), Times.Once);
        mocks.Verify(m => m.NewResourceAsync(It.Is<MockResourceArgs>(a => a.Type == "kubernetes:core/v1:Namespace")), Times.Once);
        mocks.Verify(m => m.CallAsync(It.IsAny<MockCallArgs>()), Times.Never);
    }
}
