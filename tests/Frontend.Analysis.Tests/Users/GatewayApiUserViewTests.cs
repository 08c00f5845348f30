using Frontend.Analysis.Manifests;
using Frontend.Analysis.Users;
using Frontend.Analysis.Users.Changes;
using Frontend.Analysis.Yaml;

namespace Frontend.Analysis.Tests.Users;

/// <summary>
/// The prod canary rendered twice (Fixtures/GatewayApi): as the program renders it today (VirtualServices, a
/// DestinationRule with subsets) and with HTTPRoutes and version Services as gateway-shapes.md designs it. Users get
/// the same routes either way, except the retries, which an HTTPRoute cannot say as the VirtualService does.
/// </summary>
public sealed class GatewayApiUserViewTests
{
    private static readonly string Fixtures = Path.Combine(RepositoryPaths.Root, "tests", "Frontend.Analysis.Tests", "Fixtures", "GatewayApi");

    [Fact]
    public void Read_ProdAsHttpRoutes_GivesTheSameEntryPointsRoutesVersionsAndPoliciesAsTheVirtualServices()
    {
        var istio = Read("prod-istio.yaml");
        var gatewayApi = Read("prod-gateway-api.yaml");

        // The fixtures list their routes in different orders: entry points are compared by label.
        Assert.Equal(UsersOf(istio), UsersOf(gatewayApi));
        Assert.Equal(istio.Versions, gatewayApi.Versions);
        Assert.Equal(istio.Policies, gatewayApi.Policies);
        Assert.Equal(istio.Namespaces, gatewayApi.Namespaces);
    }

    [Fact]
    public void Read_ProdAsHttpRoutes_ReadsRelativeWeightsAsPercentagesAndTheCookieRoutesAsStickiness()
    {
        var plan = Read("prod-gateway-api.yaml").EntryPoints.Single(routed => routed.EntryPoint.InMesh).Plan;

        Assert.Equal([new Share("v1", 90), new Share("v2", 10)], plan.Split);
        Assert.Equal(new ValueList<string>(["v1", "v2"]), plan.Stickiness!.Versions);
        Assert.Equal("Path=/; Max-Age=360; HttpOnly; Secure; SameSite=Lax", plan.Stickiness.Attributes);
        Assert.Equal(new MatchRoute("testers", "requests with header `x-canary: always`", "headers.x-canary.exact=always", new ValueList<string>(["v2"])), plan.MatchRoutes.Single());
        Assert.Equal("10s", plan.Timeout);
    }

    [Fact]
    public void Compare_IstioRenderToGatewayApiRender_SaysOnlyThatTheRetriesBecomeWhatIstioMakesOfTheHttpRoutesRetry()
    {
        var changes = UserChanges.Compare(Read("prod-istio.yaml"), Read("prod-gateway-api.yaml"));

        Assert.Equal(
            [new ChangeSentence("retries: attempts=2, perTryTimeout=2s, retryOn=connect-failure,refused-stream,reset-before-request,retriable-status-codes,503 → attempts=2, retryOn=connect-failure,refused-stream,unavailable,cancelled,503")],
            changes);
    }

    [Fact]
    public void Compare_IstioRenderWithTheRetriesIstioGivesAnHttpRoute_SaysNothingChangesForUsers()
    {
        var istio = Read("prod-istio.yaml", yaml => yaml
            .Replace("      perTryTimeout: 2s\n", "", StringComparison.Ordinal)
            .Replace("retryOn: connect-failure,refused-stream,reset-before-request,retriable-status-codes,503", "retryOn: connect-failure,refused-stream,unavailable,cancelled,503", StringComparison.Ordinal));

        var changes = UserChanges.Compare(istio, Read("prod-gateway-api.yaml"));

        Assert.Empty(changes);
    }

    [Fact]
    public void Compare_GatewayApiRenderWithTheCanaryAt25_SaysTheShareChangesAtBothEntryPoints()
    {
        var after = Read("prod-gateway-api.yaml", yaml => yaml.Replace("weight: 9\n", "weight: 75\n", StringComparison.Ordinal).Replace("weight: 1\n", "weight: 25\n", StringComparison.Ordinal));

        var changes = UserChanges.Compare(Read("prod-gateway-api.yaml"), after);

        Assert.Equal(
            [
                new ChangeSentence("v1: 90% → 75% (www.example.com via istio-ingress/public-gateway, and in-mesh callers)"),
                new ChangeSentence("v2: 10% → 25% (www.example.com via istio-ingress/public-gateway, and in-mesh callers)"),
            ],
            changes);
    }

    [Fact]
    public void Read_SplitRuleMatchingThePathPrefixSlash_IsStillTheSplit()
    {
        var view = Read("prod-gateway-api.yaml", yaml => yaml.Replace("    name: weighted\n", "    matches:\n    - path:\n        type: PathPrefix\n        value: /\n    name: weighted\n", StringComparison.Ordinal));

        Assert.Equal(Read("prod-gateway-api.yaml").EntryPoints, view.EntryPoints);
    }

    [Fact]
    public void Read_MatchRouteOnAPathAndAQueryParameter_ReadsItsFieldsAsIstiosMatch()
    {
        var view = Read("prod-gateway-api.yaml", yaml => yaml.Replace(
            "    - headers:\n      - name: x-canary\n        type: Exact\n        value: always\n",
            "    - path:\n        type: PathPrefix\n        value: /beta\n      queryParams:\n      - name: canary\n        value: \"1\"\n",
            StringComparison.Ordinal));

        var route = view.EntryPoints[0].Plan.MatchRoutes.Single();

        Assert.Equal("queryParams.canary.exact=1, uri.prefix=/beta", route.Fields);
    }

    [Fact]
    public void Read_IngressVirtualServiceToTheVersionServicesBesideTheMeshHttpRoute_ReadsTheHostsAsVersions()
    {
        var ingress = ManifestYaml.Read("""
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: frontend-ingress, namespace: frontend}
            spec:
              gateways: [istio-ingress/public-gateway]
              hosts: [www.example.com]
              http:
                - name: weighted
                  route:
                    - destination: {host: frontend-v1.frontend.svc.cluster.local, port: {number: 80}}
                      weight: 90
                    - destination: {host: frontend-v2, port: {number: 80}}
                      weight: 10
            """);
        var meshOnly = ManifestYaml.Read(File.ReadAllText(Path.Combine(Fixtures, "prod-gateway-api.yaml")))
            .Where(manifest => manifest.Name != "frontend-ingress");

        var view = UserView.Read([.. meshOnly, .. ingress], StackFacts.Unknown);

        var atTheGateway = view.EntryPoints.Single(routed => !routed.EntryPoint.InMesh);
        Assert.Equal([new Share("v1", 90), new Share("v2", 10)], atTheGateway.Plan.Split);
        Assert.Equal("VirtualService frontend/frontend-ingress", atTheGateway.Source);
    }

    [Fact]
    public void Read_RedirectRouteBesideTheIngressRoute_AddsNoEntryPoint()
    {
        var redirect = ManifestYaml.Read("""
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata:
              name: frontend-https-redirect
              namespace: frontend
            spec:
              hostnames: [www.example.com]
              parentRefs:
                - {group: gateway.networking.k8s.io, kind: Gateway, name: public-gateway, namespace: istio-ingress, sectionName: http}
              rules:
                - filters:
                    - type: RequestRedirect
                      requestRedirect: {scheme: https, statusCode: 301}
            """);
        var manifests = ManifestYaml.Read(File.ReadAllText(Path.Combine(Fixtures, "prod-gateway-api.yaml")));

        var view = UserView.Read([.. redirect, .. manifests], StackFacts.Unknown);

        Assert.Equal(Read("prod-gateway-api.yaml").EntryPoints, view.EntryPoints);
    }

    [Fact]
    public void Read_MirrorFractionAndNoWeights_GivesEqualSharesAndTheFractionAsAPercentage()
    {
        var yaml = File.ReadAllText(Path.Combine(Fixtures, "prod-gateway-api.yaml"))
            .Replace("      weight: 9\n", "", StringComparison.Ordinal)
            .Replace("      weight: 1\n", "", StringComparison.Ordinal)
            .Replace("    name: weighted\n", "    filters:\n    - requestMirror:\n        backendRef:\n          name: frontend-v2\n          port: 80\n        fraction:\n          numerator: 1\n          denominator: 8\n      type: RequestMirror\n    name: weighted\n", StringComparison.Ordinal);

        var plan = UserView.Read(ManifestYaml.Read(yaml), StackFacts.Unknown).EntryPoints.Single(routed => routed.EntryPoint.InMesh).Plan;

        Assert.Equal([new Share("v1", 50), new Share("v2", 50)], plan.Split);
        Assert.Equal([new Mirror("v2", "12.5")], plan.Mirrors);
    }

    [Fact]
    public void Read_VersionWithItsOwnLoadBalancer_KeepsTheOthersAsTheServiceWidePolicy()
    {
        var yaml = File.ReadAllText(Path.Combine(Fixtures, "prod-gateway-api.yaml"));
        var v2Rule = yaml.IndexOf("host: frontend-v2.frontend.svc.cluster.local", StringComparison.Ordinal);
        yaml = yaml[..v2Rule] + yaml[v2Rule..].Replace("simple: LEAST_REQUEST", "simple: ROUND_ROBIN", StringComparison.Ordinal);
        var extra = ManifestYaml.Read("""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: frontend-v3, namespace: frontend}
            spec:
              template:
                metadata:
                  labels: {app: frontend, version: v3}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: frontend-v3, namespace: frontend}
            spec:
              selector: {app: frontend, version: v3}
            """);

        var view = UserView.Read([.. ManifestYaml.Read(yaml), .. extra], StackFacts.Unknown);

        Assert.Equal("LEAST_REQUEST", view.Policies.LoadBalancer);
        Assert.Equal("loadBalancer.simple=ROUND_ROBIN", view.Version("v2")!.OwnPolicy);
        Assert.Null(view.Version("v1")!.OwnPolicy);
    }

    private static List<(EntryPoint, RoutePlan)> UsersOf(UserView view) =>
        view.EntryPoints.OrderBy(routed => routed.EntryPoint.Label, StringComparer.Ordinal).Select(routed => (routed.EntryPoint, WithoutRetries(routed.Plan))).ToList();

    private static RoutePlan WithoutRetries(RoutePlan plan) => plan with { Retries = null, RetryOn = new ValueList<string>([]) };

    private static UserView Read(string fixture, Func<string, string>? edit = null)
    {
        var yaml = File.ReadAllText(Path.Combine(Fixtures, fixture));
        return UserView.Read(ManifestYaml.Read(edit is null ? yaml : edit(yaml)), StackFacts.Parse(File.ReadAllText(Path.Combine(Fixtures, "prod-stack.txt"))));
    }
}
