using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// In process: BenchmarkDotNet's usual child build would restore the real Pulumi packages, which this
// registry does not serve; the in-process toolchain measures the very build that was started.
var config = DefaultConfig.Instance.WithOptions(ConfigOptions.JoinSummary);
BenchmarkSwitcher.FromAssembly(typeof(Frontend.Benchmarks.StackBenchmarks).Assembly)
    .Run(args.Contains("--inProcess", StringComparer.Ordinal) ? args : [.. args, "--inProcess"], config);
