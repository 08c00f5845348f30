using System.Diagnostics;
using Frontend.Cli.Tests.Support;
using Xunit.Abstractions;

namespace Frontend.Cli.Tests;

/// <summary>Render is meant for every pull request and every local edit: it has to stay quick.</summary>
public sealed class RenderTimingTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(5);

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Render_ProdInProcess_FinishesWellWithinTheBudget()
    {
        var cold = Stopwatch.StartNew();
        var first = await CliRun.Of("render", "prod", "--out", _temp.Combine("first"), "--project-dir", RepositoryPaths.Root);
        cold.Stop();
        var warm = Stopwatch.StartNew();
        var second = await CliRun.Of("render", "prod", "--out", _temp.Combine("second"), "--project-dir", RepositoryPaths.Root);
        warm.Stop();

        output.WriteLine($"render prod in-process: first {cold.ElapsedMilliseconds} ms, second {warm.ElapsedMilliseconds} ms");
        Assert.Equal((0, 0), (first.ExitCode, second.ExitCode));
        Assert.InRange(warm.Elapsed, TimeSpan.Zero, Budget);
    }
}
