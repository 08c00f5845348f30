using Frontend.Cli;
using Frontend.Infra.Configuration;
using Frontend.Infra.Tests.Testing;

namespace Frontend.Infra.Tests.BadInput;

/// <summary>
/// Every bad stack file in <c>BadInput/Cases</c> goes the two ways a person's config reaches the program:
/// through PULUMI_CONFIG as the Pulumi CLI passes it, and through <c>render</c>. Both must give exactly the
/// expected messages, one per problem, and neither may declare or write anything.
/// </summary>
public sealed class BadInputTests : IDisposable
{
    private readonly string _scratch = Path.Combine(Path.GetTempPath(), $"frontend-bad-input-{Guid.NewGuid():N}");

    public static TheoryData<string> Cases => [.. BadInputCase.Names];

    [Fact]
    public void Cases_Folder_HoldsAtLeastFortyCasesEachWithExpectedMessages()
    {
        var cases = BadInputCase.Names.Select(name => new BadInputCase(name)).ToList();

        var withoutExpectations = cases.Where(c => c.ExpectedMessages.Count == 0).Select(c => c.Name);

        Assert.True(cases.Count >= 40, $"only {cases.Count} bad-input cases");
        Assert.Empty(withoutExpectations);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Run_BadStackFile_FailsWithTheExpectedMessagesAndDeclaresNothing(string name)
    {
        var badCase = new BadInputCase(name);
        var project = badCase.WriteProject(Path.Combine(_scratch, "project"));
        var mocks = new RecordingMocks();

        var messages = await BadInputCase.MessagesAsync(project, name, mocks);

        if (BadInputCase.Updating)
        {
            badCase.WriteExpected(messages);
        }

        Assert.Equal(badCase.ExpectedMessages, messages);
        Assert.Empty(mocks.Registered);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Render_BadStackFile_ExitsNonZeroWritesNothingAndPrintsTheMessages(string name)
    {
        var badCase = new BadInputCase(name);
        var project = badCase.WriteProject(Path.Combine(_scratch, "project"));
        var output = Path.Combine(_scratch, "rendered");
        using var stdout = new StringWriter { NewLine = "\n" };
        using var stderr = new StringWriter { NewLine = "\n" };

        var exitCode = await CommandLine.RunAsync(["render", name, "--out", output, "--project-dir", project], stdout, stderr);

        Assert.Equal(ExitCodes.Failed, exitCode);
        Assert.False(Directory.Exists(output), $"render created {output}");
        Assert.Equal(badCase.ExpectedMessages, ReportedMessages(stderr.ToString(), project));
    }

    public void Dispose()
    {
        if (Directory.Exists(_scratch))
        {
            Directory.Delete(_scratch, recursive: true);
        }
    }

    /// <summary>
    /// Render prints a heading and then each problem indented by two spaces; a stack file it cannot read is one
    /// <c>error:</c> line.
    /// </summary>
    private static List<string> ReportedMessages(string stderr, string project)
    {
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var problems = lines.Where(line => line.StartsWith("  ", StringComparison.Ordinal)).Select(line => line[2..]).ToList();
        return problems.Count > 0
            ? problems
            : [.. lines.Select(line => line.StartsWith("error: ", StringComparison.Ordinal) ? line["error: ".Length..] : line)
                .Select(line => line.Replace(project, BadInputCase.ProjectPlaceholder, StringComparison.Ordinal))];
    }
}
