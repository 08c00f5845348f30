using System.Net;
using System.Net.Sockets;
using Frontend.Cli.Tests.Support;

namespace Frontend.Cli.Tests.Rollout;

/// <summary>The rollout verbs where no metrics are needed, or none can be had.</summary>
public sealed class RolloutCommandTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Promote_UnreachablePrometheus_WritesNothingAndExitsFive()
    {
        var stackFile = RolloutStacks.TwoVersions("healthy");
        var project = _temp.WriteProject(RolloutStacks.Stack, stackFile);
        var closed = $"http://127.0.0.1:{ClosedPort()}/";

        var run = await CliRun.Of("rollout", "promote", RolloutStacks.Stack, "--prometheus", closed, "--time", "1736942400", "--deployed-at", "1736942100", "--project-dir", project);

        Assert.Equal(5, run.ExitCode);
        Assert.StartsWith($"error: Prometheus at {closed} is unreachable: Connection refused", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("Decision: **no decision, nothing written** (exit code 5)", run.Stdout, StringComparison.Ordinal);
        Assert.Equal(stackFile, RolloutStacks.Read(project));
    }

    [Fact]
    public async Task Promote_WithoutDeployedAt_IsAUsageErrorThatWritesNothing()
    {
        var stackFile = RolloutStacks.TwoVersions("healthy");
        var project = _temp.WriteProject(RolloutStacks.Stack, stackFile);

        var run = await CliRun.Of("rollout", "promote", RolloutStacks.Stack, "--prometheus", "http://127.0.0.1:9/", "--project-dir", project);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: --deployed-at is required: a decision judges only traffic from after the current weights went live", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(stackFile, RolloutStacks.Read(project));
    }

    [Fact]
    public async Task Promote_CanaryAtZero_IsHeldWritesNothingAndExitsZero()
    {
        var stackFile = RolloutStacks.TwoVersions("healthy", v1Weight: 100, v2Weight: 0);
        var project = _temp.WriteProject(RolloutStacks.Stack, stackFile);

        var run = await CliRun.Of("rollout", "promote", RolloutStacks.Stack, "--deployed-at", "1736942100", "--project-dir", project);

        Assert.Equal((0, stackFile), (run.ExitCode, RolloutStacks.Read(project)));
        Assert.Contains("Decision: **held at 0%, nothing to promote** (exit code 0): v2 has weight 0 (rolled back, finished, or not started), so it has no traffic to judge; nothing raises it but a person.", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rollback_CanaryAtTwentyFive_WritesTheRollbackAndExitsZero()
    {
        var project = _temp.WriteProject(RolloutStacks.Stack, RolloutStacks.TwoVersions("healthy", v1Weight: 75, v2Weight: 25));

        var run = await CliRun.Of("rollout", "rollback", RolloutStacks.Stack, "--project-dir", project);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(RolloutStacks.TwoVersions("healthy", v1Weight: 100, v2Weight: 0), RolloutStacks.Read(project));
    }

    [Fact]
    public async Task Rollback_TestersCookieValueIsASecret_WritesTheRollbackWithoutCheckingTheSecretsFormat()
    {
        // Offline, a secure value arrives as a placeholder whose format cannot be checked: render accepts it, and so must rollout.
        const string SecretTesters = """
              frontend:routing:
                matches:
                  - name: testers
                    cookie:
                      name: canary
                      value:
                        secure: AAABAKx1c2VyLXNlY3JldA==
                    version: v2
            """;
        var project = _temp.WriteProject(RolloutStacks.Stack, RolloutStacks.TwoVersions("healthy", v1Weight: 75, v2Weight: 25) + SecretTesters);

        var run = await CliRun.Of("rollout", "rollback", RolloutStacks.Stack, "--project-dir", project);

        Assert.Equal("", run.Stderr);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(RolloutStacks.TwoVersions("healthy", v1Weight: 100, v2Weight: 0) + SecretTesters, RolloutStacks.Read(project));
    }

    [Fact]
    public async Task Promote_StackWithoutPlan_ExitsOneWithTheFix()
    {
        var project = _temp.WriteProject("dev", StackYaml.TwoVersions());

        var run = await CliRun.Of("rollout", "promote", "dev", "--project-dir", project);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("error: stack 'dev' has no rollout plan (frontend:rollout); weights change only by hand. Fix: pulumi config set --path 'rollout.canary' v2 --stack dev && pulumi config set --path 'rollout.stable[0]' v1 --stack dev\n", run.Stderr);
    }

    [Fact]
    public async Task Promote_InvalidPlan_ExitsOneWithTheProblem()
    {
        var project = _temp.WriteProject(RolloutStacks.Stack, RolloutStacks.TwoVersions("healthy").Replace("canary: v2", "canary: v9", StringComparison.Ordinal));

        var run = await CliRun.Of("rollout", "promote", RolloutStacks.Stack, "--project-dir", project);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("error: stack 'staging' was refused (1 problem); nothing was written:\n  frontend:rollout.canary = \"v9\": must name one of the stack's versions (v1, v2). Fix: pulumi config set --path 'rollout.canary' v2 --stack staging\n", run.Stderr);
    }

    [Fact]
    public async Task Promote_NoPrometheusAddress_IsAUsageError()
    {
        var project = _temp.WriteProject(RolloutStacks.Stack, RolloutStacks.TwoVersions("healthy"));

        var run = await CliRun.Of("rollout", "promote", RolloutStacks.Stack, "--deployed-at", "1736942100", "--project-dir", project);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: no Prometheus address: give --prometheus <url> (or set frontend:rollout.analysis.prometheusUrl)\n", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2025-01-15T12:00:00")]
    [InlineData("yesterday")]
    public async Task Promote_TimeWithoutOffsetOrUnreadable_IsAUsageError(string time)
    {
        var project = _temp.WriteProject(RolloutStacks.Stack, RolloutStacks.TwoVersions("healthy"));

        var run = await CliRun.Of("rollout", "promote", RolloutStacks.Stack, "--prometheus", "http://127.0.0.1:9/", "--time", time, "--deployed-at", "1736942100", "--project-dir", project);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"error: --time {time}: not a time; give RFC 3339 with an offset (2025-01-15T12:00:00Z) or Unix seconds (1736942400)\n", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rollout_WithoutVerb_IsAUsageError()
    {
        var run = await CliRun.Of("rollout");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: rollout needs a verb: run, gate, status, promote or rollback\n", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rollout_MisspeltVerb_SuggestsTheVerb()
    {
        var run = await CliRun.Of("rollout", "promte", "prod");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: unknown rollout verb 'promte': did you mean 'promote'?\n", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rollback_PrometheusOption_IsAUsageError()
    {
        var run = await CliRun.Of("rollout", "rollback", "prod", "--prometheus", "http://127.0.0.1:9/");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: unknown option --prometheus (options here: --project-dir)\n", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Promote_BearerTokenInTheEnvironment_IsSentToPrometheus()
    {
        var project = _temp.WriteProject(RolloutStacks.Stack, RolloutStacks.TwoVersions("healthy"));
        var port = ClosedPort();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var seen = Task.Run(async () =>
        {
            var context = await listener.GetContextAsync();
            var authorization = context.Request.Headers["Authorization"];
            context.Response.StatusCode = 503;
            context.Response.Close();
            return authorization;
        });
        Environment.SetEnvironmentVariable("PROMETHEUS_BEARER_TOKEN", "s3cret");
        try
        {
            await CliRun.Of("rollout", "promote", RolloutStacks.Stack, "--prometheus", $"http://127.0.0.1:{port}/", "--time", "1736942400", "--deployed-at", "1736942100", "--project-dir", project);
        }
        finally
        {
            Environment.SetEnvironmentVariable("PROMETHEUS_BEARER_TOKEN", null);
        }

        Assert.Equal("Bearer s3cret", await seen);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
