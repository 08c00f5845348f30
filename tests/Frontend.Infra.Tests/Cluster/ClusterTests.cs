using Frontend.Infra.Configuration;
using Frontend.Infra.Tests.Testing;

namespace Frontend.Infra.Tests.Cluster;

/// <summary>
/// A stack names its cluster: one explicit Kubernetes provider for the configured kube context, used by
/// every Kubernetes resource, whose cluster identifier makes a change of cluster a replacement.
/// </summary>
public sealed class ClusterTests
{
    private const string ProviderType = "pulumi:providers:kubernetes";

    [Fact]
    public async Task Declare_Cluster_DeclaresOneProviderForTheContext()
    {
        var run = await StackRun.DeclareAsync(SampleConfigs.TwoVersions() with { Cluster = new ClusterConfig { Context = "acme-dev" } });

        var provider = Assert.Single(run.OfType(ProviderType));
        Assert.Equal("cluster", provider.Name);
        Assert.Equal("acme-dev", provider.Inputs.At("context"));
    }

    [Fact]
    public async Task Declare_ClusterWithoutIdentifier_IdentifiesTheClusterByItsContext()
    {
        var run = await StackRun.DeclareAsync(SampleConfigs.TwoVersions() with { Cluster = new ClusterConfig { Context = "acme-dev" } });

        // Another context is another identifier: the provider and every resource with it are replaced.
        Assert.Equal("acme-dev", Assert.Single(run.OfType(ProviderType)).Inputs.At("clusterIdentifier"));
    }

    [Fact]
    public async Task Declare_ClusterWithIdentifier_KeepsTheIdentifierWhenTheContextIsRenamed()
    {
        var run = await StackRun.DeclareAsync(SampleConfigs.TwoVersions() with { Cluster = new ClusterConfig { Context = "eu1-admin", Identifier = "prod-eu1" } });

        var provider = Assert.Single(run.OfType(ProviderType));
        Assert.Equal("eu1-admin", provider.Inputs.At("context"));
        Assert.Equal("prod-eu1", provider.Inputs.At("clusterIdentifier"));
    }

    [Fact]
    public async Task Declare_Cluster_EveryKubernetesResourceUsesTheProvider()
    {
        var run = await StackRun.DeclareAsync(SampleConfigs.KitchenSink(), stack: "prod");

        var kubernetes = run.Registered.Where(r => r.Type!.StartsWith("kubernetes:", StringComparison.Ordinal)).ToList();
        Assert.Equal(13, kubernetes.Count); // a Namespace, a Service, 3 Deployments and 3 budgets, DestinationRule, 2 VirtualServices (mesh, ingress), Gateway, PeerAuthentication
        Assert.All(kubernetes, r => Assert.Contains($"{ProviderType}::cluster::", r.Provider, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Declare_NoCluster_UsesPulumisDefaultProvider()
    {
        var run = await StackRun.DeclareAsync(SampleConfigs.TwoVersions() with { Cluster = null });

        Assert.Empty(run.OfType(ProviderType));
        Assert.All(run.Registered.Where(r => r.Type!.StartsWith("kubernetes:", StringComparison.Ordinal)), r => Assert.Equal(string.Empty, r.Provider));
    }

    [Fact]
    public void Validate_ProductionWithoutCluster_Refused()
    {
        var config = SampleConfigs.TwoVersions().ProductionReady() with { Cluster = null };

        Assert.Equal(
            "frontend:cluster = (not set): is required in production: without it pulumi up deploys to whatever kube context is current, and records that cluster in this stack's state. Fix: pulumi config set --path 'cluster.context' <kube-context>",
            Assert.Single(StackConfigValidator.Validate(config, "prod")).ToString());
    }

    [Fact]
    public void Validate_DevWithoutCluster_Warns()
    {
        var problem = Assert.Single(StackConfigValidator.Validate(SampleConfigs.TwoVersions() with { Cluster = null }, "dev"));

        Assert.False(problem.IsError);
        Assert.StartsWith("frontend:cluster = (not set): names no cluster: without it pulumi up deploys to whatever kube context is current", problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_IdentifierWithTrailingSpace_RefusedWithTheTrimmedValueAsTheFix()
    {
        var config = SampleConfigs.TwoVersions() with { Cluster = new ClusterConfig { Context = "acme-dev", Identifier = "prod-eu1 " } };

        Assert.Equal(
            "frontend:cluster.identifier = \"prod-eu1 \": must be a kubeconfig context name: not empty, no leading or trailing spaces, no control characters. Fix: pulumi config set --path 'cluster.identifier' 'prod-eu1'",
            Assert.Single(StackConfigValidator.Validate(config, "dev")).ToString());
    }
}
