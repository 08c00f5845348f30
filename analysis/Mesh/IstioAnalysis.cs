using Frontend.Analysis.Manifests;
using Frontend.Analysis.Schema;

namespace Frontend.Analysis.Mesh;

/// <summary>
/// Everything <c>istioctl analyze</c> would say about a set of manifests, offline: schema problems of the kinds the
/// CRD bundle defines, as Istio reports them (IST0106 SchemaValidationError; a rule that could not be checked as
/// IST0133 SchemaWarning), followed by the <see cref="MeshAnalyzer"/> checks.
/// </summary>
public static class IstioAnalysis
{
    public static IReadOnlyList<Finding> Analyze(IEnumerable<Manifest> manifests, CrdSchemaBundle schemas)
    {
        ArgumentNullException.ThrowIfNull(manifests);
        ArgumentNullException.ThrowIfNull(schemas);
        var all = manifests.ToList();
        var schemaFindings = all
            .SelectMany(manifest => schemas.Validate(manifest).Select(finding => AsIstioFinding(manifest, finding)))
            .OrderBy(finding => finding.Level)
            .ThenBy(finding => finding.Resource, StringComparer.Ordinal)
            .ThenBy(finding => finding.Message, StringComparer.Ordinal);
        return schemaFindings.Concat(MeshAnalyzer.Analyze(all)).ToList();
    }

    public static Finding AsIstioFinding(Manifest manifest, SchemaFinding finding)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(finding);
        return finding.Kind == SchemaFindingKind.NotChecked
            ? new Finding("IST0133", "SchemaWarning", FindingLevel.Warning, manifest.DisplayName, $"Schema validation warning: {finding.Message}",
                "Check this rule by hand, or teach the schema validator to recognise it.")
            : new Finding("IST0106", "SchemaValidationError", FindingLevel.Error, manifest.DisplayName, $"Schema validation error: {finding.Message}",
                $"Change {finding.Path} so that it satisfies {finding.Rule} (it is {finding.Value}).");
    }
}
