using System.Collections.Immutable;
using Frontend.Infra.Configuration;
using Frontend.Infra.Tests.Testing;
using Pulumi.Testing;

namespace Frontend.Infra.Tests.Components;

/// <summary>
/// The README's migration from the Istio API to the Gateway API, as three <c>pulumi up</c>s of a running stack, drops no
/// request. Pulumi creates and updates in dependency order and deletes what a step no longer declares only at its end,
/// so while a step runs the cluster holds the new state plus the old state's leftovers. In that state and after it:
/// <list type="bullet">
/// <item>every entry point the old state served (in-mesh callers, each external host on each gateway) is still served,
/// with the same weights, by every route that claims it (Istio picks one when two claim the same host);</item>
/// <item>every route's backends exist (the version Service, or the subset in a DestinationRule);</item>
/// <item>an entry point disappears only when the host was also served through the other API's gateway before the step,
/// so DNS could move first.</item>
/// </list>
/// That routes wait for what they name within a step is <see cref="MakeBeforeBreakTests"/>' part.
/// </summary>
public sealed class MigrationToGatewayApiTests
{
    private const string ServiceHostSuffix = ".frontend-dev.svc.cluster.local";

    private static StackConfig Running(IngressConfig ingress) => SampleConfigs.TwoVersions(v1Weight: 90, v2Weight: 10).ProductionReady() with
    {
        TrafficPolicy = new TrafficPolicyConfig { LoadBalancer = new LoadBalancerConfig { Simple = "LEAST_REQUEST" } },
        Stickiness = new StickinessConfig { Cookie = "frontend-version" },
        Ingress = ingress,
    };

    /// <summary>The README's steps: the in-mesh routes move first, then both gateways carry the hosts while DNS moves, then the Istio ones go.</summary>
    private static IReadOnlyList<(string Step, StackConfig Config)> Steps(IngressConfig ingress)
    {
        var before = Running(ingress);
        var mesh = new MeshConfig { Api = MeshApis.GatewayApi, GatewayApiChannel = GatewayApiChannels.Standard };
        return
        [
            ("running on the Istio API", before),
            ("1: mesh.api gateway-api, ingress.api istio", before with { Mesh = mesh, Ingress = ingress with { Api = MeshApis.Istio } }),
            ("2: ingress.api both (move DNS now)", before with { Mesh = mesh, Ingress = ingress with { Api = MeshApis.Both } }),
            ("3: ingress.api removed", before with { Mesh = mesh, Ingress = ingress with { Gateway = ingress.Gateway is null ? null : ingress.Gateway with { Selector = new Dictionary<string, string>() } } }),
        ];
    }

    public static TheoryData<string> Ingresses => ["own gateway", "shared gateway"];

    private static IngressConfig Ingress(string name) => name == "own gateway"
        ? new IngressConfig { Hosts = ["www.example.com"], Gateway = new GatewayConfig { CredentialName = "frontend-tls", Selector = new Dictionary<string, string> { ["istio"] = "ingress" } } }
        : new IngressConfig { Hosts = ["www.example.com"], Gateways = ["istio-ingress/public"] };

    [Theory]
    [MemberData(nameof(Ingresses))]
    public async Task Migrate_EveryStep_KeepsEveryEntryPointServedWithTheSameWeightsAndEveryBackendPresent(string ingress)
    {
        var steps = Steps(Ingress(ingress));
        var states = new List<IReadOnlyList<MockResourceArgs>>();
        foreach (var (step, config) in steps)
        {
            Assert.Empty(StackConfigValidator.Validate(config, "dev").Where(p => p.IsError).Select(p => $"{step}: {p}"));
            states.Add((await StackRun.DeclareAsync(config)).Registered);
        }

        var weights = new Dictionary<string, int> { ["v1"] = 90, ["v2"] = 10 };
        for (var i = 1; i < states.Count; i++)
        {
            var (before, after) = (states[i - 1], states[i]);
            var during = During(before, after);
            var servedBefore = Served(before);
            var servedDuring = Served(during);
            foreach (var entry in servedBefore.Keys)
            {
                Assert.True(servedDuring.ContainsKey(entry), $"{steps[i].Step}: {entry} is not served while the step runs");
                Assert.All(servedDuring[entry], route => Assert.Equal(weights, route));
            }

            Assert.Empty(UnresolvedBackends(during).Select(b => $"{steps[i].Step}, while it runs: {b}"));
            Assert.Empty(UnresolvedBackends(after).Select(b => $"{steps[i].Step}, after it: {b}"));

            var servedAfter = Served(after);
            foreach (var gone in servedBefore.Keys.Where(e => !servedAfter.ContainsKey(e)))
            {
                var host = gone.Split(' ')[0];
                Assert.True(
                    gone != "mesh" && servedBefore.Keys.Any(other => other != gone && other.StartsWith(host + " ", StringComparison.Ordinal) && Api(other) != Api(gone)),
                    $"{steps[i].Step}: {gone} stops being served without another API's gateway having served {host} before the step");
            }
        }

        Assert.All(Served(states[^1]).Keys.Where(e => e != "mesh"), e => Assert.Equal("gateway-api", Api(e)));
        Assert.DoesNotContain(states[^1], r => r.Type == "kubernetes:networking.istio.io/v1:VirtualService");
    }

    [Fact]
    public async Task Migrate_InOneStep_WouldStopServingTheHostOnTheOldGateway()
    {
        // Why step 2 exists: switching the ingress in one go leaves no moment where both gateways carry the host.
        var ingress = Ingress("own gateway");
        var before = (await StackRun.DeclareAsync(Running(ingress))).Registered;
        var after = (await StackRun.DeclareAsync(Running(ingress) with
        {
            Mesh = new MeshConfig { Api = MeshApis.GatewayApi, GatewayApiChannel = GatewayApiChannels.Standard },
            Ingress = ingress with { Gateway = ingress.Gateway! with { Selector = new Dictionary<string, string>() } },
        })).Registered;

        var gone = Served(before).Keys.Where(e => !Served(after).ContainsKey(e)).ToList();
        Assert.Equal(["www.example.com via istio frontend-dev/frontend"], gone);
        Assert.DoesNotContain(Served(before).Keys, e => Api(e) == "gateway-api");
    }

    /// <summary>The cluster while a step runs: everything the step declares, plus what it will delete only at its end.</summary>
    private static List<MockResourceArgs> During(IReadOnlyList<MockResourceArgs> before, IReadOnlyList<MockResourceArgs> after)
    {
        var declared = after.Select(Identity).ToHashSet(StringComparer.Ordinal);
        return [.. after, .. before.Where(r => !declared.Contains(Identity(r)))];
    }

    private static string Identity(MockResourceArgs r) => $"{r.Type} {r.Inputs.At("metadata.namespace")}/{r.Inputs.At("metadata.name")}";

    private static string Api(string entry) => entry == "mesh" ? "mesh" : entry.Split(" ")[2];

    /// <summary>Each entry point (<c>mesh</c>, or <c>host via api gateway</c>) and the weights of every route that claims it.</summary>
    private static Dictionary<string, List<Dictionary<string, int>>> Served(IReadOnlyList<MockResourceArgs> state)
    {
        var served = new Dictionary<string, List<Dictionary<string, int>>>(StringComparer.Ordinal);
        void Add(string entry, Dictionary<string, int> weights)
        {
            if (!served.TryGetValue(entry, out var list))
            {
                served[entry] = list = [];
            }

            list.Add(weights);
        }

        foreach (var vs in state.Where(r => r.Type == "kubernetes:networking.istio.io/v1:VirtualService"))
        {
            var split = (ImmutableDictionary<string, object>)vs.Inputs.List("spec.http")[^1];
            var weights = split.List("route").Cast<ImmutableDictionary<string, object>>().ToDictionary(
                d => (string?)d.At("destination.subset") ?? Version((string)d.At("destination.host")!),
                d => (int)(double)d.At("weight")!);
            var gateways = vs.Inputs.List("spec.gateways").Cast<string>().ToList();
            foreach (var host in vs.Inputs.List("spec.hosts").Cast<string>())
            {
                foreach (var gateway in gateways)
                {
                    Add(gateway == "mesh" ? "mesh" : $"{host} via istio {gateway}", weights);
                }
            }
        }

        foreach (var route in state.Where(r => r.Type == "kubernetes:gateway.networking.k8s.io/v1:HTTPRoute"))
        {
            var rules = route.Inputs.List("spec.rules").Cast<ImmutableDictionary<string, object>>().ToList();
            if (rules[^1].At("backendRefs") is null)
            {
                continue; // the HTTPS redirect serves no version
            }

            var weights = rules[^1].List("backendRefs").Cast<ImmutableDictionary<string, object>>().ToDictionary(b => Version((string)b["name"] + ServiceHostSuffix), b => (int)(double)b["weight"]);
            foreach (var parent in route.Inputs.List("spec.parentRefs").Cast<ImmutableDictionary<string, object>>())
            {
                if ((string?)parent.At("kind") == "Service")
                {
                    Add("mesh", weights);
                    continue;
                }

                var gateway = $"{(string?)parent.At("namespace") ?? (string?)route.Inputs.At("metadata.namespace")}/{parent.At("name")}";
                foreach (var host in route.Inputs.List("spec.hostnames").Cast<string>())
                {
                    Add($"{host} via gateway-api {gateway}", weights);
                }
            }
        }

        return served;
    }

    /// <summary><c>frontend-v2.frontend-dev.svc.cluster.local</c> is v2's Service.</summary>
    private static string Version(string host) => host[..host.IndexOf('.', StringComparison.Ordinal)]["frontend-".Length..];

    /// <summary>Every backend a route names that the state lacks: a version Service, an own Gateway, or a subset of the shared host.</summary>
    private static IEnumerable<string> UnresolvedBackends(IReadOnlyList<MockResourceArgs> state)
    {
        var services = state.Where(r => r.Type == "kubernetes:core/v1:Service").Select(r => (string)r.Inputs.At("metadata.name")!).ToHashSet(StringComparer.Ordinal);
        var subsets = state.Where(r => r.Type == "kubernetes:networking.istio.io/v1:DestinationRule" && r.Inputs.At("spec.subsets") is not null)
            .SelectMany(r => r.Inputs.List("spec.subsets").Cast<ImmutableDictionary<string, object>>().Select(s => $"{r.Inputs.At("spec.host")}#{s["name"]}"))
            .ToHashSet(StringComparer.Ordinal);
        var gateways = state.Where(r => r.Type!.EndsWith(":Gateway", StringComparison.Ordinal)).Select(r => $"{r.Type} {r.Inputs.At("metadata.name")}").ToHashSet(StringComparer.Ordinal);

        foreach (var vs in state.Where(r => r.Type == "kubernetes:networking.istio.io/v1:VirtualService"))
        {
            foreach (var destination in vs.Inputs.List("spec.http").Cast<ImmutableDictionary<string, object>>().SelectMany(h => h.List("route")).Cast<ImmutableDictionary<string, object>>())
            {
                var host = (string)destination.At("destination.host")!;
                var missing = destination.At("destination.subset") is string subset
                    ? !subsets.Contains($"{host}#{subset}")
                    : !services.Contains(host[..host.IndexOf('.', StringComparison.Ordinal)]);
                if (missing)
                {
                    yield return $"VirtualService {vs.Inputs.At("metadata.name")} routes to {host} {destination.At("destination.subset")}";
                }
            }

            foreach (var own in vs.Inputs.List("spec.gateways").Cast<string>().Where(g => g.StartsWith("frontend-dev/", StringComparison.Ordinal)))
            {
                if (!gateways.Contains($"kubernetes:networking.istio.io/v1:Gateway {own.Split('/')[1]}"))
                {
                    yield return $"VirtualService {vs.Inputs.At("metadata.name")} is bound to the missing Istio Gateway {own}";
                }
            }
        }

        foreach (var route in state.Where(r => r.Type == "kubernetes:gateway.networking.k8s.io/v1:HTTPRoute"))
        {
            foreach (var backend in route.Inputs.List("spec.rules").Cast<ImmutableDictionary<string, object>>().Where(r => r.At("backendRefs") is not null).SelectMany(r => r.List("backendRefs")).Cast<ImmutableDictionary<string, object>>())
            {
                if (!services.Contains((string)backend["name"]))
                {
                    yield return $"HTTPRoute {route.Inputs.At("metadata.name")} routes to the missing Service {backend["name"]}";
                }
            }

            foreach (var parent in route.Inputs.List("spec.parentRefs").Cast<ImmutableDictionary<string, object>>().Where(p => (string?)p.At("kind") == "Gateway" && p.At("namespace") is null))
            {
                if (!gateways.Contains($"kubernetes:gateway.networking.k8s.io/v1:Gateway {parent["name"]}"))
                {
                    yield return $"HTTPRoute {route.Inputs.At("metadata.name")} is attached to the missing Gateway {parent["name"]}";
                }
            }
        }
    }
}
