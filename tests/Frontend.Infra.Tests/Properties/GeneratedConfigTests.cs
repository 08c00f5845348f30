using System.Collections.Immutable;
using System.Text.Json;
using CsCheck;
using Frontend.Analysis.Manifests;
using Frontend.Analysis.Mesh;
using Frontend.Analysis.Schema;
using Frontend.Infra.Configuration;
using Frontend.Infra.Tests.Testing;
using Pulumi;
using Pulumi.Testing;

namespace Frontend.Infra.Tests.Properties;

/// <summary>
/// Property tests: whatever valid config a person writes, the graph is one Istio accepts and that routes every
/// request somewhere real; whatever single mistake they make, the answer is a validation message naming the key,
/// never another exception and never a declared resource.
/// </summary>
public sealed class GeneratedConfigTests
{
    /// <summary>Each valid iteration evaluates the stack under mocks and validates it against the CRD schema: keep it modest.</summary>
    public const int ValidIterations = 150;

    public const int InvalidIterations = 200;

    public const int RawJsonIterations = 2000;

    private static readonly Lazy<CrdSchemaBundle> Bundle = new(() => CrdSchemaBundle.Load(RepositoryPaths.IstioCrdBundle));

    [Fact]
    public async Task Declare_RandomValidConfig_PassesSchemaAndAnalysisWithWeightsAddingUpAndEveryRouteResolving()
    {
        await ConfigGenerators.Valid.SampleAsync(
            async config =>
            {
                Assert.Empty(StackConfigValidator.Validate(config, "dev").Where(p => p.IsError).Select(p => p.ToString()));

                var run = await StackRun.DeclareAsync(config);

                var manifests = run.Registered.Where(r => r.Inputs.ContainsKey("apiVersion")).Select(r => Manifest.FromObjectTree(r.Inputs)).ToList();
                Assert.Empty(manifests.Where(Bundle.Value.Defines).SelectMany(m => Bundle.Value.Validate(m).Select(f => $"{m.DisplayName}: {f.Message}")));
                Assert.Empty(IstioAnalysis.Analyze(manifests, Bundle.Value).Where(f => f.Level == FindingLevel.Error).Select(FindingFormatter.Format));
                AssertWeightsAddUpAndRoutesResolve(run, config);
            },
            iter: ValidIterations,
            threads: 1,
            print: Describe);
    }

    /// <summary>Where a valid Istio-API config can break the Gateway API's rules: the port's protocol, header values, timeouts and retries.</summary>
    private static readonly string[] GatewayApiLimitedKeys = ["app", "routing"];

    private static readonly Lazy<CrdSchemaBundle> Standard = new(() => CrdSchemaBundle.Load([RepositoryPaths.IstioCrdBundle, RepositoryPaths.GatewayApiStandardBundle]));
    private static readonly Lazy<CrdSchemaBundle> Experimental = new(() => CrdSchemaBundle.Load([RepositoryPaths.IstioCrdBundle, RepositoryPaths.GatewayApiExperimentalBundle]));

    /// <summary>
    /// The same valid configs on the Gateway API, in a random channel and data plane: what the rules accept validates
    /// against Istio's schemas and that channel's (CEL included), and each HTTPRoute weighs the versions the config does.
    /// A config the Gateway API cannot carry (a TCP port, retries on the standard channel) must be refused by the rules
    /// instead; most are accepted, so the schemas see plenty.
    /// </summary>
    [Fact]
    public async Task Declare_RandomValidConfigOnTheGatewayApi_PassesItsChannelsSchemaOrIsRefusedByTheRules()
    {
        var accepted = 0;
        var mesh = Gen.Select(Gen.OneOfConst(GatewayApiChannels.All.ToArray()), Gen.OneOfConst(MeshDataplanes.All.ToArray()));
        await Gen.Select(ConfigGenerators.Valid, mesh).SampleAsync(
            async sample =>
            {
                var (original, (channel, dataplane)) = sample;
                var config = original with { Mesh = new MeshConfig { Api = MeshApis.GatewayApi, GatewayApiChannel = channel, Dataplane = dataplane } };
                // What a person moving to the Gateway API changes: no gateway selector, and no retries on the standard channel.
                config = config with
                {
                    Ingress = config.Ingress is { } ingress ? ingress with { Gateway = ingress.Gateway is { } gateway ? gateway with { Selector = new Dictionary<string, string>() } : null } : null,
                    Routing = channel == GatewayApiChannels.Standard ? config.Routing with { Retries = null } : config.Routing,
                };
                var errors = StackConfigValidator.Validate(config, "dev").Where(p => p.IsError).ToList();
                if (errors.Count > 0)
                {
                    Assert.All(errors, e => Assert.Contains(e.Path.Key, GatewayApiLimitedKeys));
                    return;
                }

                accepted++;
                var run = await StackRun.DeclareAsync(config);
                var bundle = channel == GatewayApiChannels.Experimental ? Experimental.Value : Standard.Value;
                var manifests = run.Registered.Where(r => r.Inputs.ContainsKey("apiVersion")).Select(r => Manifest.FromObjectTree(r.Inputs)).ToList();
                Assert.Empty(manifests.Where(bundle.Defines).SelectMany(m => bundle.Validate(m).Select(f => $"{m.DisplayName}: {f.Message}")));
                var meshRoute = Assert.Single(run.OfType("kubernetes:gateway.networking.k8s.io/v1:HTTPRoute"), r => (string?)r.Inputs.At("metadata.name") == config.App.Name);
                var split = (ImmutableDictionary<string, object>)meshRoute.Inputs.List("spec.rules")[^1];
                Assert.Equal(
                    config.Versions.Where(v => v.Weight > 0).Select(v => $"{config.App.Name}-{v.Name}"),
                    split.List("backendRefs").Cast<ImmutableDictionary<string, object>>().Select(b => (string)b["name"]));
            },
            iter: ValidIterations,
            threads: 1,
            print: sample => $"{sample.Item2}: {Describe(sample.Item1)}");

        Assert.True(accepted > ValidIterations / 2, $"only {accepted} of {ValidIterations} configs were accepted on the Gateway API");
    }

    [Fact]
    public async Task Declare_RandomConfigWithOneMistake_FailsOnlyWithValidationMessagesNamingTheKey()
    {
        await ConfigGenerators.Invalid.SampleAsync(
            async sample =>
            {
                var (config, brokenKey) = sample;
                var mocks = new RecordingMocks();

                var error = await Record.ExceptionAsync(() => Deployment.TestAsync(
                    mocks,
                    new TestOptions { ProjectName = ConfigPath.Project, StackName = "dev" },
                    () => FrontendStack.Declare(config)));

                Assert.IsType<RunException>(error);
                var messages = Refusal.MessagesOf(error);
                Assert.Contains(messages, m => m.StartsWith($"{ConfigPath.Project}:{brokenKey} = ", StringComparison.Ordinal));
                Assert.All(messages, m => Assert.Contains(". Fix: ", m, StringComparison.Ordinal));
                Assert.Empty(mocks.Registered);
            },
            iter: InvalidIterations,
            threads: 1,
            print: sample => $"{sample.BrokenKey}: {Describe(sample.Config)}");
    }

    [Fact]
    public void Load_RandomJsonForEveryKey_GivesAConfigOrProblemsAndNeverThrows()
    {
        var keys = StackConfigLoader.KnownKeys.Append("verions").ToArray();
        var stack = Gen.Select(Gen.OneOfConst(keys), RawJson.Value).Array[1, 6]
            .Select(entries => entries.DistinctBy(e => e.Item1).ToDictionary(e => e.Item1, e => e.Item2));

        stack.Sample(
            values =>
            {
                var loaded = StackConfigLoader.Load(values.GetValueOrDefault, values.Keys);

                Assert.True(loaded.Config is not null || loaded.Problems.Count > 0);
                Assert.All(loaded.Problems, p => Assert.StartsWith($"{ConfigPath.Project}:", p.ToString(), StringComparison.Ordinal));
                if (loaded.Config is { } config)
                {
                    Assert.All(StackConfigValidator.Validate(config, "prod"), p => Assert.False(string.IsNullOrEmpty(p.Fix)));
                }
            },
            iter: RawJsonIterations,
            threads: 1);
    }

    /// <summary>JSON text of any shape, with the config's own key names and values mixed in so some of it binds.</summary>
    private static readonly Lazy<Gen<string>> RawJson = new(() =>
    {
        var names = Gen.OneOfConst("name", "image", "weight", "replicas", "mode", "maxUnavailable", "matches", "version", "header", "exact", "loadBalancer", "simple", "timeout", "create", "security", "runAsUser", "x", "");
        var scalar = Gen.OneOf(
            Gen.OneOfConst<JsonElementText>("null", "true", "false", "0", "-1", "100", "1e400", "99999999999", "0.5", "\"\"", "\"v1\"", "\"ghcr.io/acme/frontend:1.4.2\"", "\"STRICT\"", "\"10s\"", "\"ROUND_ROBIN\"", "\"é\""),
            Gen.Int.Select(n => new JsonElementText(n.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        var tree = Gen.Recursive<JsonElementText>((depth, inner) => depth >= 4
            ? scalar
            : Gen.Frequency(
                (3, scalar),
                (2, inner.Array[0, 4].Select(items => new JsonElementText($"[{string.Join(",", items.Select(i => i.Text))}]"))),
                (3, Gen.Select(names, inner).Array[0, 5].Select(members => new JsonElementText($"{{{string.Join(",", members.DistinctBy(m => m.Item1).Select(m => $"{JsonSerializer.Serialize(m.Item1)}:{m.Item2.Text}"))}}}")))));
        return Gen.Frequency((9, tree.Select(t => t.Text)), (1, Gen.OneOfConst("not json", "{", "[1,", "yes")));
    });

    private readonly record struct JsonElementText(string Text)
    {
        public static implicit operator JsonElementText(string text) => new(text);
    }

    private static void AssertWeightsAddUpAndRoutesResolve(StackRun run, StackConfig config)
    {
        var destinationRule = Assert.Single(run.OfType("kubernetes:networking.istio.io/v1:DestinationRule"));
        var virtualService = Assert.Single(run.OfType("kubernetes:networking.istio.io/v1:VirtualService"));
        var subsets = destinationRule.Inputs.List("spec.subsets").Cast<ImmutableDictionary<string, object>>().Select(s => (string)s["name"]).ToHashSet();
        var deployments = run.OfType("kubernetes:apps/v1:Deployment").Select(d => d.Inputs.Labels("spec.template.metadata.labels")["version"]).ToHashSet();
        var routes = virtualService.Inputs.List("spec.http").Cast<ImmutableDictionary<string, object>>().ToList();
        var weighted = routes.Single(r => !r.ContainsKey("match"));
        var destinations = ((ImmutableArray<object>)weighted["route"]).Cast<ImmutableDictionary<string, object>>().ToList();

        Assert.Equal(100, destinations.Sum(d => d.TryGetValue("weight", out var w) ? Convert.ToInt32(w, System.Globalization.CultureInfo.InvariantCulture) : 100));
        Assert.Equal(config.Versions.Where(v => v.Weight > 0).Select(v => v.Name), destinations.Select(d => (string)((ImmutableDictionary<string, object>)d["destination"])["subset"]));
        foreach (var destination in routes.SelectMany(r => ((ImmutableArray<object>)r["route"]).Cast<ImmutableDictionary<string, object>>()))
        {
            var subset = (string)((ImmutableDictionary<string, object>)destination["destination"])["subset"];
            Assert.Contains(subset, subsets);
            Assert.Contains(subset, deployments);
        }
    }

    private static string Describe(StackConfig config) => JsonSerializer.Serialize(config, ConfigBinder.Options);
}
