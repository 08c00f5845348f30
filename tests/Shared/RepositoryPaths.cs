using System.Reflection;

namespace Frontend.Tests;

/// <summary>
/// The repository (the folder holding Infra.sln, found from the test assembly's folder) and the CRD bundles the
/// build finds or downloads (tests/Shared/CrdBundles.targets): Istio's and the Gateway API's two channels.
/// Compiled into every test project.
/// </summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>
    /// Istio's CRD bundle as the build resolved and verified it. Missing throws rather than skips: a test that
    /// silently stops validating against the schema would pass while proving nothing.
    /// </summary>
    public static string IstioCrdBundle => Bundle("IstioCrdBundle", "Istio's CRD bundle", "ISTIO_CRD_BUNDLE", "../shared/istio");

    /// <summary>The Gateway API's standard-channel CRD bundle (standard-install.yaml), as the build resolved and verified it.</summary>
    public static string GatewayApiStandardBundle =>
        Bundle("GatewayApiStandardBundle", "the Gateway API's standard-channel CRD bundle", "GATEWAY_API_STANDARD_BUNDLE", "../shared/gateway-api");

    /// <summary>The Gateway API's experimental-channel CRD bundle (experimental-install.yaml), as the build resolved and verified it.</summary>
    public static string GatewayApiExperimentalBundle =>
        Bundle("GatewayApiExperimentalBundle", "the Gateway API's experimental-channel CRD bundle", "GATEWAY_API_EXPERIMENTAL_BUNDLE", "../shared/gateway-api");

    private static string Bundle(string key, string description, string variable, string sharedFolder)
    {
        var path = typeof(RepositoryPaths).Assembly
            .GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(attribute => attribute.Key == key)?.Value;

        if (string.IsNullOrEmpty(path))
        {
            throw new InvalidOperationException(
                $"{typeof(RepositoryPaths).Assembly.GetName().Name} was built without {description} (no AssemblyMetadata " +
                $"'{key}'). Build it with dotnet build or dotnet test, which run tests/Shared/CrdBundles.targets: " +
                $"it takes {variable}, else {sharedFolder} beside the repository, else downloads the pinned release.");
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"{char.ToUpperInvariant(description[0])}{description[1..]} {path}, found when the tests were built, is gone. Rebuild the tests to find or " +
                $"download it again, or set {variable} to a copy.",
                path);
        }

        return path;
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
