using System.Globalization;
using System.Text;

namespace Frontend.Analysis.Users;

/// <summary>
/// What a review needs about a stack that no manifest carries: whether it is production, the cluster Pulumi's provider
/// targets (a new identifier replaces every resource), and the rollout plan's canary and steps. <c>render</c> writes
/// them beside the manifests as <see cref="FileName"/>, so <c>diff</c> reads two renders and nothing else. Null means
/// not known: a render from before this file existed, or a stack without the setting.
/// </summary>
public sealed record StackFacts(
    string? Stack = null,
    bool? Production = null,
    string? ClusterContext = null,
    string? ClusterIdentifier = null,
    string? RolloutCanary = null,
    ValueList<long>? RolloutSteps = null)
{
    /// <summary>A .txt file, which a recursive <c>kubectl apply</c> skips: it reads only .yaml, .yml and .json files.</summary>
    public const string FileName = "stack.txt";

    private const string Header = "# The stack this folder was rendered from, for diff: facts no manifest carries. kubectl apply skips this file.";

    public static StackFacts Unknown { get; } = new();

    public string Write()
    {
        var text = new StringBuilder().Append(Header).Append('\n');
        void Line(string key, string? value)
        {
            if (value is not null)
            {
                text.Append(key).Append(": ").Append(value).Append('\n');
            }
        }

        Line("stack", Stack);
        Line("production", Production switch { true => "true", false => "false", null => null });
        Line("cluster.context", ClusterContext);
        Line("cluster.identifier", ClusterIdentifier);
        Line("rollout.canary", RolloutCanary);
        Line("rollout.steps", RolloutSteps is null ? null : string.Join(", ", RolloutSteps.Select(step => step.ToString(CultureInfo.InvariantCulture))));
        return text.ToString();
    }

    /// <summary>The facts in a render folder; <see cref="Unknown"/> when it has none. Unknown keys are ignored, so an older tool reads a newer file.</summary>
    public static StackFacts ReadFolder(string renderDirectory)
    {
        var path = Path.Combine(renderDirectory, FileName);
        return File.Exists(path) ? Parse(File.ReadAllText(path)) : Unknown;
    }

    public static StackFacts Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var values = text.Split('\n')
            .Where(line => !line.StartsWith('#') && line.Contains(": ", StringComparison.Ordinal))
            .Select(line => line.Split(": ", 2))
            .GroupBy(pair => pair[0].Trim(), StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Last()[1].Trim(), StringComparer.Ordinal);
        return new StackFacts(
            values.GetValueOrDefault("stack"),
            values.GetValueOrDefault("production") switch { "true" => true, "false" => false, _ => null },
            values.GetValueOrDefault("cluster.context"),
            values.GetValueOrDefault("cluster.identifier"),
            values.GetValueOrDefault("rollout.canary"),
            values.GetValueOrDefault("rollout.steps") is { } steps
                ? steps.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                    .Select(step => long.TryParse(step, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : -1)
                    .Where(step => step >= 0)
                    .ToValueList()
                : null);
    }
}
