namespace Frontend.Analysis.Tests.Support;

/// <summary>Finds /work/shared-style files: the folder "shared" beside the repository root (the folder holding Infra.sln).</summary>
internal static class SharedFiles
{
    private static readonly Lazy<string> RepositoryRoot = new(FindRepositoryRoot);

    public static string IstioCrdBundle => Path.Combine(RepositoryRoot.Value, "..", "shared", "istio", "customresourcedefinitions-1.30.3.yaml");

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Infra.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no Infra.sln above {AppContext.BaseDirectory}");
    }
}
