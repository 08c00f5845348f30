using System.Collections.Concurrent;
using Frontend.Infra.Tests.Testing;
using Pulumi;
using Pulumi.Testing;

namespace Frontend.Infra.Tests.Components;

/// <summary>
/// A new subset must exist before a route sends traffic to it. The VirtualService depends on the
/// DestinationRule, so Pulumi registers it only after the DestinationRule's registration has returned.
/// </summary>
public sealed class MakeBeforeBreakTests
{
    [Fact]
    public async Task Declare_VirtualService_RegistersOnlyAfterTheDestinationRuleHasReturned()
    {
        var mocks = new HoldingMocks(holdType: "kubernetes:networking.istio.io/v1:DestinationRule", hold: TimeSpan.FromMilliseconds(300));

        await Deployment.TestAsync(mocks, new TestOptions { ProjectName = "frontend", StackName = "dev" }, () => FrontendStack.Declare(SampleConfigs.TwoVersions()));

        var events = mocks.Events.Where(e => e.Contains("DestinationRule", StringComparison.Ordinal) || e.Contains("VirtualService", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            ["start kubernetes:networking.istio.io/v1:DestinationRule", "end kubernetes:networking.istio.io/v1:DestinationRule", "start kubernetes:networking.istio.io/v1:VirtualService", "end kubernetes:networking.istio.io/v1:VirtualService"],
            events);
    }

    [Fact]
    public async Task Declare_WorkloadsAndRules_AreNotSerialisedBehindTheHeldDestinationRule()
    {
        var mocks = new HoldingMocks(holdType: "kubernetes:networking.istio.io/v1:DestinationRule", hold: TimeSpan.FromMilliseconds(300));

        await Deployment.TestAsync(mocks, new TestOptions { ProjectName = "frontend", StackName = "dev" }, () => FrontendStack.Declare(SampleConfigs.TwoVersions()));

        // Proves the hold is observable at all: without a dependency, a Deployment finishes while the rule is held.
        var events = mocks.Events.ToList();
        var ruleEnd = events.IndexOf("end kubernetes:networking.istio.io/v1:DestinationRule");
        Assert.Contains(events.Take(ruleEnd), e => e == "end kubernetes:apps/v1:Deployment");
    }

    /// <summary>Holds one resource type's registration open and records when each registration starts and ends.</summary>
    private sealed class HoldingMocks(string holdType, TimeSpan hold) : IMocks
    {
        private readonly ConcurrentQueue<string> _events = new();

        public IReadOnlyList<string> Events => [.. _events];

        public async Task<(string? id, object state)> NewResourceAsync(MockResourceArgs args)
        {
            _events.Enqueue($"start {args.Type}");
            if (args.Type == holdType)
            {
                await Task.Delay(hold);
            }

            _events.Enqueue($"end {args.Type}");
            return ($"{args.Name}-id", args.Inputs);
        }

        public Task<object> CallAsync(MockCallArgs args) => throw new InvalidOperationException(args.Token);
    }
}
