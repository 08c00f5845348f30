namespace Frontend.Cli.Tests.Workflows;

/// <summary>
/// pr.yml runs code anyone with a branch can write: it may see only the `preview` environment's read-only
/// secrets, and only the comment jobs, which run none of that code, may write to the pull request.
/// </summary>
public sealed class PullRequestWorkflowTests
{
    private static readonly string[] PreviewSecrets = ["PREVIEW_KUBECONFIG_DEV", "PREVIEW_KUBECONFIG_PROD", "PREVIEW_PULUMI_ACCESS_TOKEN"];

    private readonly Workflow _workflow = Workflow.Load("pr.yml");

    [Fact]
    public void Triggers_PullRequestOnly_NeverPullRequestTarget()
    {
        // pull_request_target and workflow_run run with the base repository's secrets and a writable token.
        Assert.Equal(["pull_request"], _workflow.Triggers);
    }

    [Fact]
    public void Secrets_JobsRunningThePullRequestsCode_OnlyPreviewOnesAndTheToken()
    {
        var allowed = PreviewSecrets.Append("GITHUB_TOKEN").ToHashSet(StringComparer.Ordinal);

        var leaks = _workflow.Jobs
            .Where(job => job.RunsRepositoryCode)
            .SelectMany(job => job.Secrets.Where(secret => !allowed.Contains(secret)).Select(secret => $"{job.Id}: {secret}"));

        Assert.Empty(leaks);
    }

    [Fact]
    public void Secrets_AnyJobThatReadsOne_RunsInThePreviewEnvironment()
    {
        var outside = _workflow.Jobs
            .Where(job => job.Secrets.Any(secret => secret != "GITHUB_TOKEN") && job.Environment != "preview")
            .Select(job => job.Id);

        Assert.Empty(outside);
    }

    [Fact]
    public void Secrets_PreviewJob_ReadsEachPreviewSecretThroughItsMatrix()
    {
        // Proves the secret reader resolves secrets[matrix.kubeconfig]: were it blind to it, the two
        // policies above would pass on any secret read that way.
        Assert.Equal(PreviewSecrets, _workflow.Job("preview").Secrets);
    }

    [Fact]
    public void RefusedChanges_RenderJobsRefusals_FailThePullRequestWithoutRunningItsCode()
    {
        var gate = _workflow.Job("refused-changes");

        Assert.Equal(["render"], gate.Needs);
        Assert.False(gate.RunsRepositoryCode);
        Assert.Contains(gate.RunScripts, script => script.Contains("rendered/refused.txt", StringComparison.Ordinal) && script.Contains("exit 1", StringComparison.Ordinal));
        Assert.Contains(_workflow.Job("render").RunScripts, script => script.Contains("|| echo \"$stack\" >> ../rendered/refused.txt", StringComparison.Ordinal));
    }

    [Fact]
    public void RunsRepositoryCode_TestRenderAndPreview_AreRecognised()
    {
        var running = _workflow.Jobs.Where(job => job.RunsRepositoryCode).Select(job => job.Id).ToList();

        Assert.Contains("test", running);
        Assert.Contains("render", running);
        Assert.Contains("preview", running);
    }

    [Fact]
    public void Permissions_JobsRunningThePullRequestsCode_ReadContentsAtMost()
    {
        var wider = _workflow.Jobs
            .Where(job => job.RunsRepositoryCode)
            .Where(job => job.Permissions is not YamlDotNet.RepresentationModel.YamlMappingNode scopes
                || scopes.Children.Any(scope => Workflow.Scalar(scope.Key) != "contents" || Workflow.Scalar(scope.Value) != "read"))
            .Select(job => job.Id);

        Assert.Empty(wider);
    }

    [Fact]
    public void Permissions_WriteGrants_OnlyPullRequestsOnTheCommentJobs()
    {
        var grants = _workflow.Jobs
            .Where(job => job.WriteGrants.Count > 0)
            .Select(job => $"{job.Id}: {string.Join(", ", job.WriteGrants)}");

        Assert.Equal(["comment: pull-requests: write", "preview-comment: pull-requests: write"], grants);
    }

    [Fact]
    public void Steps_JobsThatMayWrite_CheckOutAndRunNothing()
    {
        // Without a checkout there is no pull-request code on the runner; without run steps nothing
        // executes but the actions named, whose scripts live in this file.
        var writers = _workflow.Jobs.Where(job => job.WriteGrants.Count > 0).ToList();

        Assert.NotEmpty(writers);
        Assert.All(writers, job =>
        {
            Assert.False(job.RunsRepositoryCode, $"{job.Id} checks out or runs the pull request's code");
            Assert.Empty(job.RunScripts);
            Assert.All(job.Uses, uses => Assert.Matches("^actions/(download-artifact|github-script)@", uses));
            Assert.Null(job.Environment);
        });
    }
}
