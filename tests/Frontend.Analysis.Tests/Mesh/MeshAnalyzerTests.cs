using Frontend.Analysis.Manifests;
using Frontend.Analysis.Mesh;
using Frontend.Analysis.Yaml;
using static Frontend.Analysis.Tests.Support.MeshYaml;

namespace Frontend.Analysis.Tests.Mesh;

public sealed class MeshAnalyzerTests
{
    // Bound to an ingress gateway as well as the sidecars, so the consistent canary has a split external traffic gets too (FRT0001).
    private const string VirtualService = """
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata:
          name: frontend
          namespace: shop
        spec:
          hosts:
            - frontend
          gateways:
            - shop/ingress
            - mesh
          http:
            - route:
                - destination:
                    host: frontend
                    subset: v1
                  weight: 90
                - destination:
                    host: frontend.shop.svc.cluster.local
                    subset: v2
                  weight: 10
        """;

    [Fact]
    public void Analyze_ConsistentCanary_ReturnsNoFindings()
    {
        var manifests = Canary();

        var findings = MeshAnalyzer.Analyze(manifests);

        Assert.Empty(findings);
    }

    [Fact]
    public void Analyze_RouteToUndefinedSubset_ReportsIst0101()
    {
        var manifests = Canary(virtualService: VirtualService.Replace("subset: v2", "subset: v3", StringComparison.Ordinal));

        var finding = Assert.Single(MeshAnalyzer.Analyze(manifests));

        Assert.Equal("Error [IST0101] (VirtualService shop/frontend) Referenced host+subset in destinationrule not found: \"frontend.shop.svc.cluster.local+v3\"", FindingFormatter.Format(finding));
        Assert.Equal("ReferencedResourceNotFound", finding.Name);
    }

    [Fact]
    public void Analyze_RouteToSubsetDefinedUnderNameNamespaceHost_ReturnsNoFindings()
    {
        var manifests = Canary(destinationRule: DestinationRule.Replace("host: frontend", "host: frontend.shop", StringComparison.Ordinal));

        var findings = MeshAnalyzer.Analyze(manifests);

        Assert.Empty(findings);
    }

    [Fact]
    public void Analyze_SubsetLabelsSelectNoPodTemplate_ReportsIst0173()
    {
        var manifests = Canary(deploymentVersions: ["v1"]);

        var finding = Assert.Single(MeshAnalyzer.Analyze(manifests));

        Assert.Equal("IST0173", finding.Code);
        Assert.Equal(FindingLevel.Error, finding.Level);
        Assert.Equal("DestinationRule shop/frontend", finding.Resource);
        Assert.Equal("The Subset v2 defined in the DestinationRule does not select any pods. Which may lead to 503 UH (NoHealthyUpstream).", finding.Message);
    }

    [Fact]
    public void Analyze_PodTemplateInOtherNamespace_ReportsIst0173ForEverySubset()
    {
        var manifests = Canary(deploymentNamespace: "elsewhere");

        var findings = MeshAnalyzer.Analyze(manifests);

        Assert.Equal(["IST0173", "IST0173"], findings.Select(finding => finding.Code));
    }

    [Fact]
    public void Analyze_DestinationRuleHostMatchesNoService_ReportsIst0174()
    {
        var misspelt = "apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: typo\n  namespace: shop\nspec:\n  host: frontned\n";
        var manifests = Canary().Append(ManifestYaml.Read(misspelt).Single());

        var finding = Assert.Single(MeshAnalyzer.Analyze(manifests));

        Assert.Equal("Warning [IST0174] (DestinationRule shop/typo) The host frontned defined in the DestinationRule does not match any services in the mesh.", FindingFormatter.Format(finding));
    }

    [Fact]
    public void Analyze_PortNameWithoutProtocol_ReportsIst0118()
    {
        var manifests = Canary(service: Service.Replace("name: http", "name: web", StringComparison.Ordinal));

        var finding = Assert.Single(MeshAnalyzer.Analyze(manifests));

        Assert.Equal("Info [IST0118] (Service shop/frontend) Port name web (port: 80, targetPort: 8080) doesn't follow the naming convention of Istio port.", FindingFormatter.Format(finding));
    }

    [Theory]
    [InlineData("name: http-web")]
    [InlineData("name: grpc")]
    [InlineData("name: web\n      appProtocol: http")]
    public void Analyze_PortNamedByProtocolOrAppProtocol_ReturnsNoFindings(string portName)
    {
        var manifests = Canary(service: Service.Replace("name: http", portName, StringComparison.Ordinal));

        var findings = MeshAnalyzer.Analyze(manifests);

        Assert.Empty(findings);
    }

    [Fact]
    public void Analyze_DestinationWithoutPortToMultiPortService_ReportsIst0112()
    {
        var manifests = Canary(service: Service + "\n    - name: http-admin\n      port: 9090\n");

        var findings = MeshAnalyzer.Analyze(manifests);

        Assert.Equal(2, findings.Count);
        Assert.All(findings, finding => Assert.Equal("IST0112", finding.Code));
        Assert.Equal("This VirtualService routes to a service \"frontend\" that exposes multiple ports [80 9090]. Specifying a port in the destination is required to disambiguate.", findings[0].Message);
    }

    [Fact]
    public void Analyze_DestinationWithPortToMultiPortService_ReturnsNoFindings()
    {
        var manifests = Canary(
            service: Service + "\n    - name: http-admin\n      port: 9090\n",
            virtualService: VirtualService.Replace("subset: v1", "subset: v1\n            port:\n              number: 80", StringComparison.Ordinal)
                .Replace("subset: v2", "subset: v2\n            port:\n              number: 80", StringComparison.Ordinal));

        var findings = MeshAnalyzer.Analyze(manifests);

        Assert.Empty(findings);
    }

    [Fact]
    public void Analyze_TwoVirtualServicesForOneHost_ReportsIst0109OnBoth()
    {
        var second = VirtualService.Replace("name: frontend\n  namespace", "name: frontend-canary\n  namespace", StringComparison.Ordinal)
            .Replace("- frontend\n", "- frontend.shop.svc.cluster.local\n", StringComparison.Ordinal);
        var manifests = Canary().Append(ManifestYaml.Read(second).Single());

        var findings = MeshAnalyzer.Analyze(manifests);

        Assert.Equal(["VirtualService shop/frontend", "VirtualService shop/frontend-canary"], findings.Select(finding => finding.Resource));
        Assert.All(findings, finding => Assert.Equal(
            "The VirtualServices shop/frontend,shop/frontend-canary associated with mesh gateway define the same host frontend.shop.svc.cluster.local which can lead to undefined behavior. This can be fixed by merging the conflicting VirtualServices into a single resource.",
            finding.Message));
    }

    [Fact]
    public void Analyze_SecondVirtualServiceBoundOnlyToIngressGateway_ReturnsNoFindings()
    {
        var second = VirtualService.Replace("name: frontend\n  namespace", "name: frontend-ingress\n  namespace", StringComparison.Ordinal)
            .Replace("    - mesh\n", "", StringComparison.Ordinal);
        var manifests = Canary().Append(ManifestYaml.Read(second).Single());

        var findings = MeshAnalyzer.Analyze(manifests);

        Assert.Empty(findings);
    }

    [Fact]
    public void FormatAll_WithFixes_PrintsEachFindingAndItsFix()
    {
        var findings = MeshAnalyzer.Analyze(Canary(service: Service.Replace("name: http", "name: web", StringComparison.Ordinal)));

        var text = FindingFormatter.FormatAll(findings, includeFixes: true);

        Assert.Equal(
            "Info [IST0118] (Service shop/frontend) Port name web (port: 80, targetPort: 8080) doesn't follow the naming convention of Istio port.\n"
            + "  Fix: Name the port <protocol>[-<suffix>] (http, http-web, http2, grpc, tcp, tls, https, ...) or set its appProtocol.\n",
            text);
    }

    [Fact]
    public void FormatAll_NoFindings_SaysSo()
    {
        var text = FindingFormatter.FormatAll([]);

        Assert.Equal("No validation issues found.\n", text);
    }

    private static List<Manifest> Canary(
        string service = Service,
        string destinationRule = DestinationRule,
        string virtualService = VirtualService,
        string[]? deploymentVersions = null,
        string deploymentNamespace = "shop")
    {
        var deployments = (deploymentVersions ?? ["v1", "v2"]).Select(version => Deployment(version, deploymentNamespace));
        return deployments.Append(service).Append(destinationRule).Append(virtualService)
            .SelectMany(yaml => ManifestYaml.Read(yaml))
            .ToList();
    }
}
