namespace Frontend.Infra.Tests.Testing;

/// <summary>The repository (the folder with Infra.sln) and ../shared beside it, as CI lays them out.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string IstioCrdBundle => Path.Combine(Root, "..", "shared", "istio", "customresourcedefinitions-1.30.3.yaml");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Infra.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Infra.sln above {AppContext.BaseDirectory}.");
    }
}
