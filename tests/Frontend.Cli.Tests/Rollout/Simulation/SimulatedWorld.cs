using Frontend.RolloutMetrics;
using System.Globalization;
using Frontend.Cli.Rollout.Loop;
using Frontend.Cli.Tests.Support;

namespace Frontend.Cli.Tests.Rollout.Simulation;

/// <summary>A clock that jumps instead of waiting, and runs what a test scheduled for the instants it passes.</summary>
internal sealed class SimulatedClock(DateTimeOffset start) : IRolloutClock
{
    private readonly List<(DateTimeOffset At, Func<Task> Action)> _scheduled = [];

    public DateTimeOffset Now { get; private set; } = start;

    public void At(DateTimeOffset at, Func<Task> action) => _scheduled.Add((at, action));

    public async Task WaitAsync(TimeSpan span, CancellationToken cancellationToken)
    {
        Now += span;
        foreach (var due in _scheduled.Where(s => s.At <= Now).ToList())
        {
            _scheduled.Remove(due);
            await due.Action();
        }
    }

    /// <summary>Time that passes while something runs, such as a <c>pulumi up</c>.</summary>
    public void Pass(TimeSpan span) => Now += span;
}

/// <summary>Pulumi's side as the simulation sees it: the fake CLI, and the minute every <c>pulumi up</c> takes.</summary>
internal sealed class SimulatedDeployment(IStackDeployment inner, SimulatedClock clock) : IStackDeployment
{
    public static readonly TimeSpan UpTakes = TimeSpan.FromMinutes(1);

    public Task<IReadOnlyDictionary<string, string>> TagsAsync() => inner.TagsAsync();

    public Task SetTagAsync(string name, string value) => inner.SetTagAsync(name, value);

    public async Task UpAsync(string projectDirectory, string message)
    {
        await inner.UpAsync(projectDirectory, message);
        clock.Pass(UpTakes);
    }
}

/// <summary>
/// Everything a rollout touches, made locally: a bare repository as GitHub's origin, the loop's checkout of
/// main, a second checkout for the deploy workflow and for people's merges, and a fake <c>pulumi</c> that
/// records every <c>pulumi up</c> with the weights of the stack file it applied and keeps the stack's tags.
/// </summary>
internal sealed class SimulatedWorld : IDisposable
{
    public const string Stack = "prod";
    public const string StackRef = "acme/prod";

    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    /// <summary>What a fake <c>up</c> adds to its log line: the weights of the stack file it applied, committed or not.</summary>
    private const string AppliedWeights = """ $(awk '/- name: /{name=$3} /^ *weight: /{printf "%s=%s ", name, $2}' "$cwd/Pulumi.prod.yaml")""";

    private readonly TempFolder _temp = new();

    private SimulatedWorld()
    {
        Pulumi = FakePulumi.Write(_temp.Path, AppliedWeights);
        Clock = new SimulatedClock(RolloutSimulations.LoopStart);
    }

    public string Pulumi { get; }

    public SimulatedClock Clock { get; }

    public string Origin => _temp.Combine("origin.git");

    public string Checkout => _temp.Combine("loop");

    public string People => _temp.Combine("people");

    public IReadOnlyList<string> Log => File.Exists(_temp.Combine("pulumi.log")) ? File.ReadAllLines(_temp.Combine("pulumi.log")) : [];

    /// <summary>The canary's weight in every <c>pulumi up</c>, in order.</summary>
    public IReadOnlyList<int> CanaryWeightsDeployed =>
        [.. Log.Where(line => line.StartsWith("up ", StringComparison.Ordinal)).Select(line => int.Parse(line.Split(' ').Single(w => w.StartsWith("v2=", StringComparison.Ordinal))[3..], CultureInfo.InvariantCulture))];

    public string? Tag(string name) => File.Exists(_temp.Combine("tags", name)) ? File.ReadAllText(_temp.Combine("tags", name)) : null;

    public void SetTag(string name, string value) => File.WriteAllText(_temp.Combine("tags", name), value);

    /// <summary>Origin with one commit: the project and prod's stack with v2 at 10%, deployed (tags set) and live since <see cref="RolloutSimulations.LiveAtStart"/>.</summary>
    public static async Task<SimulatedWorld> CreateAsync(string ns)
    {
        var world = new SimulatedWorld();
        await Git(world._temp.Path, "init", "--quiet", "--bare", "--initial-branch=main", world.Origin);
        await Git(world._temp.Path, "clone", "--quiet", world.Origin, world.People);
        await Identify(world.People);
        File.WriteAllText(Path.Combine(world.People, "Pulumi.yaml"), "name: frontend\nruntime: dotnet\n");
        File.WriteAllText(Path.Combine(world.People, $"Pulumi.{Stack}.yaml"), StackFile(ns, 90, 10));
        File.WriteAllText(Path.Combine(world.People, "README.md"), "frontend\n");
        await Git(world.People, "add", "--all");
        await Git(world.People, "commit", "--quiet", "-m", "prod: start v2 at 10%");
        await Git(world.People, "push", "--quiet", "origin", "HEAD:main");
        await Git(world._temp.Path, "clone", "--quiet", world.Origin, world.Checkout);
        await Identify(world.Checkout);
        world.SetTag(StackTags.DeployedCommit, (await Git(world.People, "rev-parse", "HEAD")).Trim());
        world.SetTag(StackTags.DeployedAt, RolloutSimulations.LiveAtStart.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        return world;
    }

    /// <summary>prod's canary plan, judged every minute over 5 minutes, rolled back after 3 failed intervals.</summary>
    public static string StackFile(string ns, int v1Weight, int v2Weight) => $"""
        config:
          frontend:cluster:
            context: acme-prod
          frontend:namespace:
            name: {ns}
          frontend:versions:
            - name: v1
              image: ghcr.io/acme/frontend:1.4.2
              replicas: 3
              weight: {v1Weight}
            - name: v2
              image: ghcr.io/acme/frontend:1.5.0
              replicas: 2
              weight: {v2Weight}
          frontend:mtls:
            mode: STRICT
          frontend:podDisruptionBudget:
            maxUnavailable: 1
          frontend:rollout:
            canary: v2
            stable: [v1]
            steps: [10, 25, 50, 100]
            analysis:
              window: 5m
              interval: 1m
              failureThreshold: 3
              minRequests: 100
              minSuccessRate: 99
              maxP99Latency: 500ms

        """;

    public RolloutLoop Loop(Uri prometheus, TextWriter log, TextWriter errors) => new(
        Stack,
        new GitStackRepository(Checkout),
        new SimulatedDeployment(new PulumiStackDeployment(StackRef, Checkout, Pulumi), Clock),
        Clock,
        prometheus,
        log,
        errors);

    /// <summary>A person's merge to main that changes the stack but no weight: v1 gets a fourth replica.</summary>
    public async Task MergeUnrelatedAsync()
    {
        await Git(People, "pull", "--quiet", "--rebase", "origin", "main");
        var file = Path.Combine(People, $"Pulumi.{Stack}.yaml");
        File.WriteAllText(file, File.ReadAllText(file).Replace("replicas: 3", "replicas: 4", StringComparison.Ordinal));
        await Git(People, "commit", "--quiet", "-am", "prod: a fourth v1 pod");
        await Git(People, "push", "--quiet", "origin", "HEAD:main");
    }

    /// <summary>The deploy workflow's run: deploy-in-order.sh up to origin's main, with the rollout tool as its gate.</summary>
    public async Task<ProcessRun> DeployMainAsync()
    {
        await Git(People, "pull", "--quiet", "--rebase", "origin", "main");
        var script = Path.Combine(RepositoryPaths.Root, ".github", "scripts", "deploy-in-order.sh");
        return await BoundedProcess.RunAsync(
            "bash",
            [script, Stack, StackRef, "HEAD"],
            People,
            new Dictionary<string, string?>
            {
                ["PATH"] = $"{Path.GetDirectoryName(Pulumi)}{Path.PathSeparator}{Environment.GetEnvironmentVariable("PATH")}",
                ["DEPLOY_PAUSE_SECONDS"] = "0",
                ["FRONTEND_CLI"] = Path.Combine(AppContext.BaseDirectory, "Frontend.Cli"),
                ["GITHUB_STEP_SUMMARY"] = null,
            },
            Limit);
    }

    public async Task<IReadOnlyList<string>> SubjectsAsync()
    {
        await Git(People, "pull", "--quiet", "--rebase", "origin", "main");
        return (await Git(People, "log", "--format=%s", "--reverse")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    public void Dispose() => _temp.Dispose();

    public static async Task<string> Git(string directory, params string[] arguments)
    {
        var run = await BoundedProcess.RunAsync("git", arguments, directory, new Dictionary<string, string?>(), Limit);
        return run.ExitCode == 0 ? run.Stdout : throw new InvalidOperationException($"git {string.Join(' ', arguments)} exited with {run.ExitCode}: {run.Stderr}");
    }

    private static async Task Identify(string checkout)
    {
        await Git(checkout, "config", "user.name", "rollout");
        await Git(checkout, "config", "user.email", "rollout@example.com");
    }
}
