namespace Frontend.Analysis.Tests.CrdBundle;

/// <summary>
/// Runs one target of tests/Shared/CrdBundles.targets in a child <c>dotnet msbuild</c>, as the test projects' build
/// runs it, with a bounded wait.
/// </summary>
internal sealed record MsBuildRun(int ExitCode, string Output)
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    // Variables that would reach the targets from the developer's shell and change which bundle they pick,
    // or send the loopback requests through a proxy.
    private static readonly string[] ClearedVariables =
    [
        "ISTIO_CRD_BUNDLE", "ISTIO_CRD_CACHE", "GATEWAY_API_STANDARD_BUNDLE", "GATEWAY_API_EXPERIMENTAL_BUNDLE", "GATEWAY_API_CRD_CACHE",
        "XDG_CACHE_HOME", "HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy",
    ];

    public static string TargetsFile { get; } = Path.Combine(RepositoryPaths.Root, "tests", "Shared", "CrdBundles.targets");

    /// <summary>ResolveCrdBundle for one bundle; the output is the resolved path, or the build's messages when it fails.</summary>
    public static Task<MsBuildRun> ResolveAsync(string bundle, IReadOnlyDictionary<string, string> properties, IReadOnlyDictionary<string, string>? environment = null) =>
        RunAsync(["-t:ResolveCrdBundle", "-getProperty:ResolvedCrdBundle", $"-p:CrdBundle={bundle}"], properties, environment);

    /// <summary>ResolveCrdBundles, as a test project's build runs it; the output is the resolved items as JSON.</summary>
    public static Task<MsBuildRun> ResolveAllAsync(IReadOnlyDictionary<string, string> properties, IReadOnlyDictionary<string, string>? environment = null) =>
        RunAsync(["-t:ResolveCrdBundles", "-getItem:ResolvedCrdBundle"], properties, environment);

    private static async Task<MsBuildRun> RunAsync(string[] target, IReadOnlyDictionary<string, string> properties, IReadOnlyDictionary<string, string>? environment)
    {
        var variables = ClearedVariables.ToDictionary(name => name, string? (_) => null);
        variables["NO_PROXY"] = "127.0.0.1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            variables[name] = value;
        }

        string[] arguments =
        [
            "msbuild", TargetsFile, .. target, "-nologo", "-nodeReuse:false", "-tl:off",
            .. properties.Select(property => $"-p:{property.Key}={property.Value}"),
        ];
        var run = await BoundedProcess.RunAsync(
            Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", arguments, Environment.CurrentDirectory, variables, Limit).ConfigureAwait(false);
        return new MsBuildRun(run.ExitCode, (run.Stdout + run.Stderr).Trim());
    }
}
