using Frontend.Analysis.Diff;

namespace Frontend.Cli.Commands;

/// <summary>
/// <c>diff &lt;before-dir&gt; &lt;after-dir&gt; [--title text]</c>: Markdown for a pull-request comment or a job summary,
/// with the change's risks first; exit code 1 when one of them refuses the change (FRT0003), after printing the report.
/// </summary>
internal static class DiffCommand
{
    public const string TitleOption = "title";

    public static async Task<int> RunAsync(Arguments arguments, TextWriter stdout)
    {
        var before = arguments.Positional(0);
        var after = arguments.Positional(1);
        foreach (var folder in new[] { before, after })
        {
            if (!Directory.Exists(folder))
            {
                throw new UsageException($"{folder}: no such folder (render into it first: render <stack> --out {folder})");
            }
        }

        var report = ManifestDiff.CompareFolders(before, after);
        var title = arguments.Option(TitleOption) is { Length: > 0 } given ? given : "Rendered manifests";
        await stdout.WriteAsync(MarkdownReport.Render(report, title));
        return report.IsRefused ? ExitCodes.Failed : ExitCodes.Ok;
    }
}
