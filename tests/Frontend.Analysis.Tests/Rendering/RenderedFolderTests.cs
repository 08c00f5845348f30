using Frontend.Analysis.Manifests;
using Frontend.Analysis.Rendering;
using Frontend.Analysis.Users;
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

    [Fact]
    public void FindForeignEntries_PreviousRender_FindsNothing()
    {
        var target = Path.Combine(root, "rendered");
        RenderedFolder.Write(target, [BuildManifest("v1", "Service", "frontend", "shop"), BuildManifest("apiextensions.k8s.io/v1", "CustomResourceDefinition", "widgets.example.com", null)]);

        var foreign = RenderedFolder.FindForeignEntries(target);

        Assert.Empty(foreign);
    }

    [Fact]
    public void Write_WithStackFacts_WritesThemBesideTheManifestsAndReadsThemBack()
    {
        var target = Path.Combine(root, "rendered");
        var facts = new StackFacts("prod", Production: true, "acme-prod", "prod-eu1", "v2", new ValueList<long>([10, 25, 50, 100]));

        RenderedFolder.Write(target, [BuildManifest("v1", "Service", "frontend", "shop")], facts);

        Assert.Equal(facts, StackFacts.ReadFolder(target));
        Assert.Empty(RenderedFolder.FindForeignEntries(target));
        Assert.Single(RenderedFolder.Read(target));
    }

    [Fact]
    public void ReadFolder_RenderWithoutStackFacts_IsUnknown()
    {
        var target = Path.Combine(root, "rendered");
        RenderedFolder.Write(target, [BuildManifest("v1", "Service", "frontend", "shop")]);

        Assert.Equal(StackFacts.Unknown, StackFacts.ReadFolder(target));
    }

    [Fact]
    public void FindForeignEntries_StackFactsFileInManifestFolder_NamesIt()
    {
        var target = Path.Combine(root, "rendered");
        RenderedFolder.Write(target, [BuildManifest("v1", "Service", "frontend", "shop")]);
        File.WriteAllText(Path.Combine(target, RenderLayout.ManifestFolder, StackFacts.FileName), "stack: prod\n");

        var foreign = RenderedFolder.FindForeignEntries(target);

        Assert.Equal([$"{RenderLayout.ManifestFolder}/{StackFacts.FileName}"], foreign.Select(entry => entry.RelativePath));
    }

    [Fact]
    public void FindForeignEntries_MissingFolder_FindsNothing()
    {
        var foreign = RenderedFolder.FindForeignEntries(Path.Combine(root, "absent"));

        Assert.Empty(foreign);
    }

    [Fact]
    public void FindForeignEntries_StrayFileInManifestFolder_NamesIt()
    {
        var target = RenderedWithOneService();
        File.WriteAllText(Path.Combine(target, "1-manifest", "extra.yaml"), "just a string\n");

        var foreign = RenderedFolder.FindForeignEntries(target);

        Assert.Equal([new ForeignEntry("1-manifest/extra.yaml", "not a Kubernetes manifest")], foreign);
    }

    [Fact]
    public void FindForeignEntries_StrayFileInCrdFolder_NamesIt()
    {
        var target = RenderedWithOneService();
        File.WriteAllText(Path.Combine(target, "0-crd", "notes.txt"), "keep me");

        var foreign = RenderedFolder.FindForeignEntries(target);

        Assert.Equal([new ForeignEntry("0-crd/notes.txt", "not a .yaml file")], foreign);
    }

    [Fact]
    public void FindForeignEntries_NestedFolder_NamesTheFolder()
    {
        var target = RenderedWithOneService();
        Directory.CreateDirectory(Path.Combine(target, "1-manifest", "overlays"));
        File.WriteAllText(Path.Combine(target, "1-manifest", "overlays", "v1-service-shop-frontend.yaml"), ServiceYaml("frontend"));

        var foreign = RenderedFolder.FindForeignEntries(target);

        Assert.Equal([new ForeignEntry("1-manifest/overlays", "a nested folder")], foreign);
    }

    [Fact]
    public void FindForeignEntries_HiddenFile_NamesIt()
    {
        var target = RenderedWithOneService();
        File.WriteAllText(Path.Combine(target, "1-manifest", ".v1-service-shop-frontend.yaml"), ServiceYaml("frontend"));

        var foreign = RenderedFolder.FindForeignEntries(target);

        Assert.Equal([new ForeignEntry("1-manifest/.v1-service-shop-frontend.yaml", "a hidden file")], foreign);
    }

    [Fact]
    public void FindForeignEntries_LayoutNameHoldingAnotherResource_NamesItAndWhereThatResourceBelongs()
    {
        var target = RenderedWithOneService();
        File.WriteAllText(Path.Combine(target, "1-manifest", "v1-service-shop-frontend.yaml"), ServiceYaml("other"));

        var foreign = RenderedFolder.FindForeignEntries(target);

        Assert.Equal([new ForeignEntry("1-manifest/v1-service-shop-frontend.yaml", "it holds Service shop/other, which a render writes to 1-manifest/v1-service-shop-other.yaml")], foreign);
    }

    [Fact]
    public void FindForeignEntries_ManifestInTheWrongFolder_NamesIt()
    {
        var target = RenderedWithOneService();
        File.Move(Path.Combine(target, "1-manifest", "v1-service-shop-frontend.yaml"), Path.Combine(target, "0-crd", "v1-service-shop-frontend.yaml"));

        var foreign = RenderedFolder.FindForeignEntries(target);

        Assert.Equal([new ForeignEntry("0-crd/v1-service-shop-frontend.yaml", "it holds Service shop/frontend, which a render writes to 1-manifest/v1-service-shop-frontend.yaml")], foreign);
    }

    [Fact]
    public void FindForeignEntries_LayoutNameHoldingTwoManifests_NamesIt()
    {
        var target = RenderedWithOneService();
        File.WriteAllText(Path.Combine(target, "1-manifest", "v1-service-shop-frontend.yaml"), "---\n" + ServiceYaml("frontend") + "---\n" + ServiceYaml("other"));

        var foreign = RenderedFolder.FindForeignEntries(target);

        Assert.Equal([new ForeignEntry("1-manifest/v1-service-shop-frontend.yaml", "2 Kubernetes manifests, not one")], foreign);
    }

    [Fact]
    public void FindForeignEntries_SeveralStrayEntries_NamesEachInOrdinalOrder()
    {
        var target = RenderedWithOneService();
        File.WriteAllText(Path.Combine(target, "notes.txt"), "keep me");
        File.WriteAllText(Path.Combine(target, "1-manifest", "extra.yml"), ServiceYaml("extra"));
        File.WriteAllText(Path.Combine(target, "0-crd", "README.md"), "keep me");

        var foreign = RenderedFolder.FindForeignEntries(target);

        Assert.Equal(
            [
                new ForeignEntry("0-crd/README.md", "not a .yaml file"),
                new ForeignEntry("1-manifest/extra.yml", "not a .yaml file"),
                new ForeignEntry("notes.txt", null),
            ],
            foreign);
    }

    [Fact]
    public void Write_OverFolderWithStrayFile_ThrowsAndChangesNothing()
    {
        var target = RenderedWithOneService();
        var extra = Path.Combine(target, "1-manifest", "extra.yaml");
        File.WriteAllText(extra, "kept: true\n");

        var exception = Assert.Throws<IOException>(() => RenderedFolder.Write(target, [BuildManifest("v1", "Service", "new", "shop")]));

        Assert.Equal($"{target} holds what a render did not write (1-manifest/extra.yaml); nothing was written", exception.Message);
        Assert.Equal("kept: true\n", File.ReadAllText(extra));
        Assert.Equal(["extra.yaml", "v1-service-shop-frontend.yaml"], Directory.GetFiles(Path.Combine(target, "1-manifest")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(["rendered"], Directory.GetDirectories(root).Select(Path.GetFileName));
    }

    private static string ServiceYaml(string name) => $"apiVersion: v1\nkind: Service\nmetadata:\n  name: {name}\n  namespace: shop\n";

    private string RenderedWithOneService()
    {
        var target = Path.Combine(root, "rendered");
        RenderedFolder.Write(target, [BuildManifest("v1", "Service", "frontend", "shop")]);
        return target;
    }
}
