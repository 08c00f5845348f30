using Frontend.Analysis.Diff;
using Frontend.Analysis.Rendering;
using Frontend.Analysis.Users;
using Frontend.Analysis.Users.Changes;

namespace Frontend.Cli.Commands;

/// <summary>
/// <c>diff &lt;before-dir&gt; &lt;after-dir&gt; [--title text] [--format markdown|text]</c>: what changes for users, then the
/// resources and YAML, as Markdown for a pull-request comment or a job summary, or as text for a terminal; exit code 1
/// when a risk that only the two renders together show refuses the change (FRT0003), after printing the report.
/// </summary>
internal static class DiffCommand
{
    public const string TitleOption = "title";
    public const string FormatOption = "format";
    public const string Markdown = "markdown";
    public const string Text = "text";

    public static async Task<int> RunAsync(Arguments arguments, TextWriter stdout)
    {
        var beforeDirectory = arguments.Positional(0);
        var afterDirectory = arguments.Positional(1);
        foreach (var folder in new[] { beforeDirectory, afterDirectory })
        {
            if (!Directory.Exists(folder))
            {
                throw new UsageException($"{folder}: no such folder (render into it first: render <stack> --out {folder})");
            }
        }

        // Each folder is read once: the resource diff and the users' view come from the same manifests.
        var before = RenderedFolder.Read(beforeDirectory);
        var after = RenderedFolder.Read(afterDirectory);
        var report = ManifestDiff.Compare(before, after);
        var changes = UserChanges.Compare(
            UserView.Read(before, StackFacts.ReadFolder(beforeDirectory)),
            UserView.Read(after, StackFacts.ReadFolder(afterDirectory)));
        var title = arguments.Option(TitleOption);
        await stdout.WriteAsync(arguments.Option(FormatOption) == Text
            ? ChangeReport.Text(changes, report, title)
            : ChangeReport.Markdown(changes, report, title));
        return report.IsRefused ? ExitCodes.Failed : ExitCodes.Ok;
    }
}
