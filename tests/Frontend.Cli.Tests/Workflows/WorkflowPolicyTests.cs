using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Frontend.Cli.Tests.Workflows;

/// <summary>What holds for every workflow: least privilege, pinned actions, no expressions in scripts.</summary>
public sealed partial class WorkflowPolicyTests
{
    public static TheoryData<string> WorkflowFiles => new() { "pr.yml", "deploy.yml", "rollout.yml" };

    [Theory]
    [MemberData(nameof(WorkflowFiles))]
    public void Permissions_WorkflowLevel_GrantNothing(string file)
    {
        var workflow = Workflow.Load(file);

        // A job without its own permissions inherits these, so they must be the empty set.
        var permissions = Assert.IsType<YamlMappingNode>(workflow.Permissions);
        Assert.Empty(permissions.Children);
    }

    [Theory]
    [MemberData(nameof(WorkflowFiles))]
    public void Permissions_EveryJob_DeclaresItsOwn(string file)
    {
        var workflow = Workflow.Load(file);

        Assert.Empty(workflow.Jobs.Where(job => job.Permissions is null).Select(job => job.Id));
    }

    [Theory]
    [MemberData(nameof(WorkflowFiles))]
    public void Uses_EveryAction_PinnedToAMajorVersionTag(string file)
    {
        var workflow = Workflow.Load(file);

        var unpinned = workflow.Jobs.SelectMany(job => job.Uses).Where(uses => !MajorVersionTag().IsMatch(uses));

        Assert.Empty(unpinned);
    }

    [Theory]
    [MemberData(nameof(WorkflowFiles))]
    public void Scripts_Everywhere_InterpolateNoExpressions(string file)
    {
        var workflow = Workflow.Load(file);

        // GitHub pastes ${{ }} into the script's text before the shell or Node parses it, so a branch name
        // or a title could become code; values reach scripts through env instead.
        var interpolating = workflow.Jobs
            .SelectMany(job => job.Scripts.Select(script => (job.Id, script)))
            .Where(pair => pair.script.Contains("${{", StringComparison.Ordinal))
            .Select(pair => pair.Id);

        Assert.Empty(interpolating);
    }

    [GeneratedRegex(@"^[A-Za-z0-9_.-]+/[A-Za-z0-9_./-]+@v[0-9]+$")]
    private static partial Regex MajorVersionTag();
}
