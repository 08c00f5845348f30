using System.Diagnostics;

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
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "msbuild", TargetsFile, "-t:ResolveIstioCrdBundle", "-getProperty:ResolvedIstioCrdBundle", "-nologo", "-nodeReuse:false", "-tl:off" })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in properties)
        {
            start.ArgumentList.Add($"-p:{name}={value}");
        }

        foreach (var name in ClearedVariables)
        {
            start.Environment.Remove(name);
        }

        start.Environment["NO_PROXY"] = "127.0.0.1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet msbuild {TargetsFile} did not finish within {Limit.TotalSeconds}s.");
        }

        return new MsBuildRun(process.ExitCode, (await stdout.ConfigureAwait(false) + await stderr.ConfigureAwait(false)).Trim());
    }
}
