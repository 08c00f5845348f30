using Frontend.Analysis.Manifests;
using Frontend.Analysis.Rendering;
using Frontend.Analysis.Users;
using Frontend.Analysis.Yaml;
using Frontend.Cli.Summary;
using Frontend.Cli.Tests.Support;

namespace Frontend.Cli.Tests;

/// <summary>
/// A gateway-api render reads as well as an istio one: the summary's resource lines say what each Gateway API resource
/// is for, and diff between the two renders of the prod canary (tests/Frontend.Analysis.Tests/Fixtures/GatewayApi)
/// finds nothing users would notice.
/// </summary>
public sealed class GatewayApiSummaryTests : IDisposable
{
    private static readonly string Fixtures = Path.Combine(RepositoryPaths.Root, "tests", "Frontend.Analysis.Tests", "Fixtures", "GatewayApi");

    private const string OwnGatewayAndWaypoint = """
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: {name: frontend, namespace: frontend}
        spec:
          gatewayClassName: istio
          listeners:
            - name: https
              port: 443
              protocol: HTTPS
              hostname: www.example.com
              tls: {mode: Terminate, certificateRefs: [{group: "", kind: Secret, name: frontend-tls}]}
              allowedRoutes: {namespaces: {from: Same}}
            - {name: http, port: 80, protocol: HTTP, allowedRoutes: {namespaces: {from: Same}}}
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: {name: waypoint, namespace: frontend, labels: {istio.io/waypoint-for: service}}
        spec:
          gatewayClassName: istio-waypoint
          listeners: [{name: mesh, port: 15008, protocol: HBONE}]
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {name: frontend-https-redirect, namespace: frontend}
        spec:
          hostnames: [www.example.com]
          parentRefs: [{group: gateway.networking.k8s.io, kind: Gateway, name: frontend, sectionName: http}]
          rules: [{filters: [{type: RequestRedirect, requestRedirect: {scheme: https, statusCode: 301}}]}]
        """;

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void ResourceLines_GatewayApiRender_SaysWhatEachRouteGatewayAndVersionServiceIsFor()
    {
        var manifests = Sorted([.. Fixture("prod-gateway-api.yaml"), .. ManifestYaml.Read(OwnGatewayAndWaypoint)]);

        var lines = RenderSummary.ResourceLines(manifests).Where(line => !line.StartsWith("Deployment", StringComparison.Ordinal) && !line.StartsWith("HorizontalPodAutoscaler", StringComparison.Ordinal) && !line.StartsWith("PodDisruptionBudget", StringComparison.Ordinal));

        Assert.Equal(
            [
                "DestinationRule frontend/frontend-v1 (version v1's traffic policy)",
                "DestinationRule frontend/frontend-v2 (version v2's traffic policy)",
                "Gateway frontend/frontend (Gateway API, class istio: https 443/HTTPS www.example.com, http 80/HTTP)",
                "Gateway frontend/waypoint (Gateway API waypoint for service traffic, class istio-waypoint: mesh 15008/HBONE)",
                "HTTPRoute frontend/frontend (in-mesh callers of Service frontend/frontend)",
                "HTTPRoute frontend/frontend-https-redirect (redirects www.example.com to HTTPS at Gateway frontend/frontend listener http)",
                "HTTPRoute frontend/frontend-ingress (www.example.com via Gateway istio-ingress/public-gateway)",
                "Namespace frontend",
                "PeerAuthentication frontend/frontend",
                "Service frontend/frontend",
                "Service frontend/frontend-v1 (version v1)",
                "Service frontend/frontend-v2 (version v2)",
            ],
            lines);
    }

    [Fact]
    public void ResourceLines_IstioRender_AreTheDisplayNamesAlone()
    {
        var manifests = Sorted(Fixture("prod-istio.yaml"));

        Assert.Equal(manifests.Select(manifest => manifest.DisplayName), RenderSummary.ResourceLines(manifests));
    }

    [Fact]
    public void TrafficSplitHeading_GatewayApiRender_NamesInMeshCallersTheGatewayAndTheHost()
    {
        var group = Assert.Single(UserView.Read(Fixture("prod-gateway-api.yaml"), StackFacts.Unknown).GroupedByPlan());

        Assert.Equal("Traffic split (in-mesh callers and gateway istio-ingress/public-gateway for www.example.com):", RenderSummary.TrafficSplitHeading(group, []));
    }

    [Fact]
    public async Task Diff_IstioRenderToGatewayApiRenderWithTheSameRetries_SaysNothingUsersWouldNoticeAndListsTheRoutes()
    {
        var before = Render("before", IstioWithHttpRouteRetries());
        var after = Render("after", Fixture("prod-gateway-api.yaml"));

        var run = await CliRun.Of("diff", before, after, "--title", "Stack prod");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("## Stack prod: what changes for users\nNothing users would notice: only the manifests below change.\n", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("| `HTTPRoute frontend/frontend-ingress` | `gateway.networking.k8s.io/v1` | added |", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("| `VirtualService frontend/frontend-ingress` | `networking.istio.io/v1` | removed |", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diff_IstioRenderToGatewayApiRender_SaysTheRetriesChange()
    {
        var run = await CliRun.Of("diff", Render("before", Fixture("prod-istio.yaml")), Render("after", Fixture("prod-gateway-api.yaml")), "--format", "text");

        Assert.StartsWith(
            "What changes for users\n  retries: attempts=2, perTryTimeout=2s, retryOn=connect-failure,refused-stream,reset-before-request,retriable-status-codes,503 → attempts=2, retryOn=connect-failure,refused-stream,unavailable,cancelled,503\n\nRendered manifests:",
            run.Stdout,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diff_IstioGatewayReplacedByAGatewayApiGatewayOfTheSameName_TextTellsThemApartByApiVersion()
    {
        const string IstioGateway = """
            apiVersion: networking.istio.io/v1
            kind: Gateway
            metadata: {name: frontend, namespace: frontend}
            spec:
              selector: {istio: ingress}
              servers: [{hosts: [www.example.com], port: {name: http, number: 80, protocol: HTTP}}]
            """;
        var gatewayApi = OwnGatewayAndWaypoint[..OwnGatewayAndWaypoint.IndexOf("---", StringComparison.Ordinal)];
        var before = Render("before", [.. Fixture("prod-istio.yaml"), .. ManifestYaml.Read(IstioGateway)]);
        var after = Render("after", [.. Fixture("prod-istio.yaml"), .. ManifestYaml.Read(gatewayApi)]);

        var run = await CliRun.Of("diff", before, after, "--format", "text");

        Assert.Contains("  added    Gateway frontend/frontend (gateway.networking.k8s.io/v1)\n  removed  Gateway frontend/frontend (networking.istio.io/v1)\n", run.Stdout, StringComparison.Ordinal);
    }

    private static List<Manifest> IstioWithHttpRouteRetries() => [.. ManifestYaml.Read(File.ReadAllText(Path.Combine(Fixtures, "prod-istio.yaml"))
        .Replace("      perTryTimeout: 2s\n", "", StringComparison.Ordinal)
        .Replace("reset-before-request,retriable-status-codes,503", "unavailable,cancelled,503", StringComparison.Ordinal))];

    private string Render(string name, IReadOnlyList<Manifest> manifests)
    {
        var folder = _temp.Combine(name);
        RenderedFolder.Write(folder, manifests, StackFacts.Parse(File.ReadAllText(Path.Combine(Fixtures, "prod-stack.txt"))));
        return folder;
    }

    private static List<Manifest> Fixture(string name) => [.. ManifestYaml.Read(File.ReadAllText(Path.Combine(Fixtures, name)))];

    /// <summary>As the summary sorts them: by display name, then API version.</summary>
    private static List<Manifest> Sorted(IEnumerable<Manifest> manifests) =>
        [.. manifests.OrderBy(m => m.DisplayName, StringComparer.Ordinal).ThenBy(m => m.ApiVersion, StringComparer.Ordinal)];
}
