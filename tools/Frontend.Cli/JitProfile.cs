using System.Runtime;

namespace Frontend.Cli;

/// <summary>
/// Multi-core JIT: the runtime records which methods a run compiled and, on the next run, compiles them on
/// another core ahead of use. Most of a render's start-up is the JIT compiling generic instantiations and
/// reflection paths that ReadyToRun cannot precompile (docs/performance.md), and CI renders several times
/// per job. The profile lives in the temp folder; where it cannot be written the run simply goes without.
/// </summary>
internal static class JitProfile
{
    public static void Start()
    {
        try
        {
            var folder = Path.Combine(Path.GetTempPath(), "frontend-cli-jit", Environment.Version.ToString());
            Directory.CreateDirectory(folder);
            ProfileOptimization.SetProfileRoot(folder);
            ProfileOptimization.StartProfile("cli.profile");
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
