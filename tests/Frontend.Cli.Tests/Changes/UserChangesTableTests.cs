using Frontend.Analysis.Rendering;
using Frontend.Analysis.Users;
using Frontend.Analysis.Users.Changes;
using Frontend.Cli.Tests.Support;

namespace Frontend.Cli.Tests.Changes;

/// <summary>
/// What changes for users, for base→head pairs rendered through the real program: a change to the program's output
/// shows here as surely as a change to the stack file. Each case lists every sentence, in order, with its risk after ⚠.
/// </summary>
public sealed class UserChangesTableTests : IDisposable
{
    private const string InMesh = "(in-mesh callers)";
    private const string Replaced = "replaces a resource: the new rule is created first, the old one deleted at the end of the update";

    private const string Testers = """
          frontend:routing:
            matches:
              - name: testers
                header:
                  name: x-canary
                  exact: always
                version: v2

        """;

    private const string Ingress = """
          frontend:ingress:
            hosts:
              - www.example.com
            gateways:
              - istio-ingress/public-gateway

        """;

    private const string Autoscaling = """
          frontend:autoscaling:
            minReplicas: 2
            maxReplicas: 10
            targetCpuUtilization: 70

        """;

    private const string Budget = """
          frontend:podDisruptionBudget:
            maxUnavailable: 1

        """;

    private const string Rollout = """
          frontend:rollout:
            canary: v2
            stable: [v1]
            steps: [10, 25, 50, 100]

        """;

    private static readonly ShopStack Shop = new();

    private static readonly ShopStack WithV3AtZero = Shop with { Versions = [.. Shop.Versions, new("v3", "1.6.0", 0, 1)] };

    private static readonly ShopStack Production = Shop.With(Cluster("acme-prod") + Mtls("STRICT") + Budget + "  frontend:production: true\n");

    private static readonly Dictionary<string, (ShopStack Base, ShopStack Head, string[] Expected)> Cases = new()
    {
        ["no change"] = (Shop, Shop, []),
        ["weights"] = (Shop, Shop.Weights(75, 25), [$"v1: 90% → 75% {InMesh}", $"v2: 10% → 25% {InMesh}"]),
        ["weights at the gateway and in the mesh"] = (
            Shop.With(Ingress), Shop.With(Ingress).Weights(75, 25),
            [
                "v1: 90% → 75% (www.example.com via istio-ingress/public-gateway, and in-mesh callers)",
                "v2: 10% → 25% (www.example.com via istio-ingress/public-gateway, and in-mesh callers)",
            ]),
        ["the rollout plan's next step"] = (
            Shop.With(Rollout), Shop.With(Rollout).Weights(75, 25),
            [
                $"v1: 90% → 75% {InMesh}",
                $"v2: 10% → 25% {InMesh}",
            ]),
        ["past the rollout plan's next step"] = (
            Shop.With(Rollout), Shop.With(Rollout).Weights(50, 50),
            [
                $"v1: 90% → 50% {InMesh}",
                $"v2: 10% → 50% {InMesh} ⚠ a larger step than the rollout plan's next one (10% → 25%)",
            ]),
        ["a new version at 0% renames the DestinationRule"] = (
            Shop, WithV3AtZero,
            [
                "v3 added: 1 replica of ghcr.io/acme/frontend:1.6.0",
                $"DestinationRule frontend-34cf7b28 → frontend-3bcb3337 (its name follows the set of versions) ⚠ {Replaced}",
            ]),
        ["a new version with a share"] = (
            Shop, Shop with { Versions = [.. Shop.Weights(80, 10).Versions, new("v3", "1.6.0", 10)] },
            [
                $"v1: 90% → 80% {InMesh}",
                $"v3: 0% → 10% {InMesh} ⚠ first traffic to v3: no user has reached its pods yet",
                "v3 added: 2 replicas of ghcr.io/acme/frontend:1.6.0",
                $"DestinationRule frontend-34cf7b28 → frontend-3bcb3337 (its name follows the set of versions) ⚠ {Replaced}",
            ]),
        ["a new version at 5% with a tester route"] = (
            Shop, Shop with { Versions = [.. Shop.Weights(85, 10).Versions, new("v3", "1.6.0", 5)], Config = Testers.Replace("version: v2", "version: v3", StringComparison.Ordinal) },
            [
                $"v1: 90% → 85% {InMesh}",
                $"v3: 0% → 5% {InMesh} ⚠ first traffic to v3: no user has reached its pods yet",
                "v3 added: 2 replicas of ghcr.io/acme/frontend:1.6.0",
                "match route `testers` added: requests with header `x-canary: always` → v3",
                $"DestinationRule frontend-34cf7b28 → frontend-3bcb3337 (its name follows the set of versions) ⚠ {Replaced}",
            ]),
        ["a version retired at 0%"] = (
            Shop.Weights(100, 0), Shop with { Versions = [new("v1", "1.4.2", 100)] },
            [
                "v2 removed (it ran 2 replicas of ghcr.io/acme/frontend:1.5.0)",
                $"DestinationRule frontend-34cf7b28 → frontend-3bfc2695 (its name follows the set of versions) ⚠ {Replaced}",
            ]),
        ["a version retired while still routed"] = (
            Shop, Shop with { Versions = [new("v1", "1.4.2", 100)] },
            [
                $"v1: 90% → 100% {InMesh}",
                $"v2: 10% → 0% {InMesh}",
                "v2 removed (it ran 2 replicas of ghcr.io/acme/frontend:1.5.0) ⚠ v2 still had users in the base: take it to 0% first, then remove it",
                $"DestinationRule frontend-34cf7b28 → frontend-3bfc2695 (its name follows the set of versions) ⚠ {Replaced}",
            ]),
        ["a version drained to 0%"] = (
            Shop, Shop.Weights(100, 0),
            [
                $"v1: 90% → 100% {InMesh}",
                $"v2: 10% → 0% {InMesh}",
            ]),
        ["a match route added"] = (
            Shop, Shop.With(Testers),
            [
                "match route `testers` added: requests with header `x-canary: always` → v2",
            ]),
        ["a tester route to a version at 0%"] = (
            WithV3AtZero, WithV3AtZero.With(Testers.Replace("version: v2", "version: v3", StringComparison.Ordinal)),
            [
                "match route `testers` added: requests with header `x-canary: always` → v3 ⚠ first traffic to v3: no user has reached its pods yet",
            ]),
        ["a match route removed"] = (
            Shop.With(Testers), Shop,
            [
                "match route `testers` removed: requests with header `x-canary: always` no longer go to v2 (they get the split)",
            ]),
        ["a match route from a header to a cookie"] = (
            Shop.With(Testers), Shop.With(Testers.Replace("header:\n          name: x-canary\n          exact: always", "cookie:\n          name: tester\n          value: \"yes\"", StringComparison.Ordinal)),
            [
                "match route `testers`: requests with header `x-canary: always` → v2 becomes requests with cookie `tester=yes` → v2",
            ]),
        ["stickiness on"] = (
            Shop, Shop.With(Sticky("frontend-version")),
            [
                "stickiness on: visitors carrying cookie `frontend-version` return to their version (v1, v2); each response of the split adds it (Max-Age=86400; Path=/; Secure; HttpOnly; SameSite=Lax)",
            ]),
        ["the sticky cookie renamed"] = (
            Shop.With(Sticky("frontend-version")), Shop.With(Sticky("fv")),
            [
                "stickiness cookie: `frontend-version` → `fv` (visitors holding the old cookie are split afresh once)",
            ]),
        ["a sticky version drained to 0%"] = (
            Shop.With(Sticky("frontend-version")), Shop.With(Sticky("frontend-version")).Weights(100, 0),
            [
                $"v1: 90% → 100% {InMesh}",
                $"v2: 10% → 0% {InMesh}",
                "visitors carrying v2's cookie no longer return to v2: they get the split afresh",
            ]),
        ["stickiness off"] = (
            Shop.With(Sticky("frontend-version")), Shop,
            [
                "stickiness off: cookie `frontend-version` no longer returns visitors to their version; each request is split afresh",
            ]),
        ["mirroring on"] = (
            WithV3AtZero, WithV3AtZero.With("  frontend:routing:\n    mirror:\n      version: v3\n      percent: 10\n"),
            [
                "mirroring on: 10% of the split's requests copied to v3 (responses discarded)",
            ]),
        ["retries without new conditions"] = (
            Shop.With(Retries(2, "connect-failure")), Shop.With(Retries(3, "connect-failure")),
            [
                "retries: attempts=2, retryOn=connect-failure → attempts=3, retryOn=connect-failure",
            ]),
        ["retries on 5xx"] = (
            Shop.With(Retries(2, "connect-failure")), Shop.With(Retries(2, "5xx,connect-failure")),
            [
                "retries: attempts=2, retryOn=connect-failure → attempts=2, retryOn=5xx,connect-failure ⚠ retries now cover non-idempotent failures (5xx): a request the app already acted on may run twice",
            ]),
        ["a timeout"] = (
            Shop, Shop.With("  frontend:routing:\n    timeout: 10s\n"),
            [
                "timeout: none → 10s",
            ]),
        ["mTLS weakened"] = (
            Shop.With(Mtls("STRICT")), Shop.With(Mtls("PERMISSIVE")),
            [
                "mTLS: STRICT → PERMISSIVE ⚠ mTLS weakened: the app may accept plain text",
            ]),
        ["mTLS left to the namespace"] = (
            Shop.With(Mtls("STRICT")), Shop,
            [
                "mTLS: STRICT → no PeerAuthentication (the namespace's or mesh's policy applies) ⚠ mTLS weakened: the app may accept plain text",
            ]),
        ["mTLS strengthened"] = (
            Shop.With(Mtls("PERMISSIVE")), Shop.With(Mtls("STRICT")),
            [
                "mTLS: PERMISSIVE → STRICT",
            ]),
        ["client TLS weakened"] = (
            Shop.With(TrafficPolicy("tls:\n      mode: ISTIO_MUTUAL")), Shop,
            [
                "client TLS: ISTIO_MUTUAL → not set (Istio auto mTLS) ⚠ TLS weakened: calls to the app may go out in plain text",
            ]),
        ["load balancing"] = (
            Shop.With(TrafficPolicy("loadBalancer:\n      simple: ROUND_ROBIN")), Shop.With(TrafficPolicy("loadBalancer:\n      simple: LEAST_REQUEST")),
            [
                "load balancing: ROUND_ROBIN → LEAST_REQUEST",
            ]),
        ["outlier detection on"] = (
            Shop, Shop.With(TrafficPolicy("outlierDetection:\n      consecutive5xxErrors: 5\n      interval: 10s\n      baseEjectionTime: 30s")),
            [
                "outlier detection: off → baseEjectionTime=30s, consecutive5xxErrors=5, interval=10s",
            ]),
        ["connection pool"] = (
            Shop.With(TrafficPolicy("connectionPool:\n      tcp:\n        maxConnections: 100")), Shop.With(TrafficPolicy("connectionPool:\n      tcp:\n        maxConnections: 50")),
            [
                "connection pool: tcp.maxConnections=100 → tcp.maxConnections=50",
            ]),
        ["autoscaling on"] = (
            Shop, Autoscaled(Shop),
            [
                "v1 capacity: 2 replicas → 2-10 replicas (HPA: 70% CPU of app) (autoscaling on)",
                "v2 capacity: 2 replicas → 2-10 replicas (HPA: 70% CPU of app) (autoscaling on)",
            ]),
        ["autoscaling off"] = (
            Autoscaled(Shop), Shop,
            [
                "v1 capacity: 2-10 replicas (HPA: 70% CPU of app) → 2 replicas (autoscaling off)",
                "v2 capacity: 2-10 replicas (HPA: 70% CPU of app) → 2 replicas (autoscaling off)",
            ]),
        ["replicas"] = (
            Shop, Shop with { Versions = [Shop.Versions[0] with { Replicas = 3 }, Shop.Versions[1]] },
            [
                "v1 capacity: 2 replicas → 3 replicas",
            ]),
        ["an image"] = (
            Shop, Shop with { Versions = [Shop.Versions[0], Shop.Versions[1] with { Tag = "1.5.1" }] },
            [
                "v2 image: ghcr.io/acme/frontend:1.5.0 → ghcr.io/acme/frontend:1.5.1",
            ]),
        ["an ingress host added"] = (
            Shop, Shop.With(Ingress),
            [
                "new entry point: www.example.com via istio-ingress/public-gateway (v1 90%, v2 10%)",
            ]),
        ["another gateway"] = (
            Shop.With(Ingress), Shop.With(Ingress.Replace("public-gateway", "private-gateway", StringComparison.Ordinal)),
            [
                "new entry point: www.example.com via istio-ingress/private-gateway (v1 90%, v2 10%)",
                "entry point removed: www.example.com via istio-ingress/public-gateway (was v1 90%, v2 10%)",
            ]),
        ["another cluster"] = (
            Shop.With(Cluster("acme-prod")), Shop.With(Cluster("acme-prod-eu")),
            [
                "cluster: kube context acme-prod (identifier acme-prod) → kube context acme-prod-eu (identifier acme-prod-eu) ⚠ a new cluster identifier replaces the provider and every resource",
            ]),
        ["a renamed context of the same cluster"] = (
            Shop.With(Cluster("acme-prod")), Shop.With(Cluster("acme-prod-eu", identifier: "acme-prod")),
            [
                "cluster: kube context acme-prod (identifier acme-prod) → kube context acme-prod-eu (identifier acme-prod)",
            ]),
        ["another namespace"] = (
            Shop, Shop with { Namespace = "store" },
            [
                "new entry point: in-mesh callers of frontend.store.svc.cluster.local (v1 90%, v2 10%)",
                "entry point removed: in-mesh callers of frontend.shop.svc.cluster.local (was v1 90%, v2 10%)",
                "namespace: shop → store ⚠ replaces every resource: each is created in the new namespace and deleted from the old",
            ]),
        ["a production budget lost"] = (
            Production, Production with { Config = Cluster("acme-prod") + Mtls("STRICT") + "  frontend:production: false\n" },
            [
                "v1 disruption budget: maxUnavailable=1, unhealthyPodEvictionPolicy=AlwaysAllow → none ⚠ a production budget is lost: a node drain may take every v1 pod at once",
                "v2 disruption budget: maxUnavailable=1, unhealthyPodEvictionPolicy=AlwaysAllow → none ⚠ a production budget is lost: a node drain may take every v2 pod at once",
            ]),
    };

    private readonly TempFolder _temp = new();

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    public void Dispose() => _temp.Dispose();

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task Compare_RenderedBaseAndHead_SaysWhatChangesWithItsRisks(string name)
    {
        var (baseStack, headStack, expected) = Cases[name];
        var before = await Render(baseStack, "base");
        var after = await Render(headStack, "head");

        var changes = UserChanges.Compare(before, after);

        Assert.Equal(expected, changes.Select(change => change.Risk is null ? change.Text : $"{change.Text} ⚠ {change.Risk}"));
    }

    [Fact]
    public void Cases_Count_IsAtLeastTheTwentyFivePairsTheIssueAsksFor() => Assert.True(Cases.Count >= 25, $"{Cases.Count} cases");

    private static string Sticky(string cookie) => $"  frontend:stickiness:\n    cookie: {cookie}\n";

    private static string Retries(int attempts, string retryOn) => $"  frontend:routing:\n    retries:\n      attempts: {attempts}\n      retryOn: {retryOn}\n";

    private static string Mtls(string mode) => $"  frontend:mtls:\n    mode: {mode}\n";

    private static string TrafficPolicy(string policy) => $"  frontend:trafficPolicy:\n    {policy}\n";

    private static string Cluster(string context, string? identifier = null) =>
        $"  frontend:cluster:\n    context: {context}\n{(identifier is null ? "" : $"    identifier: {identifier}\n")}";

    private static ShopStack Autoscaled(ShopStack stack) =>
        stack.With(Autoscaling) with { Versions = [.. stack.Versions.Select(version => version with { Replicas = null })] };

    private async Task<UserView> Render(ShopStack stack, string side)
    {
        var project = _temp.WriteProject("shop", stack.Yaml());
        var folder = _temp.Combine(side);
        var run = await CliRun.Of("render", "shop", "--out", folder, "--project-dir", project);
        Assert.True(run.ExitCode == 0, $"the {side} did not render:\n{run.Stderr}\n{stack.Yaml()}");
        return UserView.Read(RenderedFolder.Read(folder), StackFacts.ReadFolder(folder));
    }
}
