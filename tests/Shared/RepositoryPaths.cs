namespace Frontend.Tests;

/// <summary>
/// The repository (the folder holding Infra.sln, found from the test assembly's folder) and the shared
/// Istio CRD bundle beside it, laid out as CI lays them out. Compiled into every test project.
/// </summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string IstioCrdBundle { get; } =
        Path.GetFullPath(Path.Combine(Root, "..", "shared", "istio", "customresourcedefinitions-1.30.3.yaml"));

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
