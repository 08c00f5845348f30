using System.Text;

namespace Frontend.Analysis.Mesh;

/// <summary>Prints findings the way <c>istioctl analyze</c> does.</summary>
public static class FindingFormatter
{
    public const string NoIssues = "No validation issues found.";

    /// <summary><c>Error [IST0101] (VirtualService frontend/frontend) Referenced host+subset in destinationrule not found: "frontend+v3"</c></summary>
    public static string Format(Finding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        return $"{finding.Level} [{finding.Code}] ({finding.Resource}) {finding.Message}";
    }

    /// <summary>One finding a line, each optionally followed by an indented "Fix:" line; <see cref="NoIssues"/> when there are none.</summary>
    public static string FormatAll(IEnumerable<Finding> findings, bool includeFixes = false)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var builder = new StringBuilder();
        foreach (var finding in findings)
        {
            builder.Append(Format(finding)).Append('\n');
            if (includeFixes)
            {
                builder.Append("  Fix: ").Append(finding.Fix).Append('\n');
            }
        }

        return builder.Length == 0 ? NoIssues + "\n" : builder.ToString();
    }
}
