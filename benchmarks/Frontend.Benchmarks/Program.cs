using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

// In process: BenchmarkDotNet's usual child build would restore the real Pulumi packages, which this
// registry does not serve; the in-process toolchain measures the very build that was started.
var arguments = args.Contains("--inProcess", StringComparer.Ordinal) ? args : [.. args, "--inProcess"];
var config = DefaultConfig.Instance.WithOptions(ConfigOptions.JoinSummary);

// `--job dry` (one run of each case) is CI's check that every benchmark still runs; it may use the Debug
// build CI already has, which measures nothing worth keeping, so the optimisation check is off for it.
if (arguments.SkipWhile(a => a != "--job").Skip(1).FirstOrDefault() == "dry")
{
    config = config.WithOptions(ConfigOptions.DisableOptimizationsValidator);
}

var reports = BenchmarkSwitcher.FromAssembly(typeof(Frontend.Benchmarks.StackBenchmarks).Assembly)
    .Run(arguments, config)
    .SelectMany(summary => summary.Reports)
    .ToList();

// BenchmarkDotNet reports a case that threw and still exits 0: a run that measured nothing must fail.
var failed = reports.Where(report => !report.Success).Select(report => report.BenchmarkCase.DisplayInfo).ToList();
if (reports.Count == 0 || failed.Count > 0)
{
    Console.Error.WriteLine(reports.Count == 0
        ? "error: no benchmark ran (check --filter)"
        : $"error: {failed.Count} of {reports.Count} benchmark cases failed: {string.Join("; ", failed)}");
    return 1;
}

Console.WriteLine($"{reports.Count} benchmark cases ran");
return 0;
