using Frontend.Analysis.Manifests;
using Frontend.Analysis.Schema;
using Frontend.Infra.Configuration;
using Frontend.Infra.Tests.Testing;

namespace Frontend.Infra.Tests.Istio;

/// <summary>
/// With the Gateway API, what the program emits is what the cluster accepts: every resource validates against Istio
/// 1.30.3's CRDs and the Gateway API v1.5.1 CRDs of the channel the stack says its cluster has (schemas, defaults and
/// CEL rules), so a feature that channel lacks never reaches it.
/// </summary>
public sealed class EmittedGatewayApiResourcesTests
{
    private static readonly Lazy<CrdSchemaBundle> Standard = new(() => CrdSchemaBundle.Load([RepositoryPaths.IstioCrdBundle, RepositoryPaths.GatewayApiStandardBundle]));
    private static readonly Lazy<CrdSchemaBundle> Experimental = new(() => CrdSchemaBundle.Load([RepositoryPaths.IstioCrdBundle, RepositoryPaths.GatewayApiExperimentalBundle]));

    private static readonly MatchRouteConfig Testers = new() { Name = "testers", Header = new HeaderMatchConfig { Name = "x-canary", Prefix = "beta" }, Version = "v2" };

    public static TheoryData<string, string> Configs => new()
    {
        { "canary", GatewayApiChannels.Standard },
        { "canary", GatewayApiChannels.Experimental },
        { "kitchen sink", GatewayApiChannels.Standard },
        { "kitchen sink", GatewayApiChannels.Experimental },
        { "ambient", GatewayApiChannels.Standard },
        { "ambient", GatewayApiChannels.Experimental },
        { "migration: ingress on both", GatewayApiChannels.Standard },
    };

    private static StackConfig Named(string name, string channel)
    {
        var canary = SampleConfigs.TwoVersions(v1Weight: 90, v2Weight: 10).ProductionReady() with
        {
            Mesh = new MeshConfig { Api = MeshApis.GatewayApi, GatewayApiChannel = channel },
            Routing = new RoutingConfig { Matches = [Testers], Timeout = "2.5s", Mirror = new MirrorConfig { Version = "v2", Percent = 0.5 } },
            Stickiness = new StickinessConfig { Cookie = "frontend-version" },
            Ingress = new IngressConfig { Hosts = ["www.example.com", "*.shop.example.com"], Gateway = new GatewayConfig { CredentialName = "frontend-tls" }, Gateways = ["istio-ingress/public"] },
        };
        return name switch
        {
            "canary" => canary,
            "kitchen sink" => SampleConfigs.KitchenSink() with
            {
                Mesh = canary.Mesh,
                Routing = channel == GatewayApiChannels.Experimental
                    ? SampleConfigs.KitchenSink().Routing with { Retries = new RetriesConfig { Attempts = 3, PerTryTimeout = "1s", RetryOn = "502,503" }, Timeout = "5s" }
                    : SampleConfigs.KitchenSink().Routing with { Retries = null },
                Ingress = canary.Ingress,
            },
            "ambient" => canary with { Mesh = canary.Mesh with { Dataplane = MeshDataplanes.Ambient } },
            "migration: ingress on both" => canary with { Ingress = canary.Ingress! with { Api = MeshApis.Both, Gateway = canary.Ingress.Gateway! with { Selector = new Dictionary<string, string> { ["istio"] = "ingress" } } } },
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };
    }

    [Theory]
    [MemberData(nameof(Configs))]
    public async Task Declare_EveryResource_ValidatesAgainstIstiosAndTheChannelsSchemas(string name, string channel)
    {
        var config = Named(name, channel);
        Assert.Empty(StackConfigValidator.Validate(config, "dev").Where(p => p.IsError).Select(p => p.ToString()));
        var bundle = channel == GatewayApiChannels.Experimental ? Experimental.Value : Standard.Value;

        var run = await StackRun.DeclareAsync(config);

        var manifests = run.Registered.Where(r => r.Inputs.ContainsKey("apiVersion")).Select(r => Manifest.FromObjectTree(r.Inputs)).ToList();
        Assert.Contains(manifests, m => m.Kind == "HTTPRoute");
        var validated = manifests.Where(bundle.Defines).ToList();
        Assert.Contains(validated, m => m.Kind == "HTTPRoute");
        Assert.All(validated, m => Assert.Empty(bundle.Validate(m).Select(f => $"{m.DisplayName}: {f.Message}")));
    }

    [Fact]
    public async Task Declare_ExperimentalRetries_AreRefusedByTheStandardSchema()
    {
        // The reason the config rules refuse retries on a standard-channel stack: the schema has no such field.
        var run = await StackRun.DeclareAsync(Named("canary", GatewayApiChannels.Experimental));

        var routes = run.Registered.Where(r => r.Type!.EndsWith(":HTTPRoute", StringComparison.Ordinal)).Select(r => Manifest.FromObjectTree(r.Inputs)).ToList();
        Assert.Contains(routes.SelectMany(m => Standard.Value.Validate(m)), f => f.Message.Contains("retry", StringComparison.Ordinal));
    }
}
