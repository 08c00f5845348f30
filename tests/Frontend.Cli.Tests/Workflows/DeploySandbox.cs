using System.Globalization;
using Frontend.Cli.Tests.Support;

namespace Frontend.Cli.Tests.Workflows;

/// <summary>
/// A throwaway git repository with a main branch, and a fake <c>pulumi</c> first on PATH that records
/// each call in a log and keeps the stack's tags as files, for running .github/scripts/deploy-in-order.sh.
/// </summary>
internal sealed class DeploySandbox : IDisposable
{
    public const string StackRef = "acme/dev";

    private const string Tag = "deployed-commit";

    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    private readonly TempFolder _temp = new();
    private int _commits;

    private DeploySandbox()
    {
        Directory.CreateDirectory(Repository);
        FakePulumi.Write(_temp.Path);
    }

    public string Repository => _temp.Combine("repo");

    public string Script { get; } = Path.Combine(RepositoryPaths.Root, ".github", "scripts", "deploy-in-order.sh");

    /// <summary>Every call the fake pulumi got, in order.</summary>
    public IReadOnlyList<string> PulumiCalls =>
        File.Exists(_temp.Combine("pulumi.log")) ? File.ReadAllLines(_temp.Combine("pulumi.log")) : [];

    /// <summary>The calls that change the stack, without the deployed-at stamps (their values are the clock's); see <see cref="DeployedAtStamps"/>.</summary>
    public IReadOnlyList<string> Changes => [.. PulumiCalls.Where(call => call != $"tag ls {StackRef}" && !call.StartsWith($"tag set {StackRef} deployed-at ", StringComparison.Ordinal))];

    /// <summary>How many times the script stamped deployed-at (once after every pulumi up).</summary>
    public int DeployedAtStamps => PulumiCalls.Count(call => call.StartsWith($"tag set {StackRef} deployed-at ", StringComparison.Ordinal));

    public string? DeployedCommit
    {
        get => File.Exists(_temp.Combine("tags", Tag)) ? File.ReadAllText(_temp.Combine("tags", Tag)) : null;
        set => File.WriteAllText(_temp.Combine("tags", Tag), value);
    }

    /// <summary>A repository on main with one commit holding the program and both stacks' config.</summary>
    public static async Task<DeploySandbox> CreateAsync()
    {
        var sandbox = new DeploySandbox();
        await sandbox.GitAsync("init", "--quiet", "--initial-branch=main");
        await sandbox.CommitAsync("initial", ("infra/Stack.cs", "// v1\n"), ("Pulumi.dev.yaml", "config: {}\n"), ("Pulumi.prod.yaml", "config: {}\n"));
        return sandbox;
    }

    /// <summary>Writes the files, commits them on the current branch, and returns the commit.</summary>
    public async Task<string> CommitAsync(string message, params (string Path, string Content)[] files)
    {
        foreach (var (path, content) in files)
        {
            var full = Path.Combine(Repository, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, content);
        }

        await GitAsync("add", "--all");
        // Distinct, increasing dates: rev-list's order must come from the history, not from ties.
        var date = (1_700_000_000 + (++_commits * 60)).ToString(CultureInfo.InvariantCulture) + " +0000";
        await GitAsync(new Dictionary<string, string?> { ["GIT_AUTHOR_DATE"] = date, ["GIT_COMMITTER_DATE"] = date }, "commit", "--quiet", "-m", message);
        return (await GitAsync("rev-parse", "HEAD")).Trim();
    }

    public void FailUpAt(string commit) => File.WriteAllText(_temp.Combine("fail-at"), commit);

    public Task<string> GitAsync(params string[] arguments) => GitAsync(new Dictionary<string, string?>(), arguments);

    /// <summary>Runs the script as the deploy job does, from the repository's root, with no pause.</summary>
    public Task<ProcessRun> DeployAsync(string target) =>
        BoundedProcess.RunAsync(
            "bash",
            [Script, "dev", StackRef, target],
            Repository,
            new Dictionary<string, string?>(Isolated)
            {
                ["PATH"] = _temp.Combine("bin") + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH"),
                ["DEPLOY_PAUSE_SECONDS"] = "0",
                ["GITHUB_STEP_SUMMARY"] = _temp.Combine("summary.md"),
            },
            Limit);

    public void Dispose() => _temp.Dispose();

    // The developer's or the runner's git settings (signing, hooks, a GIT_DIR) must not reach the sandbox.
    private static Dictionary<string, string?> Isolated => new()
    {
        ["GIT_CONFIG_GLOBAL"] = "/dev/null",
        ["GIT_CONFIG_NOSYSTEM"] = "1",
        ["GIT_AUTHOR_NAME"] = "Test",
        ["GIT_AUTHOR_EMAIL"] = "test@example.com",
        ["GIT_COMMITTER_NAME"] = "Test",
        ["GIT_COMMITTER_EMAIL"] = "test@example.com",
        ["GIT_DIR"] = null,
        ["GIT_WORK_TREE"] = null,
        ["GIT_INDEX_FILE"] = null,
    };

    private async Task<string> GitAsync(IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        var merged = Isolated;
        foreach (var (name, value) in environment)
        {
            merged[name] = value;
        }

        var run = await BoundedProcess.RunAsync("git", arguments, Repository, merged, Limit);
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException($"git {string.Join(' ', arguments)} exited {run.ExitCode}: {run.Stderr}");
        }

        return run.Stdout;
    }
}
