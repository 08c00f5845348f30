using Frontend.Cli.Commands;

namespace Frontend.Cli.Summary;

/// <summary>Sentences render and analyze both print.</summary>
internal static class SummaryText
{
    public static string SchemaValidation(AnalysedStack analysed) => analysed.SchemaBundles switch
    {
        [] => "schema validation not run (add --crds <bundle.yaml>)",
        [var only] => $"schema validation against {only}",
        var bundles => $"schema validation against {string.Join(", ", bundles.Take(bundles.Count - 1))} and {bundles[^1]}",
    };
}
