using Frontend.Infra.Configuration;
using Frontend.Infra.Tests.Testing;

namespace Frontend.Infra.Tests.Safety;

/// <summary>
/// What a config edit or <c>pulumi destroy</c> must never delete by accident: the namespace (it holds what
/// others put there, and Kubernetes has no undo). Everything else one <c>pulumi up</c> restores, and a
/// retired version's resources must stay deletable.
/// </summary>
public sealed class ResourceSafetyTests
{
    private const string NamespaceType = "kubernetes:core/v1:Namespace";

    [Fact]
    public async Task Declare_CreatedNamespace_IsRetainedOnDelete()
    {
        var options = await OptionsRun.DeclareAsync(SampleConfigs.TwoVersions());

        Assert.True(Assert.Single(options, o => o.Type == NamespaceType).RetainOnDelete);
    }

    [Fact]
    public async Task Declare_ProductionNamespace_IsProtected()
    {
        var options = await OptionsRun.DeclareAsync(SampleConfigs.TwoVersions().ProductionReady(), stack: "prod");

        var ns = Assert.Single(options, o => o.Type == NamespaceType);
        Assert.True(ns.Protect);
        Assert.True(ns.RetainOnDelete);
    }

    [Fact]
    public async Task Declare_DevNamespace_IsNotProtected()
    {
        var options = await OptionsRun.DeclareAsync(SampleConfigs.TwoVersions());

        Assert.NotEqual(true, Assert.Single(options, o => o.Type == NamespaceType).Protect);
    }

    [Fact]
    public async Task Declare_ProductionResourcesOtherThanTheNamespace_AreNeitherProtectedNorRetained()
    {
        var options = await OptionsRun.DeclareAsync(SampleConfigs.KitchenSink(), stack: "prod");

        // A retired version's Deployment and budget must be deletable, and one pulumi up restores the rest.
        var others = options.Where(o => o.Type.StartsWith("kubernetes:", StringComparison.Ordinal) && o.Type != NamespaceType).ToList();
        Assert.Equal(12, others.Count); // with a VirtualService per entry point (mesh, ingress)
        Assert.All(others, o => Assert.True(o.Protect is null or false && o.RetainOnDelete is null or false, $"{o.Type} {o.Name}"));
    }

    [Fact]
    public async Task Declare_VersionRemoved_LeavesExactlyTheRemainingVersionsResources()
    {
        var three = SampleConfigs.KitchenSink();
        var two = three with { Versions = [.. three.Versions.Take(2)], Routing = three.Routing with { Matches = [.. three.Routing.Matches.Where(m => m.Version != "v3")], Mirror = null } };

        var before = (await StackRun.DeclareAsync(three, "prod")).Registered.Select(r => (r.Type, r.Name)).ToHashSet();
        var after = (await StackRun.DeclareAsync(two, "prod")).Registered.Select(r => (r.Type, r.Name)).ToHashSet();

        // Pulumi deletes what the program stops declaring (by type and name): v3's Deployment and budget only.
        Assert.Subset(before, after);
        Assert.Equal(
            [("kubernetes:apps/v1:Deployment", "frontend-v3"), ("kubernetes:policy/v1:PodDisruptionBudget", "frontend-v3")],
            before.Except(after).Order());
    }
}
