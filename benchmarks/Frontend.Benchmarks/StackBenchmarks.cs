using System.Collections.Concurrent;
using BenchmarkDotNet.Attributes;
using Frontend.Analysis.Manifests;
using Frontend.Analysis.Mesh;
using Frontend.Analysis.Rendering;
using Frontend.Analysis.Yaml;
using Frontend.Infra;
using Frontend.Infra.Configuration;
using Pulumi;
using Pulumi.Testing;

namespace Frontend.Benchmarks;

/// <summary>
/// The cost of the stack as it grows: <see cref="Evaluate"/> is validation plus declaring every resource under
/// Pulumi's mocks (what <c>pulumi preview</c> spends in the program); <see cref="Render"/> adds what the render
/// command does after that: the mesh analysis and writing one YAML file per resource; <see cref="RenderInMemory"/>
/// is the same without the files, so the file system's share can be told apart.
/// </summary>
/// <remarks>BenchmarkDotNet derives its runner from this class, so it stays public and unsealed.</remarks>
[MemoryDiagnoser]
public class StackBenchmarks
{
    private StackConfig _config = null!;
    private string _outDirectory = null!;

    [Params(2, 8, 32, 128)]
    public int Versions { get; set; }

    /// <summary>The Istio API (a DestinationRule and VirtualServices) or the Gateway API (a Service and a DestinationRule per version, HTTPRoutes within its limits: see <see cref="BenchmarkStacks"/>).</summary>
    [Params(MeshApis.Istio, MeshApis.GatewayApi)]
    public string Api { get; set; } = MeshApis.Istio;

    [GlobalSetup]
    public void Setup()
    {
        _config = BenchmarkStacks.WithVersions(Versions, Api);

        var problems = StackConfigValidator.Validate(_config, "prod").Where(p => p.IsError).ToList();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException($"The benchmark stack is invalid: {string.Join("; ", problems)}");
        }

        _outDirectory = Path.Combine(Path.GetTempPath(), $"frontend-benchmark-{Guid.NewGuid():N}");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        if (Directory.Exists(_outDirectory))
        {
            Directory.Delete(_outDirectory, recursive: true);
        }
    }

    [Benchmark]
    public async Task<int> Evaluate() => (await DeclareAsync()).Count;

    [Benchmark]
    public async Task<int> Render()
    {
        var manifests = await AnalysedManifestsAsync();
        RenderedFolder.Write(_outDirectory, manifests);
        return manifests.Count;
    }

    /// <summary>Render without the disk: what the program and the analysis library cost, apart from the machine's file system.</summary>
    [Benchmark]
    public async Task<int> RenderInMemory() => ManifestYaml.WriteAll(await AnalysedManifestsAsync()).Length;

    private async Task<List<Manifest>> AnalysedManifestsAsync()
    {
        var manifests = (await DeclareAsync()).Where(r => r.Inputs.ContainsKey("apiVersion")).Select(r => Manifest.FromObjectTree(r.Inputs)).ToList();
        var errors = MeshAnalyzer.Analyze(manifests).Where(f => f.Level == FindingLevel.Error).ToList();
        return errors.Count == 0 ? manifests : throw new InvalidOperationException($"The benchmark stack fails the analysis: {string.Join("; ", errors.Select(FindingFormatter.Format))}");
    }

    private async Task<IReadOnlyList<MockResourceArgs>> DeclareAsync()
    {
        var mocks = new MinimalMocks();
        await Deployment.TestAsync(mocks, new TestOptions { ProjectName = ConfigPath.Project, StackName = "prod", IsPreview = true }, () => FrontendStack.Declare(_config));
        return mocks.Registered;
    }

    /// <summary>Returns the inputs as state, as the render command's mocks do, and keeps them for the render.</summary>
    private sealed class MinimalMocks : IMocks
    {
        private readonly ConcurrentQueue<MockResourceArgs> _registered = new();

        public IReadOnlyList<MockResourceArgs> Registered => [.. _registered];

        public Task<(string? id, object state)> NewResourceAsync(MockResourceArgs args)
        {
            _registered.Enqueue(args);
            return Task.FromResult<(string? id, object state)>(($"{args.Name}-id", args.Inputs));
        }

        public Task<object> CallAsync(MockCallArgs args) => throw new InvalidOperationException($"The program made an unexpected call to '{args.Token}'.");
    }
}
