using System.Globalization;
using System.Text;

namespace Frontend.Analysis.Diff;

/// <summary>A diff report as Markdown for a pull-request comment or a GitHub job summary.</summary>
public static class MarkdownReport
{
    public static string Render(DiffReport report, string title = "Rendered manifests")
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentException.ThrowIfNullOrEmpty(title);
        var builder = new StringBuilder();
        builder.Append("## ").Append(title).Append("\n\n");
        AppendRisks(builder, report);

        if (!report.HasChanges)
        {
            builder.Append(CultureInfo.InvariantCulture, $"No changes: {Resources(report.Count(ChangeKind.Unchanged))} unchanged.\n");
            return builder.ToString();
        }

        builder.Append(Counts(report)).Append(".\n\n");
        AppendChanges(builder, report);
        return builder.ToString();
    }

    /// <summary>"0 added, 1 changed, 0 removed, 8 unchanged".</summary>
    public static string Counts(DiffReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return string.Create(CultureInfo.InvariantCulture,
            $"{report.Count(ChangeKind.Added)} added, {report.Count(ChangeKind.Changed)} changed, {report.Count(ChangeKind.Removed)} removed, {report.Count(ChangeKind.Unchanged)} unchanged");
    }

    /// <summary>The table of changed resources, then each one's unified diff in a <c>diff</c> code block.</summary>
    internal static void AppendChanges(StringBuilder builder, DiffReport report)
    {
        var changes = report.Resources.Where(resource => resource.Kind != ChangeKind.Unchanged).ToList();
        builder.Append("| Resource | API version | Change |\n| --- | --- | --- |\n");
        foreach (var change in changes)
        {
            builder.Append(CultureInfo.InvariantCulture, $"| `{change.Resource}` | `{change.ApiVersion}` | {Label(change.Kind)} |\n");
        }

        foreach (var change in changes)
        {
            var fence = new string('`', Math.Max(3, LongestBacktickRun(change.UnifiedDiff) + 1));
            builder.Append(CultureInfo.InvariantCulture, $"\n### {change.Resource} ({Label(change.Kind)})\n\n");
            builder.Append(fence).Append("diff\n").Append(change.UnifiedDiff).Append(fence).Append('\n');
        }
    }

    internal static string Label(ChangeKind kind) => kind switch
    {
        ChangeKind.Added => "added",
        ChangeKind.Removed => "removed",
        ChangeKind.Changed => "changed",
        _ => "unchanged",
    };

    internal static string Resources(int count) => count == 1 ? "1 resource" : $"{count.ToString(CultureInfo.InvariantCulture)} resources";

    // A fence longer than any backtick run inside keeps YAML that contains ``` from closing the block early.
    private static int LongestBacktickRun(string text)
    {
        var longest = 0;
        var current = 0;
        foreach (var character in text)
        {
            current = character == '`' ? current + 1 : 0;
            longest = Math.Max(longest, current);
        }

        return longest;
    }

    /// <summary>The risks only the two renders together show (<see cref="ChangeRisks"/>), refusals first in their own words.</summary>
    public static void AppendRisks(StringBuilder builder, DiffReport report)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(report);
        if (report.Risks.Count == 0)
        {
            return;
        }

        builder.Append("**Risks of this change:**\n\n");
        foreach (var risk in report.Risks)
        {
            builder.Append(CultureInfo.InvariantCulture, $"- {(risk.Level == Mesh.FindingLevel.Error ? "**Refused**" : "Warning")} [{risk.Code}] ({risk.Resource}) {risk.Message} Fix: {risk.Fix}\n");
        }

        builder.Append('\n');
    }
}
