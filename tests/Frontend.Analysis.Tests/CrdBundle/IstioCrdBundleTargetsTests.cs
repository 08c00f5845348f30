using System.Security.Cryptography;
using System.Text;

namespace Frontend.Analysis.Tests.CrdBundle;

/// <summary>
/// The build's fetch of Istio's CRD bundle (tests/Shared/IstioCrdBundle.targets) as a fresh machine runs it:
/// ../shared turned off, the download pointed at a loopback server, the cache an empty temp folder.
/// </summary>
public sealed class IstioCrdBundleTargetsTests : IDisposable
{
    private const string BundleFileName = "customresourcedefinitions-1.30.3.yaml";

    private static readonly byte[] Bundle = File.ReadAllBytes(RepositoryPaths.IstioCrdBundle);

    private readonly string root = Directory.CreateTempSubdirectory("crd-bundle-tests-").FullName;

    private string Cache => Path.Combine(root, "cache");

    private string CachedBundle => Path.Combine(Cache, BundleFileName);

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void TestAssembly_IstioCrdBundleMetadata_NamesTheVerifiedBundle()
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(RepositoryPaths.IstioCrdBundle)));

        Assert.Equal(PinnedSha256(), hash);
    }

    [Fact]
    public async Task Resolve_EmptyCache_DownloadsTheBundleIntoTheCache()
    {
        using var server = new LoopbackFileServer(Bundle);

        var run = await ResolveFromAsync(server);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Equal(CachedBundle, run.Output);
        Assert.Equal(Bundle, File.ReadAllBytes(CachedBundle));
        Assert.Equal([CachedBundle], Directory.GetFileSystemEntries(Cache));
        Assert.Equal(1, server.Requests);
    }

    [Fact]
    public async Task Resolve_VerifiedCache_DoesNotDownloadAgain()
    {
        using var server = new LoopbackFileServer(Bundle);
        await ResolveFromAsync(server);

        var second = await ResolveFromAsync(server);

        Assert.True(second.ExitCode == 0, second.Output);
        Assert.Equal(CachedBundle, second.Output);
        Assert.Equal(1, server.Requests);
    }

    [Fact]
    public async Task Resolve_ServerSendsWrongBytes_FailsNamingBothHashesAndCachesNothing()
    {
        var wrong = Encoding.UTF8.GetBytes("<html>captive portal</html>");
        using var server = new LoopbackFileServer(wrong);

        var run = await ResolveFromAsync(server);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains($"Checksum mismatch for {BundleFileName}", run.Output, StringComparison.Ordinal);
        Assert.Contains($"expected SHA-256 {PinnedSha256()}", run.Output, StringComparison.Ordinal);
        Assert.Contains($"got {Convert.ToHexStringLower(SHA256.HashData(wrong))}", run.Output, StringComparison.Ordinal);
        Assert.Empty(Directory.Exists(Cache) ? Directory.GetFileSystemEntries(Cache) : []);
    }

    [Fact]
    public async Task Resolve_CorruptCachedFile_IsReplacedByAVerifiedDownload()
    {
        Directory.CreateDirectory(Cache);
        await File.WriteAllTextAsync(CachedBundle, "half a download");
        using var server = new LoopbackFileServer(Bundle);

        var run = await ResolveFromAsync(server);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Equal(Bundle, File.ReadAllBytes(CachedBundle));
        Assert.Equal(1, server.Requests);
    }

    [Fact]
    public async Task Resolve_ExplicitBundleFromEnvironment_WinsOverCacheAndDownload()
    {
        var explicitBundle = Path.Combine(root, "explicit", "istio-crds.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(explicitBundle)!);
        await File.WriteAllBytesAsync(explicitBundle, Bundle);
        using var server = new LoopbackFileServer(Bundle);

        var run = await ResolveFromAsync(server, new Dictionary<string, string> { ["ISTIO_CRD_BUNDLE"] = explicitBundle });

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Equal(explicitBundle, run.Output);
        Assert.Equal(0, server.Requests);
        Assert.False(Directory.Exists(Cache));
    }

    [Fact]
    public async Task Resolve_ExplicitBundleMissing_FailsNamingTheVariable()
    {
        var missing = Path.Combine(root, "absent.yaml");
        using var server = new LoopbackFileServer(Bundle);

        var run = await ResolveFromAsync(server, new Dictionary<string, string> { ["ISTIO_CRD_BUNDLE"] = missing });

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains($"ISTIO_CRD_BUNDLE (IstioCrdBundle) names {missing}, which does not exist", run.Output, StringComparison.Ordinal);
        Assert.Equal(0, server.Requests);
    }

    private Task<MsBuildRun> ResolveFromAsync(LoopbackFileServer server, IReadOnlyDictionary<string, string>? environment = null) =>
        MsBuildRun.ResolveAsync(
            new Dictionary<string, string>
            {
                ["IstioCrdBundleUseShared"] = "false",
                ["IstioCrdCache"] = Cache,
                ["IstioCrdBundleUrl"] = server.Url.ToString(),
            },
            environment);

    /// <summary>The pin, read from the targets file, so this test follows a deliberate bump of the release.</summary>
    private static string PinnedSha256()
    {
        const string Element = "<IstioCrdBundleSha256 Condition=\"'$(IstioCrdBundleSha256)' == ''\">";
        var text = File.ReadAllText(MsBuildRun.TargetsFile);
        var at = text.IndexOf(Element, StringComparison.Ordinal);
        Assert.True(at >= 0, $"No {Element} in {MsBuildRun.TargetsFile}.");
        var start = at + Element.Length;
        return text[start..text.IndexOf('<', start)];
    }
}
