using Frontend.Analysis.Mesh;
using Frontend.Analysis.Rendering;
using Frontend.Cli.Evaluation;
using Frontend.Cli.Summary;

namespace Frontend.Cli.Commands;

/// <summary>
/// <c>render &lt;stack&gt; --out dir [--crds bundle.yaml ...]</c>: validate, analyse, then write one file per resource,
/// all or nothing, and print what a reviewer wants to read.
/// </summary>
internal static class RenderCommand
{
    public const string OutOption = "out";

    public static async Task<int> RunAsync(Arguments arguments, TextWriter stdout, TextWriter stderr)
    {
        var stack = arguments.Positional(0);
        var outDirectory = arguments.RequiredOption(OutOption);
        RefuseToReplaceOtherContent(outDirectory);

        var analysed = await StackAnalysis.RunAsync(arguments, stack, stderr);
        if (analysed is null)
        {
            return ExitCodes.Failed;
        }

        if (analysed.HasErrors)
        {
            var errors = analysed.Findings.Where(finding => finding.Level == FindingLevel.Error).ToList();
            await stderr.WriteLineAsync($"error: the analysis of stack '{stack}' found {StackAnalysis.Plural(errors.Count, "error")}; nothing was rendered:");
            await stderr.WriteAsync(FindingFormatter.FormatAll(errors, includeFixes: true));
            return ExitCodes.Failed;
        }

        RenderedFolder.Write(outDirectory, analysed.Evaluation.Manifests, EvaluatedFacts.Of(analysed.Evaluation));
        await stdout.WriteAsync(RenderSummary.Format(analysed, outDirectory));
        return ExitCodes.Ok;
    }

    /// <summary>
    /// A render replaces its folder whole; pointing --out at a folder that holds anything a render did not write (the
    /// repository root, say, or a hand-written file beside the rendered ones) must not delete it. Checked before the
    /// stack runs so the refusal comes first and costs nothing; <see cref="RenderedFolder.Write"/> checks again.
    /// </summary>
    private static void RefuseToReplaceOtherContent(string outDirectory)
    {
        var foreign = RenderedFolder.FindForeignEntries(outDirectory);
        if (foreign.Count > 0)
        {
            throw new UsageException(foreign
                .Select(entry => $"--{OutOption} {outDirectory} holds '{entry.RelativePath}', which is not part of a render{(entry.Reason is null ? "" : $" ({entry.Reason})")}; give an empty or new folder (a render replaces the whole folder)")
                .ToList());
        }
    }
}
