using Frontend.RolloutMetrics;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Frontend.Cli.Tests.Rollout;

/// <summary>
/// One real Prometheus for the rollout tests: <see cref="IstioSeries"/> backfilled with promtool into a
/// fresh storage folder, served on 127.0.0.1 at a free port with nothing to scrape, stopped and deleted
/// on dispose. Time-based retention counts back from the newest sample, not from now, so the fixed past
/// instant the tests query stays in the store.
/// </summary>
public sealed class PrometheusServer : IAsyncLifetime
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);

    /// <summary>promtool's backfill of the tests' series takes a second or two; a hang fails the test instead of the run.</summary>
    private static readonly TimeSpan PromtoolTimeout = TimeSpan.FromSeconds(60);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"frontend-prometheus-{Guid.NewGuid():N}");
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _log = new();
    private Process? _process;

    public Uri Address { get; private set; } = new("http://127.0.0.1:9/");

    public async Task InitializeAsync()
    {
        if (!PrometheusBinaries.Found)
        {
            if (PrometheusBinaries.InCi)
            {
                throw new InvalidOperationException($"CI=true and {PrometheusBinaries.Missing}: the Prometheus-backed rollout tests must run in CI. .ci/run installs Debian's prometheus package; install it (apt-get install prometheus) or put prometheus and promtool on PATH.");
            }

            return;
        }

        Directory.CreateDirectory(_folder);
        var series = Path.Combine(_folder, "istio.om");
        var storage = Path.Combine(_folder, "data");
        await File.WriteAllTextAsync(series, IstioSeries.OpenMetrics());
        await RunAsync(PrometheusBinaries.Promtool!, ["tsdb", "create-blocks-from", "openmetrics", series, storage]);

        var config = Path.Combine(_folder, "prometheus.yml");
        await File.WriteAllTextAsync(config, "global:\n  scrape_interval: 15s\n");
        var port = FreePort();
        Address = new Uri($"http://127.0.0.1:{port}/");
        _process = Start(PrometheusBinaries.Server!, [$"--config.file={config}", $"--storage.tsdb.path={storage}", $"--web.listen-address=127.0.0.1:{port}"]);
        await WaitUntilReadyAsync();
    }

    public Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process?.Dispose();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }

        return Task.CompletedTask;
    }

    private string Log => string.Join('\n', _log);

    private async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < ReadyTimeout)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"prometheus exited with {_process.ExitCode} before it was ready:\n{Log}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(Address, "-/ready"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"prometheus was not ready at {Address} within {ReadyTimeout.TotalSeconds:0}s:\n{Log}");
    }

    private Process Start(string file, IEnumerable<string> arguments)
    {
        var process = new Process { StartInfo = Info(file, arguments) };
        process.OutputDataReceived += (_, e) => _log.Enqueue(e.Data ?? "");
        process.ErrorDataReceived += (_, e) => _log.Enqueue(e.Data ?? "");
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task RunAsync(string file, IReadOnlyList<string> arguments)
    {
        var run = await BoundedProcess.RunAsync(file, arguments, Environment.CurrentDirectory, new Dictionary<string, string?>(), PromtoolTimeout);
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited with {run.ExitCode}:\n{run.Stdout}{run.Stderr}");
        }
    }

    private static ProcessStartInfo Info(string file, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return info;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class PrometheusTests : ICollectionFixture<PrometheusServer>
{
    public const string Name = "prometheus";
}
