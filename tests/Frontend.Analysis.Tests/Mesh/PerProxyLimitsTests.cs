using Frontend.Analysis.Manifests;
using Frontend.Analysis.Mesh;
using Frontend.Analysis.Yaml;
using static Frontend.Analysis.Tests.Support.MeshYaml;

namespace Frontend.Analysis.Tests.Mesh;

public sealed class PerProxyLimitsTests
{
    private const string NinetyTen = """
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
                    host: frontend
                    subset: v2
                  weight: 10
        """;

    private static string Rule(string servicePool, string v2Pool = "") => $"""
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata:
          name: frontend
          namespace: shop
        spec:
          host: frontend
          trafficPolicy:
            connectionPool:
        {servicePool}
          subsets:
            - name: v1
              labels:
                version: v1
            - name: v2
              labels:
                version: v2
        {v2Pool}
        """;

    private static List<Manifest> Stack(string destinationRule) =>
        [.. ManifestYaml.Read(Service), .. ManifestYaml.Read(destinationRule), .. ManifestYaml.Read(NinetyTen), .. ManifestYaml.Read(Deployment("v1")), .. ManifestYaml.Read(Deployment("v2"))];

    [Fact]
    public void Analyze_LimitOneProxyOverflowsBelowTheReference_ReportsFrt0002WithEachSubsetsOverflowPoint()
    {
        var manifests = Stack(Rule("      tcp:\n        maxConnections: 100"));

        var finding = Assert.Single(MeshAnalyzer.Analyze(manifests));

        Assert.Equal("FRT0002", finding.Code);
        Assert.Equal("DestinationRule shop/frontend", finding.Resource);
        Assert.Contains("reach tcp.maxConnections=100 for v1 (routes send it up to 90%) at 111; tcp.maxConnections=100 for v2 (routes send it up to 10%) at 1000, below the 1024", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_MaxRetriesThree_ReportedForEveryRoutedSubset()
    {
        var manifests = Stack(Rule("      http:\n        maxRetries: 3"));

        var finding = Assert.Single(MeshAnalyzer.Analyze(manifests));

        Assert.Contains("http.maxRetries=3 for v1 (routes send it up to 90%) at 3; http.maxRetries=3 for v2 (routes send it up to 10%) at 30", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_LimitsOneProxyCanCarry_ReturnsNoFindings()
    {
        var manifests = Stack(Rule("      tcp:\n        maxConnections: 1000\n      http:\n        http2MaxRequests: 2000"));

        Assert.Empty(MeshAnalyzer.Analyze(manifests));
    }

    [Fact]
    public void Analyze_SubsetPoolReplacesTheServicePool_OnlyTheSubsetStillUnderTheServiceLimitReported()
    {
        var v2Pool = "      trafficPolicy:\n        connectionPool:\n          tcp:\n            maxConnections: 5000";
        var manifests = Stack(Rule("      tcp:\n        maxConnections: 100", v2Pool));

        var finding = Assert.Single(MeshAnalyzer.Analyze(manifests));

        Assert.Contains("tcp.maxConnections=100 for v1 (routes send it up to 90%) at 111, below", finding.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("for v2", finding.Message, StringComparison.Ordinal);
    }
}
