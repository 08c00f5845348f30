using Frontend.Cli.Summary;
using Frontend.Analysis.Mesh;

namespace Frontend.Cli.Commands;

/// <summary><c>analyze &lt;stack&gt; [--crds bundle.yaml ...]</c>: the findings with their fixes; non-zero when any is an error.</summary>
internal static class AnalyzeCommand
{
    public static async Task<int> RunAsync(Arguments arguments, TextWriter stdout, TextWriter stderr)
    {
        var stack = arguments.Positional(0);
        var analysed = await StackAnalysis.RunAsync(arguments, stack, stderr);
        if (analysed is null)
        {
            return ExitCodes.Failed;
        }

        await stdout.WriteLineAsync($"Analysed stack {stack}: {StackAnalysis.Plural(analysed.Evaluation.Manifests.Count, "resource")}, {SummaryText.SchemaValidation(analysed)}.");
        foreach (var warning in analysed.Evaluation.Warnings)
        {
            await stdout.WriteLineAsync($"Config warning: {warning.ToString(stack)}");
        }

        await stdout.WriteAsync(FindingFormatter.FormatAll(analysed.Findings, includeFixes: true));
        return analysed.HasErrors ? ExitCodes.Failed : ExitCodes.Ok;
    }
}
