namespace Frontend.Cli.Tests.Workflows;

/// <summary>rollout.yml: a person starts one loop per stack, which then runs alone, deploys with the stack's own environment, and pushes as an app.</summary>
public sealed class RolloutWorkflowTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    private readonly Workflow _workflow = Workflow.Load("rollout.yml");

    [Fact]
    public void Triggers_OnlyAPerson_NoSchedule()
    {
        // A scheduled run would start a rollout nobody approved, or a second loop beside a running one.
        Assert.Equal(["workflow_dispatch"], _workflow.Triggers);
    }

    [Fact]
    public void Run_UsesTheStacksOwnEnvironment_AfterTheMainOnlyCheck()
    {
        var run = _workflow.Job("run");

        Assert.Equal("${{ inputs.stack }}", run.Environment);
        Assert.Contains("main-only", run.Needs);
    }

    [Fact]
    public void Run_PushesWithAGitHubAppTokenWhenOneIsConfigured()
    {
        var run = _workflow.Job("run");

        Assert.Contains("actions/create-github-app-token@v1", run.Uses);
        Assert.Equal(["contents: write"], run.WriteGrants);
    }

    [Fact]
    public void Run_RunsTheLoopForTheChosenStack()
    {
        var run = _workflow.Job("run");

        Assert.Contains(run.RunScripts.SelectMany(script => script.Split('\n')), line => line.StartsWith("\"$RUNNER_TEMP/cli/Frontend.Cli\" rollout run \"$STACK\" ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PushIdentity_WithoutAnApp_SaysSoInRed()
    {
        var script = _workflow.Job("run").RunScripts.Single(s => s.Contains("APP_TOKEN", StringComparison.Ordinal));
        var summary = Path.GetTempFileName();
        try
        {
            var run = await BoundedProcess.RunAsync(
                "bash",
                ["--noprofile", "--norc", "-eo", "pipefail", "-c", script],
                RepositoryPaths.Root,
                new Dictionary<string, string?> { ["APP_TOKEN"] = "", ["GITHUB_STEP_SUMMARY"] = summary },
                Limit);

            Assert.StartsWith("::error::No GitHub App for rollout", run.Stdout, StringComparison.Ordinal);
            Assert.Contains("start no workflow", await File.ReadAllTextAsync(summary), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(summary);
        }
    }
}
