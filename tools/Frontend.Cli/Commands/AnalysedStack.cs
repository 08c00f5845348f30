using Frontend.Analysis.Mesh;
using Frontend.Cli.Evaluation;

namespace Frontend.Cli.Commands;

/// <summary>A stack evaluated under mocks and checked like <c>istioctl analyze</c>.</summary>
/// <param name="SchemaBundle">The CRD bundle the Istio resources were validated against; null when schema validation did not run.</param>
internal sealed record AnalysedStack(StackEvaluation Evaluation, IReadOnlyList<Finding> Findings, string? SchemaBundle)
{
    public bool HasErrors => Findings.Any(finding => finding.Level == FindingLevel.Error);
}
