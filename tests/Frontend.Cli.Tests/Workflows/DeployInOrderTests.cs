namespace Frontend.Cli.Tests.Workflows;

/// <summary>
/// .github/scripts/deploy-in-order.sh against a throwaway repository and a fake pulumi: one `pulumi up` per
/// commit that matters, oldest first, the stack's deployed-commit tag moved after each success only.
/// </summary>
public sealed class DeployInOrderTests : IAsyncLifetime
{
    private const string Stack = DeploySandbox.StackRef;

    private DeploySandbox _sandbox = null!;

    public async Task InitializeAsync() => _sandbox = await DeploySandbox.CreateAsync();

    public Task DisposeAsync()
    {
        _sandbox.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Deploy_NoTag_DeploysTheTargetAloneAndWarns()
    {
        await _sandbox.CommitAsync("change the program", ("infra/Stack.cs", "// v2\n"));
        var target = await _sandbox.CommitAsync("change dev's config", ("Pulumi.dev.yaml", "config: {replicas: 2}\n"));

        var run = await _sandbox.DeployAsync(target);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal([$"up {Stack} {target}", $"tag set {Stack} deployed-commit {target}"], _sandbox.Changes);
        Assert.Equal(1, _sandbox.DeployedAtStamps);
        Assert.Contains("::warning::dev: the stack has no 'deployed-commit' tag", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deploy_NoTagAndTheTargetOnlyChangesDocs_StillDeploysTheTarget()
    {
        // Without a tag nobody knows what the stack runs, so the target's own diff cannot say it is current.
        await _sandbox.CommitAsync("change the program", ("infra/Stack.cs", "// v2\n"));
        var target = await _sandbox.CommitAsync("docs", ("docs/guide.md", "# Guide\n"));

        var run = await _sandbox.DeployAsync(target);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal([$"up {Stack} {target}", $"tag set {Stack} deployed-commit {target}"], _sandbox.Changes);
    }

    [Fact]
    public async Task Deploy_ThreeCommitsOneOnlyDocs_UpsTheOtherTwoOldestFirstMovingTheTagAfterEach()
    {
        _sandbox.DeployedCommit = (await _sandbox.GitAsync("rev-parse", "HEAD")).Trim();
        var first = await _sandbox.CommitAsync("weight 0 for v1", ("Pulumi.dev.yaml", "config: {v1: 0}\n"));
        await _sandbox.CommitAsync("docs", ("README.md", "# Frontend\n"), ("docs/guide.md", "# Guide\n"));
        var third = await _sandbox.CommitAsync("remove v1", ("infra/Stack.cs", "// v2 only\n"));

        var run = await _sandbox.DeployAsync(third);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            [
                $"up {Stack} {first}", $"tag set {Stack} deployed-commit {first}",
                $"up {Stack} {third}", $"tag set {Stack} deployed-commit {third}",
            ],
            _sandbox.Changes);
    }

    [Fact]
    public async Task Deploy_LastCommitOnlyChangesOtherStacks_TagMovesToTheTargetWithoutAnUp()
    {
        _sandbox.DeployedCommit = (await _sandbox.GitAsync("rev-parse", "HEAD")).Trim();
        var first = await _sandbox.CommitAsync("change the program", ("infra/Stack.cs", "// v2\n"));
        var target = await _sandbox.CommitAsync("change prod's config", ("Pulumi.prod.yaml", "config: {replicas: 3}\n"));

        var run = await _sandbox.DeployAsync(target);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            [$"up {Stack} {first}", $"tag set {Stack} deployed-commit {first}", $"tag set {Stack} deployed-commit {target}"],
            _sandbox.Changes);
    }

    [Fact]
    public async Task Deploy_SecondUpFails_StopsNonZeroWithTheTagAtTheFirst()
    {
        _sandbox.DeployedCommit = (await _sandbox.GitAsync("rev-parse", "HEAD")).Trim();
        var first = await _sandbox.CommitAsync("one", ("infra/Stack.cs", "// one\n"));
        var second = await _sandbox.CommitAsync("two", ("infra/Stack.cs", "// two\n"));
        var third = await _sandbox.CommitAsync("three", ("infra/Stack.cs", "// three\n"));
        _sandbox.FailUpAt(second);

        var run = await _sandbox.DeployAsync(third);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Equal([$"up {Stack} {first}", $"tag set {Stack} deployed-commit {first}", $"up {Stack} {second}"], _sandbox.Changes);
        Assert.Equal(first, _sandbox.DeployedCommit);
    }

    [Fact]
    public async Task Deploy_TagOnABranchMainNeverMerged_StopsWithAMessageAndDeploysNothing()
    {
        await _sandbox.GitAsync("switch", "--quiet", "--create", "experiment");
        var experiment = await _sandbox.CommitAsync("experiment", ("infra/Stack.cs", "// experiment\n"));
        await _sandbox.GitAsync("switch", "--quiet", "main");
        var target = await _sandbox.CommitAsync("on main", ("infra/Stack.cs", "// main\n"));
        _sandbox.DeployedCommit = experiment;

        var run = await _sandbox.DeployAsync(target);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains($"::error::dev: the stack's deployed-commit ({experiment}) is not an ancestor of {target}", run.Stdout, StringComparison.Ordinal);
        Assert.Empty(_sandbox.Changes);
    }

    [Fact]
    public async Task Deploy_TagUnknownToTheRepository_StopsWithAMessageAndDeploysNothing()
    {
        var target = await _sandbox.CommitAsync("on main", ("infra/Stack.cs", "// main\n"));
        var unknown = new string('1', 40);
        _sandbox.DeployedCommit = unknown;

        var run = await _sandbox.DeployAsync(target);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains($"::error::dev: the stack's deployed-commit ({unknown}) is not in this repository's history", run.Stdout, StringComparison.Ordinal);
        Assert.Empty(_sandbox.Changes);
    }

    [Fact]
    public async Task Deploy_TagAtTheTarget_RunsNoUp()
    {
        var target = await _sandbox.CommitAsync("on main", ("infra/Stack.cs", "// main\n"));
        _sandbox.DeployedCommit = target;

        var run = await _sandbox.DeployAsync(target);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal([$"tag ls {Stack}"], _sandbox.PulumiCalls);
    }

    [Fact]
    public async Task Deploy_TargetOlderThanTheTag_RunsNoUpAndLeavesTheTag()
    {
        // A re-run of an old run must not roll the stack back.
        var old = await _sandbox.CommitAsync("old", ("infra/Stack.cs", "// old\n"));
        var current = await _sandbox.CommitAsync("current", ("infra/Stack.cs", "// current\n"));
        _sandbox.DeployedCommit = current;

        var run = await _sandbox.DeployAsync(old);

        Assert.Equal(0, run.ExitCode);
        Assert.Empty(_sandbox.Changes);
        Assert.Equal(current, _sandbox.DeployedCommit);
    }
}
