namespace Frontend.Analysis.Tests.CrdBundle;

/// <summary>
/// Runs one target of tests/Shared/IstioCrdBundle.targets in a child <c>dotnet msbuild</c>, as the test
/// projects' build runs it, with a bounded wait.
/// </summary>
internal sealed record MsBuildRun(int ExitCode, string Output)
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    // Variables that would reach the target from the developer's shell and change which bundle it picks,
    // or send the loopback requests through a proxy.
    private static readonly string[] ClearedVariables =
    [
        "ISTIO_CRD_BUNDLE", "ISTIO_CRD_CACHE", "XDG_CACHE_HOME",
        "HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy",
    ];

    public static string TargetsFile { get; } = Path.Combine(RepositoryPaths.Root, "tests", "Shared", "IstioCrdBundle.targets");

    public static async Task<MsBuildRun> ResolveAsync(IReadOnlyDictionary<string, string> properties, IReadOnlyDictionary<string, string>? environment = null)
    {
        var variables = ClearedVariables.ToDictionary(name => name, string? (_) => null);
        variables["NO_PROXY"] = "127.0.0.1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            variables[name] = value;
        }

        string[] arguments =
        [
            "msbuild", TargetsFile, "-t:ResolveIstioCrdBundle", "-getProperty:ResolvedIstioCrdBundle", "-nologo", "-nodeReuse:false", "-tl:off",
            .. properties.Select(property => $"-p:{property.Key}={property.Value}"),
        ];
        var run = await BoundedProcess.RunAsync(
            Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", arguments, Environment.CurrentDirectory, variables, Limit).ConfigureAwait(false);
        return new MsBuildRun(run.ExitCode, (run.Stdout + run.Stderr).Trim());
    }
}
