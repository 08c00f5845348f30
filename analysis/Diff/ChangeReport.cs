using System.Globalization;
using System.Text;
using Frontend.Analysis.Users.Changes;

namespace Frontend.Analysis.Diff;

/// <summary>
/// One stack's change for a reviewer: what changes for users, in sentences with their risks, then the resources and
/// YAML that carry it. Markdown folds the manifests (a PR comment, a job summary); plain text is for the terminal.
/// </summary>
public static class ChangeReport
{
    private const string Heading = "what changes for users";
    private const string NothingForUsers = "Nothing users would notice: only the manifests below change.";

    /// <param name="title">What the report is about ("Stack prod"); the heading is "Stack prod: what changes for users".</param>
    public static string Markdown(IReadOnlyList<ChangeSentence> changes, DiffReport report, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(report);
        var builder = new StringBuilder().Append("## ").Append(Title(title)).Append('\n');
        if (changes.Count == 0)
        {
            builder.Append(report.HasChanges ? NothingForUsers : NoChanges(report)).Append('\n');
        }

        foreach (var change in changes)
        {
            builder.Append("- ").Append(change.Text);
            if (change.Risk is { } risk)
            {
                builder.Append(" — ⚠️ **").Append(risk).Append("**");
            }

            builder.Append('\n');
        }

        if (report.Risks.Count > 0)
        {
            MarkdownReport.AppendRisks(builder.Append('\n'), report);
        }

        if (!report.HasChanges)
        {
            // Facts no manifest carries (the cluster) can change alone: the sentences say so, the YAML has nothing to show.
            return changes.Count == 0 ? builder.ToString() : builder.Append('\n').Append(SameManifests(report)).Append('\n').ToString();
        }

        builder.Append(CultureInfo.InvariantCulture, $"\n<details><summary>Rendered manifests: {MarkdownReport.Counts(report)}</summary>\n\n");
        MarkdownReport.AppendChanges(builder, report);
        return builder.Append("\n</details>\n").ToString();
    }

    /// <summary>The same for a terminal: risky sentences start with "!", then each changed resource and its unified diff.</summary>
    public static string Text(IReadOnlyList<ChangeSentence> changes, DiffReport report, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(report);
        var builder = new StringBuilder().Append(Title(title)).Append('\n');
        if (changes.Count == 0)
        {
            builder.Append("  ").Append(report.HasChanges ? NothingForUsers : NoChanges(report)).Append('\n');
        }

        foreach (var change in changes)
        {
            builder.Append(change.Risk is null ? "  " : "! ").Append(change.Text).Append('\n');
            if (change.Risk is { } risk)
            {
                builder.Append("    risk: ").Append(risk).Append('\n');
            }
        }

        foreach (var risk in report.Risks)
        {
            builder.Append(CultureInfo.InvariantCulture, $"{(risk.Level == Mesh.FindingLevel.Error ? "refused" : "warning")} [{risk.Code}] ({risk.Resource}) {risk.Message} Fix: {risk.Fix}\n");
        }

        if (!report.HasChanges)
        {
            return changes.Count == 0 ? builder.ToString() : builder.Append('\n').Append(SameManifests(report)).Append('\n').ToString();
        }

        var changed = report.Resources.Where(resource => resource.Kind != ChangeKind.Unchanged).ToList();
        builder.Append(CultureInfo.InvariantCulture, $"\nRendered manifests: {MarkdownReport.Counts(report)}\n");
        // Istio's Gateway and the Gateway API's share kind and name when a stack moves between them: the API tells them apart.
        var shared = changed.GroupBy(change => change.Resource, StringComparer.Ordinal).Where(group => group.Count() > 1).Select(group => group.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var change in changed)
        {
            var resource = shared.Contains(change.Resource) ? $"{change.Resource} ({change.ApiVersion})" : change.Resource;
            builder.Append(CultureInfo.InvariantCulture, $"  {MarkdownReport.Label(change.Kind),-8} {resource}\n");
        }

        foreach (var change in changed)
        {
            builder.Append('\n').Append(change.UnifiedDiff);
        }

        return builder.ToString();
    }

    private static string Title(string? title) => string.IsNullOrEmpty(title) ? "What changes for users" : $"{title}: {Heading}";

    private static string SameManifests(DiffReport report) => $"Rendered manifests: no changes ({MarkdownReport.Resources(report.Count(ChangeKind.Unchanged))} unchanged).";

    private static string NoChanges(DiffReport report) => $"Nothing: no resource changes ({MarkdownReport.Resources(report.Count(ChangeKind.Unchanged))} unchanged).";
}
