using YamlDotNet.RepresentationModel;

namespace Frontend.Cli.Tests.Workflows;

/// <summary>
/// deploy.yml deploys from main only, each stack in its own environment, one run at a time, never
/// cancelling a deploy under way.
/// </summary>
public sealed class DeployWorkflowTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    private readonly Workflow _workflow = Workflow.Load("deploy.yml");

    private IEnumerable<WorkflowJob> DeployJobs =>
        _workflow.Jobs.Where(job => job.Environment is not null || job.Secrets.Count > 0);

    [Fact]
    public void Triggers_PushToMainAndByHand_Only()
    {
        var push = Workflow.Child(_workflow.Root, "on") is { } on ? Workflow.Child(on, "push") : null;
        var branches = push is null ? null : Workflow.Child(push, "branches") as YamlSequenceNode;

        Assert.Equal(["push", "workflow_dispatch"], _workflow.Triggers);
        Assert.NotNull(branches);
        Assert.Equal(["main"], branches.Children.Select(Workflow.Scalar));
    }

    [Fact]
    public void Environments_UpDevAndUpProd_DevThenProd()
    {
        Assert.Equal(["up-dev: dev", "up-prod: prod"], DeployJobs.Select(job => $"{job.Id}: {job.Environment}"));
        Assert.Contains("up-dev", _workflow.Job("up-prod").Needs);
    }

    [Fact]
    public void Needs_EveryDeployJob_WaitsForMainOnly()
    {
        var unguarded = DeployJobs.Where(job => !_workflow.AllNeeds(job).Contains("main-only")).Select(job => job.Id);

        Assert.Empty(unguarded);
    }

    [Fact]
    public void If_DeployJobsAndTheJobsTheyNeed_NeverRunPastAFailedCheck()
    {
        // always() or failure() anywhere on the way from main-only to a deploy would run the deploy after
        // main-only failed.
        var bypassing = DeployJobs
            .SelectMany(job => _workflow.AllNeeds(job).Select(_workflow.Job).Append(job))
            .Where(job => job.RunsDespiteFailedNeeds)
            .Select(job => job.Id)
            .Distinct();

        Assert.Empty(bypassing);
    }

    [Fact]
    public void Secrets_DeployCredentials_ReadOnlyInsideTheDevAndProdEnvironments()
    {
        var outside = _workflow.Jobs
            .Where(job => job.Secrets.Any(secret => secret != "GITHUB_TOKEN") && job.Environment is not ("dev" or "prod"))
            .Select(job => job.Id);

        Assert.Empty(outside);
        Assert.Equal(["KUBECONFIG", "PULUMI_ACCESS_TOKEN"], _workflow.Job("up-prod").Secrets);
    }

    [Fact]
    public void Permissions_EveryJob_GrantsNoWrite()
    {
        Assert.Empty(_workflow.Jobs.Where(job => job.WriteGrants.Count > 0).Select(job => job.Id));
    }

    [Fact]
    public void Concurrency_OneFixedGroup_NeverCancelsARunningDeploy()
    {
        var concurrency = Assert.IsType<YamlMappingNode>(_workflow.Concurrency);

        // A group built from an expression (the ref, the run) would let two deploys run side by side.
        Assert.Equal("deploy", Workflow.Scalar(Workflow.Child(concurrency, "group")!));
        Assert.Equal("false", Workflow.Scalar(Workflow.Child(concurrency, "cancel-in-progress")!));
        Assert.Empty(_workflow.Jobs.Where(job => Workflow.Child(job.Node, "concurrency") is not null).Select(job => job.Id));
    }

    [Fact]
    public void Run_DeployJobs_DeployTheStackOfTheirOwnEnvironment()
    {
        // The script's first argument picks Pulumi.<stack>.yaml: prod's job must not deploy dev's config.
        Assert.All(DeployJobs, job => Assert.Single(
            job.RunScripts.SelectMany(script => script.Split('\n')),
            line => line.Contains($".github/scripts/deploy-in-order.sh {job.Environment} ", StringComparison.Ordinal)));
    }

    [Fact]
    public void Run_DeployJobs_GiveTheScriptTheRolloutToolForHeldCanaries()
    {
        // Without FRONTEND_CLI the script refuses to deploy while a rollback holds a canary.
        Assert.All(DeployJobs, job => Assert.Single(
            job.RunScripts.SelectMany(script => script.Split('\n')),
            line => line.StartsWith("FRONTEND_CLI=\"$RUNNER_TEMP/cli/Frontend.Cli\" .github/scripts/deploy-in-order.sh ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task MainOnly_RunOnAnotherBranch_Fails()
    {
        var run = await RunMainOnly("refs/heads/feature");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("::error::deploy runs from main only", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MainOnly_RunOnATagNamedMain_Fails()
    {
        var run = await RunMainOnly("refs/tags/main");

        Assert.NotEqual(0, run.ExitCode);
    }

    [Fact]
    public async Task MainOnly_RunOnMain_Passes()
    {
        var run = await RunMainOnly("refs/heads/main");

        Assert.Equal(0, run.ExitCode);
    }

    [Fact]
    public async Task DeployScript_InTheIndex_IsExecutable()
    {
        // The deploy jobs run the script by its path, which needs the executable bit as git stores it.
        var run = await BoundedProcess.RunAsync(
            "git", ["ls-files", "--stage", "--", ".github/scripts/deploy-in-order.sh"], RepositoryPaths.Root, new Dictionary<string, string?>(), Limit);

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("100755 ", run.Stdout, StringComparison.Ordinal);
    }

    /// <summary>Runs main-only's script as GitHub runs a bash step: <c>bash --noprofile --norc -eo pipefail</c>.</summary>
    private async Task<ProcessRun> RunMainOnly(string gitHubRef)
    {
        var script = Assert.Single(_workflow.Job("main-only").RunScripts);
        return await BoundedProcess.RunAsync(
            "bash",
            ["--noprofile", "--norc", "-eo", "pipefail", "-c", script],
            RepositoryPaths.Root,
            new Dictionary<string, string?> { ["GITHUB_REF"] = gitHubRef },
            Limit);
    }
}
