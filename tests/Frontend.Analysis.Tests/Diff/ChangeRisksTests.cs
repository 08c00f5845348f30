using Frontend.Analysis.Diff;
using Frontend.Analysis.Manifests;
using Frontend.Analysis.Yaml;
using static Frontend.Analysis.Tests.Support.MeshYaml;

namespace Frontend.Analysis.Tests.Diff;

public sealed class ChangeRisksTests
{
    private static string Routes(string v2Route) => $"""
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata:
          name: frontend
          namespace: shop
        spec:
          hosts:
            - frontend
          http:
            - name: weighted
              route:
                - destination:
                    host: frontend
                    subset: v1
                  weight: 100
        {v2Route}
        """;

    private const string MirrorToV2 = """
              mirrors:
                - destination:
                    host: frontend
                    subset: v2
                  percentage:
                    value: 10
        """;

    private const string V2AtZero = """
                - destination:
                    host: frontend
                    subset: v2
                  weight: 0
        """;

    private static List<Manifest> Base(string virtualService) =>
        [.. ManifestYaml.Read(Service), .. ManifestYaml.Read(DestinationRule), .. ManifestYaml.Read(virtualService), .. ManifestYaml.Read(Deployment("v1")), .. ManifestYaml.Read(Deployment("v2"))];

    private static List<Manifest> WithoutV2(string virtualService) =>
        [.. ManifestYaml.Read(Service), .. ManifestYaml.Read(DestinationRule), .. ManifestYaml.Read(virtualService), .. ManifestYaml.Read(Deployment("v1"))];

    [Fact]
    public void Find_VersionOnlyMirroredInTheBaseRemoved_RefusedAsRetiredWhileRouted()
    {
        var risks = ChangeRisks.Find(Base(Routes(MirrorToV2)), WithoutV2(Routes("")));

        var risk = Assert.Single(risks);
        Assert.Equal(("FRT0003", "Deployment shop/frontend-v2"), (risk.Code, risk.Resource));
    }

    [Fact]
    public void Find_VersionAtWeightZeroInTheBaseRemoved_NoRisk()
    {
        var risks = ChangeRisks.Find(Base(Routes(V2AtZero)), WithoutV2(Routes("")));

        Assert.Empty(risks);
    }

    private static string VersionService(string version) => $"""
        apiVersion: v1
        kind: Service
        metadata:
          name: frontend-{version}
          namespace: shop
        spec:
          selector:
            app: frontend
            version: {version}
          ports:
            - name: http
              port: 80
        """;

    private static string HttpRoute(int v2Weight, bool mirrorV2 = false) => $$"""
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata:
          name: frontend
          namespace: shop
        spec:
          parentRefs:
            - group: ""
              kind: Service
              name: frontend
              port: 80
          rules:
            - name: weighted
              backendRefs:
                - name: frontend-v1
                  port: 80
                  weight: {{100 - v2Weight}}
                - name: frontend-v2
                  port: 80
                  weight: {{v2Weight}}
        {{(mirrorV2 ? "      filters:\n        - type: RequestMirror\n          requestMirror:\n            backendRef:\n              name: frontend-v2\n              port: 80\n            percent: 10" : "")}}
        """;

    private static List<Manifest> GatewayApi(string route, bool withV2) =>
    [
        .. ManifestYaml.Read(Service), .. ManifestYaml.Read(VersionService("v1")), .. ManifestYaml.Read(VersionService("v2")), .. ManifestYaml.Read(route),
        .. ManifestYaml.Read(Deployment("v1")), .. withV2 ? ManifestYaml.Read(Deployment("v2")) : [],
    ];

    [Theory]
    [InlineData(10, false)]
    [InlineData(0, true)]
    public void Find_GatewayApiVersionStillRoutedInTheBaseRemoved_RefusedAsRetiredWhileRouted(int v2Weight, bool mirrored)
    {
        var risks = ChangeRisks.Find(GatewayApi(HttpRoute(v2Weight, mirrored), withV2: true), GatewayApi(HttpRoute(0), withV2: false));

        var risk = Assert.Single(risks);
        Assert.Equal(("FRT0003", "Deployment shop/frontend-v2"), (risk.Code, risk.Resource));
        Assert.Contains("Service frontend-v2", risk.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Find_GatewayApiVersionAtZeroInTheBaseRemoved_IsNoRisk()
    {
        Assert.Empty(ChangeRisks.Find(GatewayApi(HttpRoute(0), withV2: true), GatewayApi(HttpRoute(0), withV2: false)));
    }
}
