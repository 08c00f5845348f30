using System.Globalization;
using System.Text.Json;

namespace Frontend.Cli.Rollout.Loop;

/// <summary>
/// The stack as Pulumi holds it: <c>pulumi up</c>, and the stack tags that say what is live. The deploy
/// workflow (<c>deploy-in-order.sh</c>) and the loop write the same tags: <c>deployed-commit</c> (the last
/// commit applied) and <c>deployed-at</c> (when that <c>pulumi up</c> finished, Unix seconds), and the loop
/// writes <c>rollout-hold</c> (<c>canary@attempt</c>) before a rollback goes live.
/// </summary>
internal interface IStackDeployment
{
    Task<IReadOnlyDictionary<string, string>> TagsAsync();

    Task SetTagAsync(string name, string value);

    /// <summary>Applies the project as it is in <paramref name="projectDirectory"/>.</summary>
    Task UpAsync(string projectDirectory, string message);
}

internal static class StackTags
{
    public const string DeployedCommit = "deployed-commit";
    public const string DeployedAt = "deployed-at";
    public const string RolloutHold = "rollout-hold";

    public static string Hold(string canary, int attempt) => $"{canary}@{attempt.ToString(CultureInfo.InvariantCulture)}";

    public static string Seconds(DateTimeOffset time) => time.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    public static DateTimeOffset? Time(IReadOnlyDictionary<string, string> tags) =>
        tags.TryGetValue(DeployedAt, out var text) && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;
}

/// <summary>The Pulumi CLI (<paramref name="pulumi"/>, from PATH by default), logged in as the job is.</summary>
internal sealed class PulumiStackDeployment(string stackReference, string workingDirectory, string pulumi = "pulumi") : IStackDeployment
{
    public async Task<IReadOnlyDictionary<string, string>> TagsAsync()
    {
        var json = await ExternalCommand.RunAsync(pulumi, workingDirectory, "stack", "tag", "ls", "--json", "--stack", stackReference);
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateObject()
            .Where(p => p.Value.ValueKind == JsonValueKind.String)
            .ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
    }

    public Task SetTagAsync(string name, string value) =>
        ExternalCommand.RunAsync(pulumi, workingDirectory, "stack", "tag", "set", name, value, "--stack", stackReference);

    public Task UpAsync(string projectDirectory, string message) =>
        ExternalCommand.RunAsync(pulumi, workingDirectory, "up", "--yes", "--non-interactive", "--skip-preview", "--stack", stackReference, "--cwd", projectDirectory, "--message", message);
}
