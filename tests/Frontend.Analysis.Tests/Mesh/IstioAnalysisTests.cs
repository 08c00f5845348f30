using Frontend.Analysis.Mesh;
using Frontend.Analysis.Schema;
using Frontend.Analysis.Tests.Support;
using Frontend.Analysis.Yaml;

namespace Frontend.Analysis.Tests.Mesh;

public sealed class IstioAnalysisTests
{
    private static readonly Lazy<CrdSchemaBundle> Istio = new(() => CrdSchemaBundle.Load(RepositoryPaths.IstioCrdBundle));

    [Fact]
    public void Analyze_SchemaErrorAndMeshProblem_ReportsSchemaErrorFirstAsIst0106()
    {
        var manifests = ManifestYaml.Read("""
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata:
              name: frontend
              namespace: shop
            spec:
              host: frontend
              trafficPolicy:
                loadBalancer:
                  simple: ROUND_ROBINN
            """);

        var lines = IstioAnalysis.Analyze(manifests, Istio.Value).Select(FindingFormatter.Format).ToList();

        Assert.Equal(
            [
                "Error [IST0106] (DestinationRule shop/frontend) Schema validation error: spec.trafficPolicy.loadBalancer.simple: \"ROUND_ROBINN\" is not one of [UNSPECIFIED, LEAST_CONN, RANDOM, PASSTHROUGH, ROUND_ROBIN, LEAST_REQUEST]",
                "Warning [IST0174] (DestinationRule shop/frontend) The host frontend defined in the DestinationRule does not match any services in the mesh.",
            ],
            lines);
    }

    [Fact]
    public void AsIstioFinding_NotCheckedRule_IsASchemaWarning()
    {
        var manifest = Trees.FromYaml("apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n");
        var notChecked = new SchemaFinding(SchemaFindingKind.NotChecked, "spec", "self.size % 2 == 0", "{}", "spec: not checked: self.size % 2 == 0");

        var finding = IstioAnalysis.AsIstioFinding(manifest, notChecked);

        Assert.Equal("Warning [IST0133] (Widget default/w) Schema validation warning: spec: not checked: self.size % 2 == 0", FindingFormatter.Format(finding));
    }
}
