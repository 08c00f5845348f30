using System.Text;
using Frontend.Cli.Stacks;
using Frontend.Infra.Configuration;
using Frontend.Infra.Tests.Testing;
using Pulumi;
using Pulumi.Testing;

namespace Frontend.Infra.Tests.BadInput;

/// <summary>
/// One bad stack file from <c>BadInput/Cases</c>: <c>&lt;name&gt;.yaml</c> is the stack file (its first line a comment
/// saying what is wrong) and <c>&lt;name&gt;.expected</c> holds the messages the program must give, one a line.
/// A case named <c>prod-*</c> is a production stack, as the program infers from the stack name.
/// </summary>
internal sealed record BadInputCase(string Name)
{
    /// <summary>Set to 1 to rewrite every .expected file from what the program says now; review the diff before committing.</summary>
    public const string UpdateVariable = "UPDATE_BAD_INPUT_EXPECTATIONS";

    /// <summary>Stands for the temporary project folder in expected messages about the stack file itself.</summary>
    public const string ProjectPlaceholder = "<project>";

    public static string Folder { get; } = Path.Combine(RepositoryPaths.Root, "tests", "Frontend.Infra.Tests", "BadInput", "Cases");

    public static IReadOnlyList<string> Names =>
        [.. Directory.EnumerateFiles(Folder, "*.yaml").Select(f => Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal)];

    public string StackFile => Path.Combine(Folder, $"{Name}.yaml");

    public string ExpectedFile => Path.Combine(Folder, $"{Name}.expected");

    public static bool Updating => Environment.GetEnvironmentVariable(UpdateVariable) == "1";

    public IReadOnlyList<string> ExpectedMessages =>
        File.Exists(ExpectedFile) ? [.. File.ReadAllLines(ExpectedFile, Encoding.UTF8).Where(line => line.Length > 0)] : [];

    public void WriteExpected(IEnumerable<string> messages) =>
        File.WriteAllText(ExpectedFile, string.Concat(messages.Select(m => m + "\n")), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));

    /// <summary>A project folder like the repository's: its Pulumi.yaml beside the case as <c>Pulumi.&lt;name&gt;.yaml</c>.</summary>
    public string WriteProject(string directory)
    {
        Directory.CreateDirectory(directory);
        File.Copy(Path.Combine(RepositoryPaths.Root, "Pulumi.yaml"), Path.Combine(directory, "Pulumi.yaml"));
        File.Copy(StackFile, Path.Combine(directory, $"Pulumi.{Name}.yaml"));
        return directory;
    }

    /// <summary>The PULUMI_CONFIG map the Pulumi CLI would build, or the reason it would refuse the file.</summary>
    public static (StackSettings? Settings, string? Refusal) Load(string projectDirectory, string stack)
    {
        try
        {
            return (StackFiles.Load(projectDirectory, stack), null);
        }
        catch (StackFileException e)
        {
            return (null, e.Message.Replace(projectDirectory, ProjectPlaceholder, StringComparison.Ordinal));
        }
    }

    /// <summary>
    /// What the program says of the stack file <paramref name="stack"/> in <paramref name="projectDirectory"/>, run as
    /// <c>pulumi preview</c> runs it (through PULUMI_CONFIG), or the reason the Pulumi CLI would refuse the file.
    /// </summary>
    public static async Task<IReadOnlyList<string>> MessagesAsync(string projectDirectory, string stack, RecordingMocks mocks)
    {
        var (settings, refusal) = Load(projectDirectory, stack);
        if (settings is null)
        {
            return [refusal!];
        }

        using var scope = new PulumiConfigScope(settings.Config);
        var error = await Record.ExceptionAsync(() => Deployment.TestAsync(
            mocks,
            new TestOptions { ProjectName = ConfigPath.Project, StackName = stack, IsPreview = true },
            FrontendStack.Run));
        return Refusal.MessagesOf(error);
    }

    public override string ToString() => Name;
}
