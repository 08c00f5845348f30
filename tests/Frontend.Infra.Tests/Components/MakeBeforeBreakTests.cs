using System.Collections.Concurrent;
using Frontend.Infra.Configuration;
using Frontend.Infra.Tests.Testing;
using Pulumi;
using Pulumi.Testing;

namespace Frontend.Infra.Tests.Components;

/// <summary>
/// A new subset must exist, and its pods be ready, before a route sends traffic to it. The VirtualService
/// depends on the DestinationRule and on the routed versions' Deployments, so Pulumi registers it only
/// after their registrations have returned (for a Deployment, once Pulumi's await has seen it ready).
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
        var mocks = new HoldingMocks(holdType: "kubernetes:networking.istio.io/v1:DestinationRule", hold: Fallback, releaseOn: "end kubernetes:apps/v1:Deployment");

        await Deployment.TestAsync(mocks, new TestOptions { ProjectName = "frontend", StackName = "dev" }, () => FrontendStack.Declare(SampleConfigs.TwoVersions()));

        // Proves the hold is observable at all: without a dependency, a Deployment finishes while the rule is held.
        var events = mocks.Events.ToList();
        var ruleEnd = events.IndexOf("end kubernetes:networking.istio.io/v1:DestinationRule");
        Assert.Contains(events.Take(ruleEnd), e => e == "end kubernetes:apps/v1:Deployment");
    }

    [Fact]
    public async Task Declare_VirtualService_RegistersOnlyAfterEveryRoutedVersionsDeploymentHasReturned()
    {
        var mocks = new HoldingMocks(holdType: "kubernetes:apps/v1:Deployment", hold: TimeSpan.FromMilliseconds(300));

        await Deployment.TestAsync(mocks, new TestOptions { ProjectName = "frontend", StackName = "dev" }, () => FrontendStack.Declare(SampleConfigs.TwoVersions(v1Weight: 90, v2Weight: 10)));

        var events = mocks.Events.ToList();
        var routesStart = events.IndexOf("start kubernetes:networking.istio.io/v1:VirtualService");
        Assert.Equal(2, events.Take(routesStart).Count(e => e == "end kubernetes:apps/v1:Deployment"));
    }

    [Theory]
    [InlineData("kubernetes:networking.istio.io/v1:DestinationRule", 1)]
    [InlineData("kubernetes:apps/v1:Deployment", 2)]
    public async Task Declare_WithIngress_BothVirtualServicesRegisterOnlyAfterTheRuleAndRoutedDeploymentsHaveReturned(string heldType, int heldCount)
    {
        var config = SampleConfigs.TwoVersions(v1Weight: 90, v2Weight: 10) with
        {
            Ingress = new IngressConfig { Hosts = ["www.example.com"], Gateways = ["istio-ingress/public-gateway"] },
        };
        var mocks = new HoldingMocks(holdType: heldType, hold: TimeSpan.FromMilliseconds(300));

        await Deployment.TestAsync(mocks, new TestOptions { ProjectName = "frontend", StackName = "dev" }, () => FrontendStack.Declare(config));

        var events = mocks.Events.ToList();
        var starts = events.Select((e, i) => (e, i)).Where(p => p.e == "start kubernetes:networking.istio.io/v1:VirtualService").Select(p => p.i).ToList();
        Assert.Equal(2, starts.Count);
        Assert.All(starts, start => Assert.Equal(heldCount, events.Take(start).Count(e => e == $"end {heldType}")));
    }

    [Fact]
    public async Task Declare_VirtualService_WaitsForAVersionNamedOnlyByAMatchRoute()
    {
        var config = SampleConfigs.TwoVersions(v1Weight: 100, v2Weight: 0) with
        {
            Routing = new RoutingConfig { Matches = [new MatchRouteConfig { Name = "testers", Header = new HeaderMatchConfig { Name = "x-canary", Exact = "always" }, Version = "v2" }] },
        };
        var mocks = new HoldingMocks(holdType: "kubernetes:apps/v1:Deployment", hold: TimeSpan.FromMilliseconds(300), holdName: "frontend-v2");

        await Deployment.TestAsync(mocks, new TestOptions { ProjectName = "frontend", StackName = "dev" }, () => FrontendStack.Declare(config));

        var events = mocks.Events.ToList();
        Assert.True(
            events.IndexOf("end kubernetes:apps/v1:Deployment frontend-v2") < events.IndexOf("start kubernetes:networking.istio.io/v1:VirtualService"),
            string.Join(" | ", events));
    }

    [Fact]
    public async Task Declare_VirtualService_DoesNotWaitForAVersionNoRouteNames()
    {
        var mocks = new HoldingMocks(holdType: "kubernetes:apps/v1:Deployment", hold: Fallback, holdName: "frontend-v2", releaseOn: "end kubernetes:networking.istio.io/v1:VirtualService");

        await Deployment.TestAsync(mocks, new TestOptions { ProjectName = "frontend", StackName = "dev" }, () => FrontendStack.Declare(SampleConfigs.TwoVersions(v1Weight: 100, v2Weight: 0)));

        // A drained version's rollout (or its failure) must not hold back the routes of the others.
        var events = mocks.Events.ToList();
        Assert.True(
            events.IndexOf("end kubernetes:networking.istio.io/v1:VirtualService") < events.IndexOf("end kubernetes:apps/v1:Deployment frontend-v2"),
            string.Join(" | ", events));
    }

    /// <summary>
    /// How long a hold that waits for an event lasts when the event never comes: long enough that no scheduler
    /// delay ends it first, so only a real dependency can order the event after the hold.
    /// </summary>
    private static readonly TimeSpan Fallback = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Holds the registration of one resource type (or one resource of it, by name) open and records when
    /// each registration starts and ends; a resource held by name also gets an end event with its name. With
    /// <paramref name="releaseOn"/>, the hold ends as soon as that event is recorded (or after
    /// <paramref name="hold"/>), so a test that expects the event during the hold does not race a timer.
    /// </summary>
    /// <summary>The Gateway API's routes name version Services: each HTTPRoute waits for the Service, the DestinationRule and the ready pods of every version it routes to.</summary>
    [Theory]
    [InlineData("kubernetes:core/v1:Service", "frontend-v2")]
    [InlineData("kubernetes:apps/v1:Deployment", "frontend-v2")]
    [InlineData("kubernetes:networking.istio.io/v1:DestinationRule", "frontend-v2")]
    public async Task Declare_GatewayApi_EveryHttpRouteRegistersOnlyAfterTheRoutedVersionsServiceRuleAndPodsHaveReturned(string heldType, string heldName)
    {
        var config = SampleConfigs.TwoVersions(v1Weight: 90, v2Weight: 10) with
        {
            Mesh = new MeshConfig { Api = MeshApis.GatewayApi, GatewayApiChannel = GatewayApiChannels.Standard },
            TrafficPolicy = new TrafficPolicyConfig { LoadBalancer = new LoadBalancerConfig { Simple = "LEAST_REQUEST" } },
            Ingress = new IngressConfig { Hosts = ["www.example.com"], Gateways = ["istio-ingress/public-gateway"] },
        };
        var mocks = new HoldingMocks(holdType: heldType, hold: TimeSpan.FromMilliseconds(300), holdName: heldName);

        await Deployment.TestAsync(mocks, new TestOptions { ProjectName = "frontend", StackName = "dev" }, () => FrontendStack.Declare(config));

        var events = mocks.Events.ToList();
        var heldEnd = events.IndexOf($"end {heldType} {heldName}");
        var routeStarts = events.Select((e, i) => (e, i)).Where(p => p.e == "start kubernetes:gateway.networking.k8s.io/v1:HTTPRoute").Select(p => p.i).ToList();
        Assert.True(heldEnd >= 0, "the held resource was never declared");
        Assert.Equal(2, routeStarts.Count);
        Assert.All(routeStarts, start => Assert.True(start > heldEnd, $"an HTTPRoute started before {heldName} returned: {string.Join(", ", events)}"));
    }

    private sealed class HoldingMocks(string holdType, TimeSpan hold, string? holdName = null, string? releaseOn = null) : IMocks
    {
        private readonly ConcurrentQueue<string> _events = new();
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public IReadOnlyList<string> Events => [.. _events];

        public async Task<(string? id, object state)> NewResourceAsync(MockResourceArgs args)
        {
            Record($"start {args.Type}");
            if (args.Type == holdType && (holdName is null || args.Name == holdName))
            {
                await Task.WhenAny(_released.Task, Task.Delay(hold));
                if (holdName is not null)
                {
                    Record($"end {args.Type} {args.Name}");
                }
            }

            Record($"end {args.Type}");
            return ($"{args.Name}-id", args.Inputs);
        }

        public Task<object> CallAsync(MockCallArgs args) => throw new InvalidOperationException(args.Token);

        private void Record(string e)
        {
            _events.Enqueue(e);
            if (e == releaseOn)
            {
                _released.TrySetResult();
            }
        }
    }
}
