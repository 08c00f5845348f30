using System.Collections.Immutable;
using Pulumi;
using Pulumi.Crds.Networking.V1;
using Pulumi.Crds.Security.V1;
using Pulumi.Kubernetes.Types.Inputs.Meta.V1;
using Pulumi.Kubernetes.Types.Inputs.Networking.V1;
using Pulumi.Kubernetes.Types.Inputs.Security.V1;
using Pulumi.Testing;
using Pulumi.Utilities;

[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace CrdGen.Tests.Generated;

/// <summary>
/// The committed generated classes under Pulumi's mocks. Only what the real SDK guarantees is asserted:
/// wire names as keys, nested args as dictionaries, lists as arrays, and every number as a double.
/// </summary>
public sealed class GeneratedResourceMockTests
{
    private const string DestinationRuleType = "kubernetes:networking.istio.io/v1:DestinationRule";
    private const string PeerAuthenticationType = "kubernetes:security.istio.io/v1:PeerAuthentication";
    private const string VirtualServiceType = "kubernetes:networking.istio.io/v1:VirtualService";

    private static readonly TestOptions Options = new() { IsPreview = false, ProjectName = "frontend", StackName = "dev" };

    [Fact]
    public async Task DestinationRule_Registered_UsesTheResourceTypeToken()
    {
        var mocks = new RecordingMocks(DestinationRuleType);

        await Deployment.TestAsync(mocks, Options, () => _ = NewDestinationRule());

        var registered = Assert.Single(mocks.Registered);
        Assert.Equal(DestinationRuleType, registered.Type);
        Assert.Equal("frontend", registered.Name);
    }

    [Fact]
    public async Task DestinationRule_Registered_CarriesApiVersionKindAndMetadata()
    {
        var mocks = new RecordingMocks(DestinationRuleType);

        await Deployment.TestAsync(mocks, Options, () => _ = NewDestinationRule());

        var inputs = Assert.Single(mocks.Registered).Inputs;
        Assert.Equal("networking.istio.io/v1", inputs["apiVersion"]);
        Assert.Equal("DestinationRule", inputs["kind"]);
        Assert.Equal("shop", Map(inputs["metadata"])["namespace"]);
    }

    [Fact]
    public async Task DestinationRule_Registered_PutsTheSpecUnderTheSchemasWireNames()
    {
        var mocks = new RecordingMocks(DestinationRuleType);

        await Deployment.TestAsync(mocks, Options, () => _ = NewDestinationRule());

        var spec = Map(Assert.Single(mocks.Registered).Inputs["spec"]);
        var trafficPolicy = Map(spec["trafficPolicy"]);
        var subset = Map(Assert.Single(List(spec["subsets"])));
        Assert.Equal("frontend.shop.svc.cluster.local", spec["host"]);
        Assert.Equal("LEAST_REQUEST", Map(trafficPolicy["loadBalancer"])["simple"]);
        Assert.Equal(100.0, Map(Map(trafficPolicy["connectionPool"])["tcp"])["maxConnections"]);
        Assert.Equal("v1", subset["name"]);
        Assert.Equal("v1", Map(subset["labels"])["version"]);
        Assert.False(spec.ContainsKey("exportTo"));
    }

    [Fact]
    public async Task DestinationRule_StateReturned_ReadsBackThroughTheGeneratedOutputTypes()
    {
        var mocks = new RecordingMocks(DestinationRuleType);
        DestinationRule? destinationRule = null;

        await Deployment.TestAsync(mocks, Options, () => destinationRule = NewDestinationRule());

        var spec = await OutputUtilities.GetValueAsync(destinationRule!.Spec);
        Assert.Equal("frontend.shop.svc.cluster.local", spec.Host);
        Assert.Equal(100, spec.TrafficPolicy.ConnectionPool.Tcp.MaxConnections);
        Assert.Equal("v1", Assert.Single(spec.Subsets).Labels["version"]);
    }

    [Fact]
    public async Task PeerAuthentication_Registered_CarriesItsSecurityGroupToken()
    {
        var mocks = new RecordingMocks(PeerAuthenticationType);

        await Deployment.TestAsync(mocks, Options, () => _ = new PeerAuthentication("frontend", new PeerAuthenticationArgs
        {
            Spec = new PeerAuthenticationSpecArgs { Mtls = new PeerAuthenticationSpecMtlsArgs { Mode = "STRICT" } },
        }));

        var inputs = Assert.Single(mocks.Registered).Inputs;
        Assert.Equal("security.istio.io/v1", inputs["apiVersion"]);
        Assert.Equal("STRICT", Map(Map(inputs["spec"])["mtls"])["mode"]);
    }

    [Fact]
    public async Task VirtualService_HeaderMatchAndWeightedRoute_ArriveAsNestedMapsListsAndDoubles()
    {
        var mocks = new RecordingMocks(VirtualServiceType);

        await Deployment.TestAsync(mocks, Options, () => _ = new VirtualService("frontend", new VirtualServiceArgs
        {
            Spec = new VirtualServiceSpecArgs
            {
                Hosts = { "frontend" },
                Http =
                {
                    new VirtualServiceSpecHttpArgs
                    {
                        // Istio's header match is a map of StringMatch objects, which crd2pulumi leaves untyped.
                        Match =
                        {
                            new VirtualServiceSpecHttpMatchArgs
                            {
                                Headers = { ["x-canary"] = ImmutableDictionary<string, object>.Empty.Add("exact", "always") },
                            },
                        },
                        Route =
                        {
                            new VirtualServiceSpecHttpRouteArgs
                            {
                                Destination = new VirtualServiceSpecHttpRouteDestinationArgs { Host = "frontend", Subset = "v2" },
                                Weight = 100,
                            },
                        },
                    },
                },
            },
        }));

        var http = Map(Assert.Single(List(Map(Assert.Single(mocks.Registered).Inputs["spec"])["http"])));
        var match = Map(Assert.Single(List(http["match"])));
        var route = Map(Assert.Single(List(http["route"])));
        Assert.Equal("always", Map(Map(match["headers"])["x-canary"])["exact"]);
        Assert.Equal(100.0, route["weight"]);
        Assert.Equal("v2", Map(route["destination"])["subset"]);
    }

    private static DestinationRule NewDestinationRule() => new("frontend", new DestinationRuleArgs
    {
        Metadata = new ObjectMetaArgs { Name = "frontend", Namespace = "shop" },
        Spec = new DestinationRuleSpecArgs
        {
            Host = "frontend.shop.svc.cluster.local",
            TrafficPolicy = new DestinationRuleSpecTrafficPolicyArgs
            {
                LoadBalancer = new DestinationRuleSpecTrafficPolicyLoadBalancerArgs { Simple = "LEAST_REQUEST" },
                ConnectionPool = new DestinationRuleSpecTrafficPolicyConnectionPoolArgs
                {
                    Tcp = new DestinationRuleSpecTrafficPolicyConnectionPoolTcpArgs { MaxConnections = 100 },
                },
            },
            Subsets =
            {
                new DestinationRuleSpecSubsetsArgs { Name = "v1", Labels = { ["version"] = "v1" } },
            },
        },
    });

    private static ImmutableDictionary<string, object> Map(object value) =>
        Assert.IsType<ImmutableDictionary<string, object>>(value, exactMatch: false);

    private static ImmutableArray<object> List(object value) => Assert.IsType<ImmutableArray<object>>(value);
}
