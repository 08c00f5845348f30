using Pulumi;
using SdkBehaviour.Tests.Support;

namespace SdkBehaviour.Tests;

/// <summary>BEHAVIOUR.md, "Ordering": a dependency's NewResourceAsync must have returned first.</summary>
public sealed class OrderingTests
{
    // Long enough that a correct engine would have started "vs" meanwhile if it were going to.
    private static readonly TimeSpan HoldWhileWaitingForDependency = TimeSpan.FromMilliseconds(300);

    // Generous for a loaded machine; released as soon as "vs" starts, so a correct engine never waits it out.
    private static readonly TimeSpan HoldUntilConcurrentStart = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task NewResourceAsync_WithDependsOn_StartsOnlyAfterTheDependencyReturned()
    {
        var mocks = MocksHoldingDestinationRuleOpen(HoldWhileWaitingForDependency);

        await Run.UpdateAsync(mocks, () =>
        {
            var dr = Workloads.DestinationRule("dr");
            Workloads.Service("vs", 8080, new CustomResourceOptions { DependsOn = { dr } });
        });

        AssertHappensBefore(mocks, "end dr", "start vs");
    }

    [Fact]
    public async Task NewResourceAsync_WithoutDependsOn_RunsConcurrently()
    {
        var mocks = MocksHoldingDestinationRuleOpen(HoldUntilConcurrentStart);

        await Run.UpdateAsync(mocks, () =>
        {
            Workloads.DestinationRule("dr");
            Workloads.Service("vs", 8080);
        });

        AssertHappensBefore(mocks, "start vs", "end dr");
    }

    [Fact]
    public async Task NewResourceAsync_InputFromAnotherResourcesOutput_StartsOnlyAfterThatResourceReturned()
    {
        var mocks = MocksHoldingDestinationRuleOpen(HoldWhileWaitingForDependency);

        await Run.UpdateAsync(mocks, () =>
        {
            var dr = Workloads.DestinationRule("dr");
            Workloads.Service("vs", dr.Urn.Apply(_ => 8080));
        });

        AssertHappensBefore(mocks, "end dr", "start vs");
    }

    private static void AssertHappensBefore(RecordingMocks mocks, string earlier, string later)
    {
        var events = mocks.Events.ToList();
        Assert.Contains(earlier, events);
        Assert.Contains(later, events);
        Assert.True(events.IndexOf(earlier) < events.IndexOf(later), $"expected '{earlier}' before '{later}' in: {string.Join(" | ", events)}");
    }

    /// <summary>Holds "dr" open until "vs" reaches the mocks, or for a while if it never does.</summary>
    private static RecordingMocks MocksHoldingDestinationRuleOpen(TimeSpan hold)
    {
        var serviceStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return new RecordingMocks
        {
            BeforeReturning = async args =>
            {
                if (args.Name == "vs")
                {
                    serviceStarted.TrySetResult();
                    return;
                }

                await Task.WhenAny(serviceStarted.Task, Task.Delay(hold));
                await Task.Delay(TimeSpan.FromMilliseconds(50));
            },
        };
    }
}
