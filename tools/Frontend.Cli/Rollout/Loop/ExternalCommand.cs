using System.Diagnostics;

namespace Frontend.Cli.Rollout.Loop;

/// <summary>A command the loop ran (git, pulumi) that failed, with what it said.</summary>
internal sealed class ExternalCommandException(string message) : Exception(message);

/// <summary>Runs git and pulumi for the loop: their output is read whole, and a failure throws with what they said.</summary>
internal static class ExternalCommand
{
    /// <summary>The longest any one call may take; a <c>pulumi up</c> of this stack takes a few minutes.</summary>
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(30);

    public static async Task<string> RunAsync(string program, string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new ExternalCommandException($"could not start {program}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new ExternalCommandException($"could not start {program}: {e.Message} (is it on PATH?)");
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(Limit);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new ExternalCommandException($"{program} {string.Join(' ', arguments)} did not finish within {Limit.TotalMinutes:0} minutes");
            }

            return process.ExitCode == 0
                ? await stdout
                : throw new ExternalCommandException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {(await stderr).Trim()} {(await stdout).Trim()}".TrimEnd());
        }
    }
}
