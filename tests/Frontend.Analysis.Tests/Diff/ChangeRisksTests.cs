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
}
