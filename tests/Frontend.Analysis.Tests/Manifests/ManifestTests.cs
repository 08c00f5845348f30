using System.Collections.Immutable;
using Frontend.Analysis.Manifests;
using static Frontend.Analysis.Tests.Support.Trees;

namespace Frontend.Analysis.Tests.Manifests;

public sealed class ManifestTests
{
    [Fact]
    public void FromObjectTree_PulumiInputs_ReadsIdentityAndNormalisesNumbersAndLists()
    {
        var inputs = Map(
            ("apiVersion", "apps/v1"),
            ("kind", "Deployment"),
            ("metadata", Map(("name", "frontend-v1"), ("namespace", "shop"))),
            ("spec", Map(("replicas", 2.0), ("ratio", 0.5), ("ports", List(8080.0)))));

        var manifest = Manifest.FromObjectTree(inputs);

        Assert.Equal(("apps/v1", "apps", "v1", "Deployment", "frontend-v1", "shop"), (manifest.ApiVersion, manifest.Group, manifest.Version, manifest.Kind, manifest.Name, manifest.Namespace));
        var spec = manifest.Body.MapAt("spec")!;
        Assert.Equal(2L, spec["replicas"]);
        Assert.Equal(0.5, spec["ratio"]);
        Assert.Equal([8080L], (IReadOnlyList<object?>)spec["ports"]!);
    }

    [Fact]
    public void DisplayName_NamespacedWithoutNamespace_UsesDefault()
    {
        var manifest = BuildManifest("v1", "Service", "frontend", null);

        Assert.Equal("Service default/frontend", manifest.DisplayName);
    }

    [Fact]
    public void DisplayName_ClusterScopedKind_OmitsNamespace()
    {
        var manifest = BuildManifest("v1", "Namespace", "shop", null);

        Assert.Equal("Namespace shop", manifest.DisplayName);
    }

    [Fact]
    public void FromObjectTree_MissingKind_ThrowsManifestException()
    {
        var inputs = Map(("apiVersion", "v1"), ("metadata", Map(("name", "x"))));

        var exception = Assert.Throws<ManifestException>(() => Manifest.FromObjectTree(inputs));

        Assert.Equal("a manifest needs a non-empty string 'kind'", exception.Message);
    }

    [Fact]
    public void FromObjectTree_UnsupportedValue_NamesThePath()
    {
        var inputs = Map(("apiVersion", "v1"), ("kind", "ConfigMap"), ("metadata", Map(("name", "x"))), ("data", Map(("when", DateTime.UnixEpoch))));

        var exception = Assert.Throws<ManifestException>(() => Manifest.FromObjectTree(inputs));

        Assert.Equal("data.when: unsupported value of type DateTime", exception.Message);
    }

    [Fact]
    public void FromObjectTree_ImmutableDictionaryOfNullableValues_IsAccepted()
    {
        var inputs = ImmutableDictionary<string, object?>.Empty
            .Add("apiVersion", "v1").Add("kind", "ConfigMap").Add("metadata", Map(("name", "x"))).Add("data", null);

        var manifest = Manifest.FromObjectTree(inputs);

        Assert.Null(manifest.Body["data"]);
    }
}
