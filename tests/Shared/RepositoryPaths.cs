using System.Reflection;

namespace Frontend.Tests;

/// <summary>
/// The repository (the folder holding Infra.sln, found from the test assembly's folder) and Istio's CRD
/// bundle, which the build finds or downloads (tests/Shared/IstioCrdBundle.targets). Compiled into every
/// test project.
/// </summary>
internal static class RepositoryPaths
{
    private const string IstioCrdBundleKey = "IstioCrdBundle";

    public static string Root { get; } = FindRoot();

    /// <summary>
    /// The bundle the build resolved and verified. Missing throws rather than skips: a test that silently
    /// stops validating against the schema would pass while proving nothing.
    /// </summary>
    public static string IstioCrdBundle
    {
        get
        {
            var path = typeof(RepositoryPaths).Assembly
                .GetCustomAttributes<AssemblyMetadataAttribute>()
                .SingleOrDefault(attribute => attribute.Key == IstioCrdBundleKey)?.Value;

            if (string.IsNullOrEmpty(path))
            {
                throw new InvalidOperationException(
                    $"{typeof(RepositoryPaths).Assembly.GetName().Name} was built without Istio's CRD bundle (no AssemblyMetadata " +
                    $"'{IstioCrdBundleKey}'). Build it with dotnet build or dotnet test, which run tests/Shared/IstioCrdBundle.targets: " +
                    "it takes ISTIO_CRD_BUNDLE, else ../shared/istio beside the repository, else downloads the pinned release.");
            }

            if (!File.Exists(path))
            {
                throw new FileNotFoundException(
                    $"Istio's CRD bundle {path}, found when the tests were built, is gone. Rebuild the tests to find or " +
                    "download it again, or set ISTIO_CRD_BUNDLE to a copy.",
                    path);
            }

            return path;
        }
    }

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
