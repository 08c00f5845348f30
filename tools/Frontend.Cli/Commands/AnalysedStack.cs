using Frontend.Analysis.Mesh;
using Frontend.Cli.Evaluation;

namespace Frontend.Cli.Commands;

/// <summary>A stack evaluated under mocks and checked like <c>istioctl analyze</c>.</summary>
/// <param name="SchemaBundles">The CRD bundles (--crds, in order) the resources of their kinds were validated against; none when schema validation did not run.</param>
internal sealed record AnalysedStack(StackEvaluation Evaluation, IReadOnlyList<Finding> Findings, IReadOnlyList<string> SchemaBundles)
{
    public bool HasErrors => Findings.Any(finding => finding.Level == FindingLevel.Error);
}
