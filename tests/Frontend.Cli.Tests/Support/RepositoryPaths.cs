namespace Frontend.Cli.Tests.Support;

/// <summary>The repository (the folder with Infra.sln, found from the test assembly's folder) and the shared Istio bundle beside it.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string IstioBundle => Directory
        .EnumerateFiles(Path.GetFullPath(Path.Combine(Root, "..", "shared", "istio")), "customresourcedefinitions-*.yaml")
        .Order(StringComparer.Ordinal)
        .Last();

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Infra.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No Infra.sln in {AppContext.BaseDirectory} or above it.");
    }
}
