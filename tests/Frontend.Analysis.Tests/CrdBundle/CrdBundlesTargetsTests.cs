using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Frontend.Analysis.Tests.CrdBundle;

/// <summary>
/// The build's fetch of the CRD bundles (tests/Shared/CrdBundles.targets) as a fresh machine runs it: ../shared
/// turned off, the download pointed at a loopback server, the cache an empty temp folder. Every bundle goes through
/// the same target, so each behaviour is tested once, on one bundle, and the bundles' own wiring (names, variables,
/// pins) by one run of all three and by the assembly's metadata.
/// </summary>
public sealed class CrdBundlesTargetsTests : IDisposable
{
    private static readonly BundleUnderTest Istio = new(
        "IstioCrdBundle", "ISTIO_CRD_BUNDLE", "customresourcedefinitions-1.30.3.yaml", "IstioCrdBundleSha256",
        UseShared: "IstioCrdBundleUseShared", Cache: "IstioCrdCache", Url: "IstioCrdBundleUrl");

    private static readonly BundleUnderTest GatewayApiStandard = new(
        "GatewayApiStandardBundle", "GATEWAY_API_STANDARD_BUNDLE", "standard-install-v1.5.1.yaml", "GatewayApiStandardBundleSha256",
        UseShared: "GatewayApiBundleUseShared", Cache: "GatewayApiCrdCache", Url: "GatewayApiStandardBundleUrl");

    private static readonly BundleUnderTest GatewayApiExperimental = new(
        "GatewayApiExperimentalBundle", "GATEWAY_API_EXPERIMENTAL_BUNDLE", "experimental-install-v1.5.1.yaml", "GatewayApiExperimentalBundleSha256",
        UseShared: "GatewayApiBundleUseShared", Cache: "GatewayApiCrdCache", Url: "GatewayApiExperimentalBundleUrl");

    private static readonly byte[] IstioBytes = File.ReadAllBytes(RepositoryPaths.IstioCrdBundle);

    private readonly string root = Directory.CreateTempSubdirectory("crd-bundle-tests-").FullName;

    private string Cache => Path.Combine(root, "cache");

    public void Dispose() => Directory.Delete(root, recursive: true);

    public static TheoryData<string> Bundles => ["IstioCrdBundle", "GatewayApiStandardBundle", "GatewayApiExperimentalBundle"];

    [Theory]
    [MemberData(nameof(Bundles))]
    public void TestAssembly_BundleMetadata_NamesTheVerifiedBundle(string key)
    {
        var bundle = Of(key);

        var hash = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(bundle.Path)));

        Assert.Equal(bundle.PinnedSha256(), hash);
    }

    [Fact]
    public async Task Resolve_EmptyCache_DownloadsTheBundleIntoTheCache()
    {
        using var server = new LoopbackFileServer(IstioBytes);

        var run = await ResolveFromAsync(Istio, server);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Equal(CachedBundle(Istio), run.Output);
        Assert.Equal(IstioBytes, File.ReadAllBytes(CachedBundle(Istio)));
        Assert.Equal([CachedBundle(Istio)], Directory.GetFileSystemEntries(Cache));
        Assert.Equal(1, server.Requests);
    }

    [Fact]
    public async Task Resolve_VerifiedCache_DoesNotDownloadAgain()
    {
        using var server = new LoopbackFileServer(IstioBytes);
        await ResolveFromAsync(Istio, server);

        var second = await ResolveFromAsync(Istio, server);

        Assert.True(second.ExitCode == 0, second.Output);
        Assert.Equal(CachedBundle(Istio), second.Output);
        Assert.Equal(1, server.Requests);
    }

    [Fact]
    public async Task Resolve_ServerSendsWrongBytes_FailsNamingBothHashesAndCachesNothing()
    {
        var wrong = Encoding.UTF8.GetBytes("<html>captive portal</html>");
        using var server = new LoopbackFileServer(wrong);

        var run = await ResolveFromAsync(GatewayApiExperimental, server);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains($"Checksum mismatch for {GatewayApiExperimental.FileName}", run.Output, StringComparison.Ordinal);
        Assert.Contains($"expected SHA-256 {GatewayApiExperimental.PinnedSha256()}", run.Output, StringComparison.Ordinal);
        Assert.Contains($"got {Convert.ToHexStringLower(SHA256.HashData(wrong))}", run.Output, StringComparison.Ordinal);
        Assert.Contains("serves Gateway API v1.5.1's experimental-install.yaml", run.Output, StringComparison.Ordinal);
        Assert.Contains("set GATEWAY_API_EXPERIMENTAL_BUNDLE to a verified copy", run.Output, StringComparison.Ordinal);
        Assert.Empty(Directory.Exists(Cache) ? Directory.GetFileSystemEntries(Cache) : []);
    }

    [Fact]
    public async Task Resolve_CorruptCachedFile_IsReplacedByAVerifiedDownload()
    {
        Directory.CreateDirectory(Cache);
        await File.WriteAllTextAsync(CachedBundle(Istio), "half a download");
        using var server = new LoopbackFileServer(IstioBytes);

        var run = await ResolveFromAsync(Istio, server);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Equal(IstioBytes, File.ReadAllBytes(CachedBundle(Istio)));
        Assert.Equal(1, server.Requests);
    }

    [Fact]
    public async Task Resolve_ExplicitBundleMissing_FailsNamingTheVariable()
    {
        var missing = Path.Combine(root, "absent.yaml");
        using var server = new LoopbackFileServer(IstioBytes);

        var run = await ResolveFromAsync(Istio, server, new Dictionary<string, string> { ["ISTIO_CRD_BUNDLE"] = missing });

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains($"ISTIO_CRD_BUNDLE (IstioCrdBundle) names {missing}, which does not exist", run.Output, StringComparison.Ordinal);
        Assert.Equal(0, server.Requests);
    }

    [Fact]
    public async Task ResolveAll_ExplicitBundlesFromEnvironment_WinOverCacheAndDownloadEachUnderItsOwnKey()
    {
        var explicitBundles = new[] { Istio, GatewayApiStandard, GatewayApiExperimental }.ToDictionary(bundle => bundle.Key, bundle => CopyOf(bundle));
        using var server = new LoopbackFileServer(IstioBytes);
        var properties = new[] { Istio, GatewayApiStandard, GatewayApiExperimental }
            .SelectMany(bundle => ForDownloadFrom(bundle, server))
            .DistinctBy(property => property.Key)
            .ToDictionary();

        var run = await MsBuildRun.ResolveAllAsync(properties, new[] { Istio, GatewayApiStandard, GatewayApiExperimental }.ToDictionary(bundle => bundle.Variable, bundle => explicitBundles[bundle.Key]));

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Equal(explicitBundles, ResolvedItems(run.Output));
        Assert.Equal(0, server.Requests);
        Assert.False(Directory.Exists(Cache));
    }

    private static BundleUnderTest Of(string key) => new[] { Istio, GatewayApiStandard, GatewayApiExperimental }.Single(bundle => bundle.Key == key);

    // -getItem prints {"Items": {"ResolvedCrdBundle": [{"Identity": path, "Bundle": key, ...}]}}.
    private static Dictionary<string, string> ResolvedItems(string output)
    {
        using var json = JsonDocument.Parse(output);
        return json.RootElement.GetProperty("Items").GetProperty("ResolvedCrdBundle").EnumerateArray()
            .ToDictionary(item => item.GetProperty("Bundle").GetString()!, item => item.GetProperty("FullPath").GetString()!);
    }

    private string CopyOf(BundleUnderTest bundle)
    {
        var copy = Path.Combine(root, "explicit", bundle.Key + ".yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
        File.Copy(bundle.Path, copy);
        return copy;
    }

    private string CachedBundle(BundleUnderTest bundle) => Path.Combine(Cache, bundle.FileName);

    private Dictionary<string, string> ForDownloadFrom(BundleUnderTest bundle, LoopbackFileServer server) => new()
    {
        [bundle.UseShared] = "false",
        [bundle.Cache] = Cache,
        [bundle.Url] = server.Url.ToString(),
    };

    private Task<MsBuildRun> ResolveFromAsync(BundleUnderTest bundle, LoopbackFileServer server, IReadOnlyDictionary<string, string>? environment = null) =>
        MsBuildRun.ResolveAsync(bundle.Key, ForDownloadFrom(bundle, server), environment);

    /// <summary>A bundle as the targets name it: its key, variable and file, and the properties a test sets.</summary>
    private sealed record BundleUnderTest(string Key, string Variable, string FileName, string Sha256Property, string UseShared, string Cache, string Url)
    {
        public string Path => Key switch
        {
            "IstioCrdBundle" => RepositoryPaths.IstioCrdBundle,
            "GatewayApiStandardBundle" => RepositoryPaths.GatewayApiStandardBundle,
            _ => RepositoryPaths.GatewayApiExperimentalBundle,
        };

        /// <summary>The pin, read from the targets file, so this test follows a deliberate bump of the release.</summary>
        public string PinnedSha256()
        {
            var element = $"<{Sha256Property} Condition=\"'$({Sha256Property})' == ''\">";
            var text = File.ReadAllText(MsBuildRun.TargetsFile);
            var at = text.IndexOf(element, StringComparison.Ordinal);
            Assert.True(at >= 0, $"No {element} in {MsBuildRun.TargetsFile}.");
            var start = at + element.Length;
            return text[start..text.IndexOf('<', start)];
        }
    }
}
