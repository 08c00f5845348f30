using Frontend.Analysis.Manifests;
using Frontend.Analysis.Mesh;
using Frontend.Analysis.Tests.Support;
using Frontend.Analysis.Yaml;
using static Frontend.Analysis.Tests.Support.MeshYaml;

namespace Frontend.Analysis.Tests.Mesh;

public sealed class SplitNotAppliedAtIngressTests
{
    private const string Prefix = "Warning [FRT0001] (VirtualService shop/frontend) External traffic through an ingress gateway that routes to frontend.shop.svc.cluster.local without subsets is spread by ready pods: ";

    private const string NinetyTen = """
        - destination:
                    host: frontend
                    subset: v1
                  weight: 90
                - destination:
                    host: frontend
                    subset: v2
                  weight: 10
        """;

    [Fact]
    public void Analyze_NinetyTenOverThreeToTwoReplicasWithoutGateways_ReportsThePodSharesAndTheFix()
    {
        var manifests = Stack(VirtualService(), Deployment("v1", replicas: 3), Deployment("v2", replicas: 2));

        var finding = Assert.Single(MeshAnalyzer.Analyze(manifests));

        Assert.Equal(
            "Warning [FRT0001] (VirtualService shop/frontend) External traffic through an ingress gateway that routes to frontend.shop.svc.cluster.local without subsets is spread by ready pods: v1 60%, v2 40% (3:2 replicas), not the 90/10 split; in-mesh callers get the split.",
            FindingFormatter.Format(finding));
        Assert.Equal("SplitNotAppliedAtIngress", finding.Name);
        Assert.Equal(
            "Bind the VirtualService to the ingress gateway beside mesh (frontend:ingress.gateways, or frontend:ingress.gateway to declare one) so external traffic gets the same routes.",
            finding.Fix);
    }

    [Fact]
    public void Analyze_BoundToAnIngressGatewayAndMesh_ReturnsNoFindings()
    {
        var manifests = Stack(VirtualService(gateways: ["istio-ingress/public-gateway", "mesh"]), Deployment("v1", replicas: 3), Deployment("v2", replicas: 2));

        var findings = MeshAnalyzer.Analyze(manifests);

        Assert.Empty(findings);
    }

    [Fact]
    public void Analyze_MeshVirtualServiceBesideAnIngressOneWithTheSameSplit_ReturnsNoFindings()
    {
        var ingress = VirtualService(gateways: ["istio-ingress/public-gateway"])
            .Replace("name: frontend\n", "name: frontend-ingress\n", StringComparison.Ordinal)
            .Replace("    - frontend\n", "    - www.example.com\n", StringComparison.Ordinal);
        var manifests = Stack(VirtualService(gateways: ["mesh"]), Deployment("v1", replicas: 3), Deployment("v2", replicas: 2), ManifestYaml.Read(ingress));

        var findings = MeshAnalyzer.Analyze(manifests);

        Assert.Empty(findings);
    }

    [Fact]
    public void Analyze_BoundOnlyToMesh_ReportsFrt0001()
    {
        var manifests = Stack(VirtualService(gateways: ["mesh"]), Deployment("v1", replicas: 3), Deployment("v2", replicas: 2));

        var finding = Assert.Single(MeshAnalyzer.Analyze(manifests));

        Assert.Equal(Prefix + "v1 60%, v2 40% (3:2 replicas), not the 90/10 split; in-mesh callers get the split.", FindingFormatter.Format(finding));
    }

    [Fact]
    public void Analyze_EveryDeploymentAutoscaled_CountsMinReplicasAndSaysAtLeast()
    {
        var manifests = Stack(
            VirtualService(),
            Deployment("v1", replicas: null),
            Deployment("v2", replicas: null),
            Autoscaler("frontend-v1", minReplicas: 3),
            Autoscaler("frontend-v2", minReplicas: 2));

        var finding = Assert.Single(MeshAnalyzer.Analyze(manifests));

        Assert.Equal(Prefix + "v1 60%, v2 40% (at least 3:2 replicas, autoscaled: at their minimums), not the 90/10 split; in-mesh callers get the split.", FindingFormatter.Format(finding));
    }

    [Fact]
    public void Analyze_OneDeploymentAutoscaledWithoutMinReplicas_CountsOnePodAndNamesTheAutoscaledSubset()
    {
        var manifests = Stack(VirtualService(), Deployment("v1", replicas: 3), Deployment("v2", replicas: null), Autoscaler("frontend-v2", minReplicas: null));

        var finding = Assert.Single(MeshAnalyzer.Analyze(manifests));

        Assert.Equal(Prefix + "v1 75%, v2 25% (at least 3:1 replicas, v2 autoscaled: at its minimum), not the 90/10 split; in-mesh callers get the split.", FindingFormatter.Format(finding));
    }

    [Fact]
    public void Analyze_AutoscalerInAnotherNamespace_KeepsTheDeploymentsReplicas()
    {
        var manifests = Stack(VirtualService(), Deployment("v1", replicas: 3), Deployment("v2", replicas: 2), Autoscaler("frontend-v1", minReplicas: 7, ns: "elsewhere"));

        var finding = Assert.Single(MeshAnalyzer.Analyze(manifests));

        Assert.Equal(Prefix + "v1 60%, v2 40% (3:2 replicas), not the 90/10 split; in-mesh callers get the split.", FindingFormatter.Format(finding));
    }

    [Fact]
    public void Analyze_SingleDestinationWhileAnotherVersionHasPods_ReportsTheShareTheUnroutedVersionGets()
    {
        var route = "- destination:\n            host: frontend\n            subset: v1\n          weight: 100";
        var manifests = Stack(VirtualService(route: route), Deployment("v1", replicas: 1), Deployment("v2", replicas: 1));

        var finding = Assert.Single(MeshAnalyzer.Analyze(manifests));

        Assert.Equal(Prefix + "v1 50%, v2 50% (1:1 replicas), not the 100/0 split; in-mesh callers get the split.", FindingFormatter.Format(finding));
    }

    [Fact]
    public void Analyze_SingleDestinationHoldingEveryPod_ReturnsNoFindings()
    {
        var route = "- destination:\n            host: frontend\n            subset: v1";
        var onlyV1 = DestinationRule[..DestinationRule.IndexOf("    - name: v2", StringComparison.Ordinal)];
        var manifests = StackWith(onlyV1, VirtualService(route: route), Deployment("v1", replicas: 2));

        var findings = MeshAnalyzer.Analyze(manifests);

        Assert.Empty(findings);
    }

    [Fact]
    public void Analyze_DeploymentTheServiceSelectsButNoSubsetDoes_CountsItsPodsUnderItsName()
    {
        var manifests = Stack(VirtualService(), Deployment("v1", replicas: 3), Deployment("v2", replicas: 1), Deployment("legacy", replicas: 1));

        var finding = Assert.Single(MeshAnalyzer.Analyze(manifests));

        Assert.Equal(Prefix + "v1 60%, v2 20%, frontend-legacy (no subset) 20% (3:1:1 replicas), not the 90/10/0 split; in-mesh callers get the split.", FindingFormatter.Format(finding));
    }

    [Fact]
    public void Analyze_PodSharesEqualTheWeights_SaysTheyHappenToMatch()
    {
        var manifests = Stack(VirtualService(route: NinetyTen.Replace("90", "50", StringComparison.Ordinal).Replace("10", "50", StringComparison.Ordinal)), Deployment("v1", replicas: 2), Deployment("v2", replicas: 2));

        var finding = Assert.Single(MeshAnalyzer.Analyze(manifests));

        Assert.Equal(Prefix + "v1 50%, v2 50% (2:2 replicas), which happens to match the 50/50 split only while the replicas keep that ratio; the VirtualService's routes apply to in-mesh callers only.", FindingFormatter.Format(finding));
    }

    [Fact]
    public void Analyze_SharesThatAreNotWhole_RoundToWholePercentagesAddingUpTo100()
    {
        var threeSubsets = DestinationRule + "\n    - name: v3\n      labels:\n        version: v3\n";
        var manifests = StackWith(threeSubsets, VirtualService(), Deployment("v1", replicas: 1), Deployment("v2", replicas: 1), Deployment("v3", replicas: 1));

        var finding = Assert.Single(MeshAnalyzer.Analyze(manifests));

        Assert.Equal(Prefix + "v1 34%, v2 33%, v3 33% (1:1:1 replicas), not the 90/10/0 split; in-mesh callers get the split.", FindingFormatter.Format(finding));
    }

    [Fact]
    public void Analyze_ServiceSelectsNoDeployment_LeavesItToIst0173()
    {
        var manifests = Stack(VirtualService());

        var findings = MeshAnalyzer.Analyze(manifests);

        Assert.Equal(["IST0173", "IST0173"], findings.Select(finding => finding.Code));
    }

    [Fact]
    public void Analyze_AnotherVirtualServiceRoutesTheGatewayBySubsets_ReturnsNoFindings()
    {
        var atTheGateway = VirtualService(gateways: ["istio-ingress/public-gateway"])
            .Replace("name: frontend\n  namespace", "name: frontend-ingress\n  namespace", StringComparison.Ordinal)
            .Replace("    - frontend\n", "    - www.example.com\n", StringComparison.Ordinal);
        var manifests = Stack(VirtualService(), Deployment("v1", replicas: 3), Deployment("v2", replicas: 2)).Concat(ManifestYaml.Read(atTheGateway));

        var findings = MeshAnalyzer.Analyze(manifests);

        Assert.Empty(findings);
    }

    private static List<Manifest> Stack(string virtualService, params IReadOnlyList<Manifest>[] workloads) =>
        StackWith(DestinationRule, virtualService, workloads);

    private static List<Manifest> StackWith(string destinationRule, string virtualService, params IReadOnlyList<Manifest>[] workloads) =>
        ManifestYaml.Read(Service).Concat(ManifestYaml.Read(destinationRule)).Concat(ManifestYaml.Read(virtualService))
            .Concat(workloads.SelectMany(manifests => manifests))
            .ToList();

    private static string VirtualService(string[]? gateways = null, string route = NinetyTen)
    {
        var bound = gateways is null ? "" : "  gateways:\n" + string.Concat(gateways.Select(gateway => $"    - {gateway}\n"));
        return $"""
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata:
              name: frontend
              namespace: shop
            spec:
              hosts:
                - frontend

            """ + bound + $"""
              http:
                - route:
                    {route}
            """;
    }

    private static IReadOnlyList<Manifest> Deployment(string version, int? replicas) =>
        ManifestYaml.Read(MeshYaml.Deployment(version, replicas: replicas));

    private static IReadOnlyList<Manifest> Autoscaler(string deployment, int? minReplicas, string ns = "shop")
    {
        var minimum = minReplicas is null ? "" : $"\n  minReplicas: {minReplicas}";
        return ManifestYaml.Read($"""
            apiVersion: autoscaling/v2
            kind: HorizontalPodAutoscaler
            metadata:
              name: {deployment}
              namespace: {ns}
            spec:{minimum}
              maxReplicas: 10
              scaleTargetRef:
                apiVersion: apps/v1
                kind: Deployment
                name: {deployment}
            """);
    }
}
