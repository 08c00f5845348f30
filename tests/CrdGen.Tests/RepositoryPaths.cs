namespace CrdGen.Tests;

/// <summary>Paths of the repository and of the shared Istio bundle, found from the test assembly's folder.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string GeneratedFolder => Path.Combine(Root, "crds", "Generated");

    public static string IstioBundle => Path.GetFullPath(Path.Combine(Root, "..", "shared", "istio", "customresourcedefinitions-1.30.3.yaml"));

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Directory.Packages.props"))
                && Directory.Exists(Path.Combine(folder.FullName, "tools", "CrdGen")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No repository root above {AppContext.BaseDirectory}.");
    }
}
