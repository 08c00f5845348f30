using Frontend.Cli.Commands;

namespace Frontend.Cli.Summary;

/// <summary>Sentences render and analyze both print.</summary>
internal static class SummaryText
{
    public static string SchemaValidation(AnalysedStack analysed) => analysed.SchemaBundle is { } bundle
        ? $"schema validation against {bundle}"
        : "schema validation not run (add --crds <bundle.yaml>)";
}
