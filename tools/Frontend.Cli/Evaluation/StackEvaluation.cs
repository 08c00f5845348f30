using Frontend.Analysis.Manifests;
using Frontend.Cli.Stacks;
using Frontend.Infra.Configuration;
using Pulumi.Testing;

namespace Frontend.Cli.Evaluation;

/// <summary>
/// What evaluating a stack produced: its manifests and outputs, and which resources a deletion cannot take
/// (protected or retained on delete), or the reasons it declared nothing.
/// </summary>
internal sealed record StackEvaluation(
    StackSettings Settings,
    IReadOnlyList<MockResourceArgs> Registered,
    IReadOnlyList<Manifest> Manifests,
    IDictionary<string, object?> Outputs,
    StackConfig? Config,
    IReadOnlyList<ConfigProblem> Warnings,
    IReadOnlyList<string> Errors,
    IReadOnlyList<DeletionSafety> Safety)
{
    public bool Succeeded => Errors.Count == 0;
}
