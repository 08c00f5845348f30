using Frontend.Analysis.Manifests;
using Frontend.Analysis.Rendering;
using Frontend.Analysis.Yaml;
using static Frontend.Analysis.Tests.Support.Trees;

namespace Frontend.Analysis.Tests.Rendering;

public sealed class RenderedFolderTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("render-tests-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Theory]
    [InlineData("networking.istio.io/v1", "DestinationRule", "frontend", "shop", "1-manifest/networking.istio.io_v1-destinationrule-shop-frontend.yaml")]
    [InlineData("v1", "Service", "frontend", "shop", "1-manifest/v1-service-shop-frontend.yaml")]
    [InlineData("v1", "Namespace", "shop", null, "1-manifest/v1-namespace-default-shop.yaml")]
    [InlineData("apiextensions.k8s.io/v1", "CustomResourceDefinition", "widgets.example.com", null, "0-crd/apiextensions.k8s.io_v1-customresourcedefinition-default-widgets.example.com.yaml")]
    public void RelativePath_Manifest_FollowsProviderLayout(string apiVersion, string kind, string name, string? ns, string expected)
    {
        var manifest = BuildManifest(apiVersion, kind, name, ns);

        var path = RenderLayout.RelativePath(manifest);

        Assert.Equal(expected, path);
    }

    [Fact]
    public void Write_ThenRead_ReturnsTheSameManifests()
    {
        var target = Path.Combine(root, "rendered");
        var manifests = new[] { BuildManifest("v1", "Service", "frontend", "shop", ("spec", Map(("type", "ClusterIP")))), BuildManifest("apps/v1", "Deployment", "frontend-v1", "shop") };

        RenderedFolder.Write(target, manifests);
        var read = RenderedFolder.Read(target);

        Assert.Equal(
            manifests.Select(ManifestYaml.Write).Order(StringComparer.Ordinal),
            read.Select(ManifestYaml.Write).Order(StringComparer.Ordinal));
        Assert.True(Directory.Exists(Path.Combine(target, RenderLayout.CrdFolder)));
        Assert.True(File.Exists(Path.Combine(target, "1-manifest", "v1-service-shop-frontend.yaml")));
    }

    [Fact]
    public void Write_OverExistingRender_LeavesNoStaleFiles()
    {
        var target = Path.Combine(root, "rendered");
        RenderedFolder.Write(target, [BuildManifest("v1", "Service", "old", "shop")]);

        RenderedFolder.Write(target, [BuildManifest("v1", "Service", "new", "shop")]);

        Assert.Equal(["new"], RenderedFolder.Read(target).Select(manifest => manifest.Name));
        Assert.Equal(["rendered"], Directory.GetDirectories(root).Select(Path.GetFileName));
    }

    [Fact]
    public void Write_TwoManifestsForOneFile_ThrowsAndLeavesTargetUntouched()
    {
        var target = Path.Combine(root, "rendered");
        RenderedFolder.Write(target, [BuildManifest("v1", "Service", "kept", "shop")]);

        Assert.Throws<ArgumentException>(() => RenderedFolder.Write(target, [BuildManifest("v1", "Service", "twin", "shop"), BuildManifest("v1", "Service", "twin", "shop")]));

        Assert.Equal(["kept"], RenderedFolder.Read(target).Select(manifest => manifest.Name));
        Assert.Equal(["rendered"], Directory.GetDirectories(root).Select(Path.GetFileName));
    }

    [Fact]
    public void Read_MissingFolder_ThrowsDirectoryNotFound()
    {
        Assert.Throws<DirectoryNotFoundException>(() => RenderedFolder.Read(Path.Combine(root, "absent")));
    }

    [Fact]
    public void Read_FileThatIsNotAManifest_NamesTheFile()
    {
        var target = Path.Combine(root, "rendered");
        RenderedFolder.Write(target, []);
        File.WriteAllText(Path.Combine(target, "1-manifest", "broken.yaml"), "just a string\n");

        var exception = Assert.Throws<ManifestException>(() => RenderedFolder.Read(target));

        Assert.Equal("1-manifest/broken.yaml: a document is not a map", exception.Message);
    }
}
