using Frontend.Analysis.Manifests;
using Frontend.Analysis.Mesh;
using Frontend.Analysis.Yaml;

namespace Frontend.Analysis.Tests.Mesh;

/// <summary>
/// The Gateway API checks (FRT0005 to FRT0010, and FRT0001 for a GAMMA route) on the prod canary as gateway-shapes.md
/// renders it (Fixtures/GatewayApi/prod-gateway-api.yaml), edited one mistake at a time.
/// </summary>
public sealed class GatewayApiRoutesTests
{
    private static readonly string Fixture = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "tests", "Frontend.Analysis.Tests", "Fixtures", "GatewayApi", "prod-gateway-api.yaml"));

    private const string OwnGateway = """
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: {name: edge, namespace: ingress}
        spec:
          gatewayClassName: istio
          listeners:
            - name: https
              port: 443
              protocol: HTTPS
              hostname: www.example.com
              allowedRoutes: {namespaces: {from: Same}}
            - {name: http, port: 80, protocol: HTTP, allowedRoutes: {namespaces: {from: Same}}}
        """;

    [Fact]
    public void Analyze_ProdAsGatewayApi_FindsNothing()
    {
        var findings = MeshAnalyzer.Analyze(Manifests(Fixture));

        Assert.Equal(FindingFormatter.NoIssues + "\n", FindingFormatter.FormatAll(findings));
    }

    [Fact]
    public void Analyze_ProdAsIstio_FindsNothing()
    {
        var istio = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "tests", "Frontend.Analysis.Tests", "Fixtures", "GatewayApi", "prod-istio.yaml"));

        Assert.Empty(MeshAnalyzer.Analyze(Manifests(istio)));
    }

    [Fact]
    public void Analyze_BackendRefToAServiceNoManifestDeclares_ReportsFrt0005NamingTheRule()
    {
        var yaml = Fixture.Replace("  - backendRefs:\n    - name: frontend-v2\n      port: 80\n    matches:\n    - headers:\n      - name: x-canary", "  - backendRefs:\n    - name: frontend-v3\n      port: 80\n    matches:\n    - headers:\n      - name: x-canary", StringComparison.Ordinal);

        var findings = MeshAnalyzer.Analyze(Manifests(yaml));

        Assert.Equal(
            [
                "Error [FRT0005] (HTTPRoute frontend/frontend) Referenced Service not found: backendRef of rule testers names Service \"frontend-v3\" in namespace frontend, which no manifest declares; Istio marks the route ResolvedRefs=False and answers its requests with 500.",
                "Error [FRT0005] (HTTPRoute frontend/frontend-ingress) Referenced Service not found: backendRef of rule testers names Service \"frontend-v3\" in namespace frontend, which no manifest declares; Istio marks the route ResolvedRefs=False and answers its requests with 500.",
            ],
            findings.Select(FindingFormatter.Format));
    }

    [Fact]
    public void Analyze_MirrorToAServiceNoManifestDeclares_ReportsFrt0005ForTheMirror()
    {
        var findings = MeshAnalyzer.Analyze(Manifests(WithMirror(Fixture, "frontend-v3")));

        Assert.Equal(["HTTPRoute frontend/frontend", "HTTPRoute frontend/frontend-ingress"], findings.Select(finding => finding.Resource));
        Assert.All(findings, finding => Assert.Equal("FRT0005", finding.Code));
        Assert.All(findings, finding => Assert.Contains("RequestMirror backendRef of rule weighted names Service \"frontend-v3\"", finding.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Analyze_MirrorToADeclaredService_FindsNothing()
    {
        Assert.Empty(MeshAnalyzer.Analyze(Manifests(WithMirror(Fixture, "frontend-v2"))));
    }

    [Fact]
    public void Analyze_MeshRouteWithoutTheIngressRoute_ReportsFrt0001WithThePodShares()
    {
        var findings = MeshAnalyzer.Analyze(Manifests(WithoutIngressRoute(Fixture)));

        Assert.Equal(
            "Warning [FRT0001] (HTTPRoute frontend/frontend) External traffic through an ingress gateway reaches frontend.frontend.svc.cluster.local without this HTTPRoute (it applies to in-mesh callers of its parent Service only) and is spread by ready pods: frontend-v1 60%, frontend-v2 40% (at least 3:2 replicas, autoscaled: at their minimums), not the 90/10 split; in-mesh callers get the split.",
            FindingFormatter.Format(Assert.Single(findings)));
    }

    [Fact]
    public void Analyze_IngressVirtualServiceToTheVersionServicesBesideTheMeshRoute_FindsNothing()
    {
        const string Ingress = """
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: frontend-ingress, namespace: frontend}
            spec:
              gateways: [istio-ingress/public-gateway]
              hosts: [www.example.com]
              http:
                - route:
                    - destination: {host: frontend-v1, port: {number: 80}}
                      weight: 90
                    - destination: {host: frontend-v2, port: {number: 80}}
                      weight: 10
            """;

        Assert.Empty(MeshAnalyzer.Analyze(Manifests(WithoutIngressRoute(Fixture), Ingress)));
    }

    [Fact]
    public void Analyze_IngressRouteToTheSharedServiceInsteadOfTheVersions_ReportsFrt0001()
    {
        var ingressAt = Fixture.IndexOf("  name: frontend-ingress", StringComparison.Ordinal);
        var yaml = Fixture[..ingressAt] + Fixture[ingressAt..]
            .Replace("name: frontend-v1\n", "name: frontend\n", StringComparison.Ordinal)
            .Replace("name: frontend-v2\n", "name: frontend\n", StringComparison.Ordinal);

        var finding = Assert.Single(MeshAnalyzer.Analyze(Manifests(yaml)));

        Assert.Equal(("FRT0001", "HTTPRoute frontend/frontend"), (finding.Code, finding.Resource));
    }

    [Fact]
    public void Analyze_GatewayAdmitsOnlyItsOwnNamespace_ReportsFrt0006NamingTheGatewayAndEachListener()
    {
        var findings = MeshAnalyzer.Analyze(Manifests(WithIngressParent(Fixture, "{group: gateway.networking.k8s.io, kind: Gateway, name: edge, namespace: ingress}"), OwnGateway));

        Assert.Equal(
            "Error [FRT0006] (HTTPRoute frontend/frontend-ingress) Gateway ingress/edge does not accept this route (Accepted=False, NotAllowedByListeners): listener https: allowedRoutes.namespaces.from Same admits routes in ingress only, not frontend; listener http: allowedRoutes.namespaces.from Same admits routes in ingress only, not frontend.",
            FindingFormatter.Format(Assert.Single(findings)));
    }

    [Fact]
    public void Analyze_GatewayAdmitsAllNamespaces_FindsNothing()
    {
        var gateway = OwnGateway.Replace("from: Same", "from: All", StringComparison.Ordinal);

        Assert.Empty(MeshAnalyzer.Analyze(Manifests(WithIngressParent(Fixture, "{group: gateway.networking.k8s.io, kind: Gateway, name: edge, namespace: ingress, sectionName: https}"), gateway)));
    }

    [Fact]
    public void Analyze_ListenerHostnameMatchesNoRouteHostname_ReportsFrt0006WithTheHostnames()
    {
        var gateway = OwnGateway.Replace("from: Same", "from: All", StringComparison.Ordinal).Replace("hostname: www.example.com", "hostname: \"*.example.org\"", StringComparison.Ordinal);

        var finding = Assert.Single(MeshAnalyzer.Analyze(Manifests(WithIngressParent(Fixture, "{group: gateway.networking.k8s.io, kind: Gateway, name: edge, namespace: ingress, sectionName: https}"), gateway)));

        Assert.Equal("FRT0006", finding.Code);
        Assert.Contains("listener https: hostname *.example.org matches none of the route's hostnames (www.example.com)", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_ListenerWildcardHostnameCoversTheRouteHostname_FindsNothing()
    {
        var gateway = OwnGateway.Replace("from: Same", "from: All", StringComparison.Ordinal).Replace("hostname: www.example.com", "hostname: \"*.example.com\"", StringComparison.Ordinal);

        Assert.Empty(MeshAnalyzer.Analyze(Manifests(WithIngressParent(Fixture, "{group: gateway.networking.k8s.io, kind: Gateway, name: edge, namespace: ingress, sectionName: https}"), gateway)));
    }

    [Fact]
    public void Analyze_ListenerKindsLeaveOutHttpRoute_ReportsFrt0006()
    {
        var gateway = OwnGateway.Replace("allowedRoutes: {namespaces: {from: Same}}\n", "allowedRoutes: {namespaces: {from: All}, kinds: [{kind: GRPCRoute}]}\n", StringComparison.Ordinal);

        var finding = Assert.Single(MeshAnalyzer.Analyze(Manifests(WithIngressParent(Fixture, "{group: gateway.networking.k8s.io, kind: Gateway, name: edge, namespace: ingress, sectionName: https}"), gateway)));

        Assert.Equal("Error [FRT0006] (HTTPRoute frontend/frontend-ingress) Gateway ingress/edge does not accept this route (Accepted=False, NotAllowedByListeners): listener https: allowedRoutes.kinds (GRPCRoute) leaves out HTTPRoute.", FindingFormatter.Format(finding));
    }

    [Fact]
    public void Analyze_SectionNameNoListenerHas_ReportsFrt0006()
    {
        var finding = Assert.Single(MeshAnalyzer.Analyze(Manifests(WithIngressParent(Fixture, "{group: gateway.networking.k8s.io, kind: Gateway, name: edge, namespace: ingress, sectionName: tls}"), OwnGateway)));

        Assert.EndsWith("does not accept this route (Accepted=False, NotAllowedByListeners): it has no listener with sectionName tls.", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("istio-injection: enabled", null)]
    [InlineData("istio-injection: disabled", "FRT0006")]
    public void Analyze_SelectorAgainstTheDeclaredNamespacesLabels_DecidesAdmission(string namespaceLabel, string? expected)
    {
        var gateway = OwnGateway.Replace("{namespaces: {from: Same}}", "{namespaces: {from: Selector, selector: {matchLabels: {istio-injection: enabled}}}}", StringComparison.Ordinal);
        var yaml = WithIngressParent(Fixture, "{group: gateway.networking.k8s.io, kind: Gateway, name: edge, namespace: ingress, sectionName: https}")
            .Replace("istio-injection: enabled", namespaceLabel, StringComparison.Ordinal);

        var findings = MeshAnalyzer.Analyze(Manifests(yaml, gateway));

        Assert.Equal(expected, findings.SingleOrDefault()?.Code);
    }

    [Fact]
    public void Analyze_SelectorAndTheRoutesNamespaceNotDeclared_ReportsFrt0007ThatItCannotBeDecided()
    {
        var gateway = OwnGateway.Replace("{namespaces: {from: Same}}", "{namespaces: {from: Selector, selector: {matchLabels: {shared-gateway: \"true\"}}}}", StringComparison.Ordinal);
        var manifests = Manifests(WithIngressParent(Fixture, "{group: gateway.networking.k8s.io, kind: Gateway, name: edge, namespace: ingress, sectionName: https}"), gateway)
            .Where(manifest => manifest.Kind != "Namespace");

        var finding = Assert.Single(MeshAnalyzer.Analyze(manifests));

        Assert.Equal(("FRT0007", FindingLevel.Warning), (finding.Code, finding.Level));
        Assert.Contains("the manifests do not declare namespace frontend to read its labels", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_ParentServicePortTheServiceLacks_ReportsFrt0008()
    {
        var yaml = Fixture.Replace("    name: frontend\n    port: 80\n", "    name: frontend\n    port: 8080\n", StringComparison.Ordinal);

        var finding = Assert.Single(MeshAnalyzer.Analyze(Manifests(yaml)));

        Assert.Equal(
            "Error [FRT0008] (HTTPRoute frontend/frontend) The parentRef to Service frontend/frontend names port 8080, which the Service does not expose (ports: 80): the route attaches to nothing and in-mesh callers get no routes.",
            FindingFormatter.Format(finding));
    }

    [Fact]
    public void Analyze_AmbientWithoutUseWaypoint_ReportsFrt0010ForTheMeshRouteOnly()
    {
        var finding = Assert.Single(MeshAnalyzer.Analyze(Manifests(Ambient(Fixture))));

        Assert.Equal(
            "Error [FRT0010] (HTTPRoute frontend/frontend) Namespace frontend runs in ambient mode and neither Service frontend/frontend nor the namespace carries istio.io/use-waypoint: no waypoint serves the Service, so nothing enforces this route and in-mesh traffic ignores it (Istio reports WaypointError MissingLabel).",
            FindingFormatter.Format(finding));
    }

    [Theory]
    [InlineData("  name: frontend\n  namespace: frontend\n  labels:\n    app: frontend\n", "  name: frontend\n  namespace: frontend\n  labels:\n    app: frontend\n    istio.io/use-waypoint: waypoint\n")]
    [InlineData("    istio.io/dataplane-mode: ambient\n", "    istio.io/dataplane-mode: ambient\n    istio.io/use-waypoint: waypoint\n")]
    public void Analyze_AmbientWithUseWaypointOnTheServiceOrTheNamespace_FindsNothing(string from, string to)
    {
        var yaml = Ambient(Fixture);
        var at = yaml.IndexOf(from, StringComparison.Ordinal);
        yaml = yaml[..at] + to + yaml[(at + from.Length)..];

        Assert.Empty(MeshAnalyzer.Analyze(Manifests(yaml)));
    }

    [Fact]
    public void Analyze_VirtualServiceBesideTheHttpRouteInAmbient_ReportsFrt0009AsAnError()
    {
        var yaml = Ambient(Fixture).Replace("  labels:\n    app: frontend\n", "  labels:\n    app: frontend\n    istio.io/use-waypoint: waypoint\n", StringComparison.Ordinal);

        var findings = MeshAnalyzer.Analyze(Manifests(yaml, VirtualService("frontend")));

        Assert.Equal([("FRT0009", FindingLevel.Error, "VirtualService frontend/legacy")], findings.Select(finding => (finding.Code, finding.Level, finding.Resource)));
    }

    [Fact]
    public void Analyze_VirtualServiceForAnotherHostInAmbient_ReportsFrt0009AsAWarning()
    {
        var yaml = Ambient(Fixture).Replace("  labels:\n    app: frontend\n", "  labels:\n    app: frontend\n    istio.io/use-waypoint: waypoint\n", StringComparison.Ordinal);

        var findings = MeshAnalyzer.Analyze(Manifests(yaml, VirtualService("reviews")));

        Assert.Equal([("FRT0009", FindingLevel.Warning)], findings.Select(finding => (finding.Code, finding.Level)));
    }

    [Fact]
    public void Analyze_VirtualServiceInASidecarNamespace_ReportsNoFrt0009()
    {
        var findings = MeshAnalyzer.Analyze(Manifests(Fixture, VirtualService("reviews")));

        Assert.DoesNotContain(findings, finding => finding.Code == "FRT0009");
    }

    [Fact]
    public void Analyze_VersionServiceRuleWithALimitOneProxyOverflows_ReportsFrt0002ForThatVersion()
    {
        var v2Rule = Fixture.IndexOf("host: frontend-v2.frontend.svc.cluster.local", StringComparison.Ordinal);
        var yaml = Fixture[..v2Rule] + Fixture[v2Rule..].Replace("maxConnections: 2048", "maxConnections: 50", StringComparison.Ordinal);

        var finding = Assert.Single(MeshAnalyzer.Analyze(Manifests(yaml)));

        Assert.Equal(("FRT0002", "DestinationRule frontend/frontend-v2"), (finding.Code, finding.Resource));
        Assert.Contains("tcp.maxConnections=50 for frontend-v2 (routes send it up to 100%) at 50", finding.Message, StringComparison.Ordinal);
    }

    private static string VirtualService(string host) => $$"""
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: legacy, namespace: frontend}
        spec:
          hosts: [{{host}}]
          http:
            - route:
                - destination: {host: {{host}}}
        """;

    private static string Ambient(string yaml) => yaml.Replace("    istio-injection: enabled\n", "    istio.io/dataplane-mode: ambient\n", StringComparison.Ordinal);

    private static string WithoutIngressRoute(string yaml)
    {
        var documents = yaml.Split("\n---\n");
        return string.Join("\n---\n", documents.Where(document => !document.Contains("name: frontend-ingress", StringComparison.Ordinal)));
    }

    private static string WithIngressParent(string yaml, string parent) =>
        yaml.Replace(
            "  - group: gateway.networking.k8s.io\n    kind: Gateway\n    name: public-gateway\n    namespace: istio-ingress\n",
            $"  - {parent}\n",
            StringComparison.Ordinal);

    private static string WithMirror(string yaml, string service) =>
        yaml.Replace(
            "    name: weighted\n",
            $"    filters:\n    - requestMirror:\n        backendRef:\n          name: {service}\n          port: 80\n        percent: 5\n      type: RequestMirror\n    name: weighted\n",
            StringComparison.Ordinal);

    private static List<Manifest> Manifests(params string[] yaml) => [.. yaml.SelectMany(text => ManifestYaml.Read(text))];
}
