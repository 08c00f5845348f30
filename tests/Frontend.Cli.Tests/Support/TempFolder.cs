namespace Frontend.Cli.Tests.Support;

/// <summary>A fresh folder under the system temp folder, deleted with everything in it on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"frontend-cli-tests-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>A Pulumi project named frontend (as the repository's Pulumi.yaml) with one stack file.</summary>
    public string WriteProject(string stack, string stackFileYaml, string projectConfigYaml = "")
    {
        var project = Combine("project");
        Directory.CreateDirectory(project);
        File.WriteAllText(System.IO.Path.Combine(project, "Pulumi.yaml"), "name: frontend\nruntime: dotnet\n" + projectConfigYaml);
        File.WriteAllText(System.IO.Path.Combine(project, $"Pulumi.{stack}.yaml"), stackFileYaml);
        return project;
    }

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
