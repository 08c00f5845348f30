using Frontend.Cli.Rollout;
using Frontend.Infra.Configuration;

namespace Frontend.Cli.Tests.Rollout;

/// <summary>The weights a step or a rollback gives every version: always adding up to 100.</summary>
public sealed class RolloutPlanTests
{
    private static RolloutPlan Plan(string[] stable, params (string Name, int Weight)[] versions) => new(
        new RolloutConfig { Canary = "v2", Stable = stable },
        [.. versions.Select(v => new VersionConfig { Name = v.Name, Image = "ghcr.io/acme/frontend:1", Weight = v.Weight })],
        "frontend");

    private static IEnumerable<(string, int)> After(IReadOnlyList<WeightChange> changes) => changes.Select(c => (c.Version, c.After));

    [Fact]
    public void Promote_OneStableVersion_GetsWhatTheCanaryLeaves()
    {
        var plan = Plan(["v1"], ("v1", 90), ("v2", 10));

        Assert.Equal([("v1", 75), ("v2", 25)], After(plan.Promote(plan.NextStep!.Value)));
    }

    [Fact]
    public void Promote_ToTheLastStep_SetsTheStableVersionsToZero()
    {
        var plan = Plan(["v1"], ("v1", 50), ("v2", 50));

        Assert.Equal([("v1", 0), ("v2", 100)], After(plan.Promote(plan.NextStep!.Value)));
    }

    [Fact]
    public void Promote_TwoStableVersions_SharesInProportionWithTheRemainderToTheFirst()
    {
        var plan = Plan(["v1", "v3"], ("v1", 60), ("v2", 10), ("v3", 30));

        // 75 in the proportion 60:30 is 50:25 exactly; 50 is 33.3:16.7, rounded down to 33:16, and the 1 left goes to v1.
        Assert.Equal([("v1", 50), ("v2", 25), ("v3", 25)], After(plan.Promote(25)));
        Assert.Equal([("v1", 34), ("v2", 50), ("v3", 16)], After(plan.Promote(50)));
    }

    [Fact]
    public void Rollback_CanaryAtFullWeight_SharesEquallyAmongTheStableVersions()
    {
        var plan = Plan(["v1", "v3"], ("v1", 0), ("v2", 100), ("v3", 0));

        Assert.Equal([("v1", 50), ("v2", 0), ("v3", 50)], After(plan.Rollback()));
    }

    [Fact]
    public void Rollback_VersionOutsideThePlan_KeepsItsWeight()
    {
        var plan = Plan(["v1"], ("v0", 0), ("v1", 75), ("v2", 25));

        Assert.Equal([("v0", 0), ("v1", 100), ("v2", 0)], After(plan.Rollback()));
    }

    [Theory]
    [InlineData(10, 25)]
    [InlineData(15, 25)]
    [InlineData(1, 10)]
    public void NextStep_CurrentWeight_IsTheFirstStepAboveIt(int weight, int next)
    {
        var plan = Plan(["v1"], ("v1", 100 - weight), ("v2", weight));

        Assert.Equal(next, plan.NextStep);
    }

    [Fact]
    public void NextStep_AtTheLastStep_IsNone()
    {
        Assert.Null(Plan(["v1"], ("v1", 0), ("v2", 100)).NextStep);
    }
}
