namespace Frontend.Cli.Rollout.Loop;

/// <summary>The git checkout the loop commits its steps in: main, pushed to origin after every decision it writes.</summary>
internal interface IStackRepository
{
    /// <summary>The checkout's folder (the project directory, holding Pulumi.yaml).</summary>
    string Directory { get; }

    /// <summary>Takes origin's main as it is now, dropping nothing of the loop's own (it pushes every commit it makes).</summary>
    Task SyncAsync();

    Task<string> HeadAsync();

    /// <summary>Commits <paramref name="file"/> and pushes it to origin's main; false when origin moved on first.</summary>
    Task<bool> CommitAndPushAsync(string file, string message);
}

/// <summary>The git CLI on PATH, with push rights on origin (a GitHub App token or a deploy key, so the push runs workflows).</summary>
internal sealed class GitStackRepository(string directory, string branch = "main") : IStackRepository
{
    public string Directory => directory;

    public async Task SyncAsync()
    {
        await ExternalCommand.RunAsync("git", directory, "fetch", "--quiet", "origin", branch);
        await ExternalCommand.RunAsync("git", directory, "checkout", "--quiet", "-B", branch, $"origin/{branch}");
    }

    public async Task<string> HeadAsync() => (await ExternalCommand.RunAsync("git", directory, "rev-parse", "HEAD")).Trim();

    public async Task<bool> CommitAndPushAsync(string file, string message)
    {
        await ExternalCommand.RunAsync("git", directory, "add", "--", file);
        await ExternalCommand.RunAsync("git", directory, "commit", "--quiet", "-m", message);
        try
        {
            await ExternalCommand.RunAsync("git", directory, "push", "--quiet", "origin", $"HEAD:{branch}");
            return true;
        }
        catch (ExternalCommandException)
        {
            // Rejected (origin moved on): the caller syncs and applies its decision again on top.
            return false;
        }
    }
}
