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

    // Written into the temp bin folder as `pulumi`. Lines: "tag ls <stack>", "up <stack> <commit of --cwd>",
    // "tag set <stack> <name> <value>". Any other call fails, so the script cannot drift unnoticed.
    private const string FakePulumi = """
        #!/usr/bin/env bash
        set -euo pipefail
        state=@STATE@
        stack= cwd= yes=false
        args=("$@")
        for ((i = 0; i < ${#args[@]}; i++)); do
          case ${args[i]} in
            --stack) stack=${args[i + 1]} ;;
            --cwd) cwd=${args[i + 1]} ;;
            --yes) yes=true ;;
          esac
        done
        if [ "$1 ${2:-} ${3:-}" = "stack tag ls" ]; then
          echo "tag ls $stack" >> "$state/pulumi.log"
          printf '{"pulumi:project":"frontend"'
          shopt -s nullglob
          for file in "$state"/tags/*; do
            printf ',"%s":"%s"' "$(basename "$file")" "$(cat "$file")"
          done
          printf '}\n'
        elif [ "$1 ${2:-} ${3:-}" = "stack tag set" ]; then
          echo "tag set $stack $4 $5" >> "$state/pulumi.log"
          printf '%s' "$5" > "$state/tags/$4"
        elif [ "$1" = up ] && $yes && [ -n "$cwd" ]; then
          commit=$(git -C "$cwd" rev-parse HEAD)
          echo "up $stack $commit" >> "$state/pulumi.log"
          if [ "$commit" = "$(cat "$state/fail-at" 2>/dev/null)" ]; then
            echo "error: update failed" >&2
            exit 255
          fi
        else
          echo "unexpected $*" >> "$state/pulumi.log"
          echo "fake pulumi: unexpected call: $*" >&2
          exit 64
        fi
        """;

    private readonly TempFolder _temp = new();
    private int _commits;

    private DeploySandbox()
    {
        // The script runs on the Linux runners only; failing here beats a skip that proves nothing.
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("deploy-in-order.sh is tested with bash and an executable fake pulumi, which need a Unix file system.");
        }

        Directory.CreateDirectory(Repository);
        Directory.CreateDirectory(_temp.Combine("bin"));
        Directory.CreateDirectory(_temp.Combine("tags"));
        var pulumi = _temp.Combine("bin", "pulumi");
        File.WriteAllText(pulumi, FakePulumi.Replace("@STATE@", $"'{_temp.Path}'", StringComparison.Ordinal) + "\n");
        File.SetUnixFileMode(pulumi, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    public string Repository => _temp.Combine("repo");

    public string Script { get; } = Path.Combine(RepositoryPaths.Root, ".github", "scripts", "deploy-in-order.sh");

    /// <summary>Every call the fake pulumi got, in order.</summary>
    public IReadOnlyList<string> PulumiCalls =>
        File.Exists(_temp.Combine("pulumi.log")) ? File.ReadAllLines(_temp.Combine("pulumi.log")) : [];

    /// <summary>The deploys and tag moves, without the one tag read every run starts with.</summary>
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
