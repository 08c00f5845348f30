using Frontend.Analysis.Manifests;
using Frontend.Analysis.Yaml;
using static Frontend.Analysis.Tests.Support.Trees;

namespace Frontend.Analysis.Tests.Yaml;

public sealed class ManifestYamlTests
{
    [Fact]
    public void Write_StringsThatLookLikeOtherTypes_QuotesOnlyThose()
    {
        var manifest = BuildManifest("v1", "ConfigMap", "settings", "shop",
            ("data", Map(("bool", "true"), ("port", "8080"), ("empty", ""), ("colon", "a:b"), ("yes", "yes"), ("exponent", "1e3"), ("plain", "frontend-v1"), ("null", "null"))));

        var yaml = ManifestYaml.Write(manifest);

        Assert.Equal("""
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: settings
              namespace: shop
            data:
              bool: "true"
              colon: "a:b"
              empty: ""
              exponent: "1e3"
              "null": "null"
              plain: frontend-v1
              port: "8080"
              "yes": "yes"

            """.Replace("\r\n", "\n", StringComparison.Ordinal), yaml);
    }

    [Fact]
    public void Write_WholeDoubles_WritesIntegers()
    {
        var manifest = BuildManifest("networking.istio.io/v1", "VirtualService", "frontend", "shop",
            ("spec", Map(("weight", 90.0), ("ratio", 0.5), ("negative", -3.0))));

        var yaml = ManifestYaml.Write(manifest);

        Assert.Contains("  negative: -3\n  ratio: 0.5\n  weight: 90\n", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_KeysInAnyInputOrder_UsesCanonicalOrder()
    {
        var tree = Map(
            ("status", Map(("b", 1.0), ("a", 2.0))),
            ("spec", Map(("zeta", "z"), ("alpha", "a"))),
            ("data", Map(("k", "v"))),
            ("metadata", Map(("labels", Map(("version", "v1"), ("app", "frontend"))), ("namespace", "shop"), ("name", "frontend"))),
            ("kind", "Thing"),
            ("apiVersion", "example.com/v1"));

        var yaml = ManifestYaml.Write(Manifest.FromObjectTree(tree));

        Assert.Equal(
            "apiVersion: example.com/v1\nkind: Thing\nmetadata:\n  name: frontend\n  namespace: shop\n  labels:\n    app: frontend\n    version: v1\n"
            + "spec:\n  alpha: a\n  zeta: z\ndata:\n  k: v\nstatus:\n  a: 2\n  b: 1\n",
            yaml);
    }

    [Fact]
    public void Write_ListsOfMapsAndEmptyCollections_UsesBlockStyle()
    {
        var manifest = BuildManifest("v1", "Service", "frontend", "shop",
            ("spec", Map(("ports", List(Map(("port", 80.0), ("name", "http")), Map(("port", 9090.0), ("name", "http-admin")))), ("empty", Map()), ("none", List()), ("matrix", List(List("a", "b"))))));

        var yaml = ManifestYaml.Write(manifest);

        Assert.EndsWith(
            "spec:\n  empty: {}\n  matrix:\n  -\n    - a\n    - b\n  none: []\n  ports:\n  - name: http\n    port: 80\n  - name: http-admin\n    port: 9090\n",
            yaml,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Write_SameManifestTwice_IsByteIdenticalWithLfAndTrailingNewline()
    {
        var first = ManifestYaml.Write(BuildManifest("v1", "ConfigMap", "a", "shop", ("data", Map(("text", "line one\nline two")))));
        var second = ManifestYaml.Write(BuildManifest("v1", "ConfigMap", "a", "shop", ("data", Map(("text", "line one\nline two")))));

        Assert.Equal(first, second);
        Assert.DoesNotContain('\r', first);
        Assert.EndsWith("\n", first, StringComparison.Ordinal);
        Assert.False(first.EndsWith("\n\n", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_WrittenYaml_RoundTripsValuesAndTypes()
    {
        var original = BuildManifest("v1", "ConfigMap", "settings", "shop",
            ("data", Map(("port", "8080"), ("flag", "true"), ("url", "http://frontend:80/"), ("text", "a \"quoted\" \\ value\n"), ("unicode", "café"))),
            ("spec", Map(("replicas", 3.0), ("ratio", 0.25), ("enabled", true))));

        var read = ManifestYaml.Read(ManifestYaml.Write(original)).Single();

        var data = read.Body.MapAt("data")!;
        var spec = read.Body.MapAt("spec")!;
        Assert.Equal("8080", data["port"]);
        Assert.Equal("true", data["flag"]);
        Assert.Equal("http://frontend:80/", data["url"]);
        Assert.Equal("a \"quoted\" \\ value\n", data["text"]);
        Assert.Equal("café", data["unicode"]);
        Assert.Equal(3L, spec["replicas"]);
        Assert.Equal(0.25, spec["ratio"]);
        Assert.Equal(true, spec["enabled"]);
        Assert.Equal(ManifestYaml.Write(original), ManifestYaml.Write(read));
    }

    [Fact]
    public void Read_MultipleDocuments_ReturnsEachManifest()
    {
        var stream = ManifestYaml.WriteAll([BuildManifest("v1", "Service", "a", "shop"), BuildManifest("v1", "Service", "b", "shop")]);

        var manifests = ManifestYaml.Read(stream);

        Assert.Equal(["a", "b"], manifests.Select(manifest => manifest.Name));
    }

    [Fact]
    public void Read_DocumentWithoutName_ThrowsManifestException()
    {
        var exception = Assert.Throws<ManifestException>(() => ManifestYaml.Read("apiVersion: v1\nkind: Service\nmetadata:\n  namespace: shop\n"));

        Assert.Equal("Service: metadata.name is missing", exception.Message);
    }

    [Theory]
    [InlineData("0x1F")]
    [InlineData("0o17")]
    [InlineData("017")]
    [InlineData("1_000")]
    [InlineData("1:30")]
    [InlineData(".5")]
    [InlineData("+1")]
    [InlineData("1.0.0")]
    [InlineData("2026-01-31")]
    [InlineData("NO")]
    [InlineData("Off")]
    [InlineData("~")]
    [InlineData(".inf")]
    [InlineData("-")]
    [InlineData("- item")]
    [InlineData("? key")]
    [InlineData("a #comment")]
    [InlineData("#hash")]
    [InlineData(" leading")]
    [InlineData("trailing ")]
    [InlineData("two\nlines")]
    [InlineData("tab\there")]
    [InlineData("[list]")]
    [InlineData("{map}")]
    [InlineData("&anchor")]
    [InlineData("*alias")]
    [InlineData("!tag")]
    [InlineData("|")]
    [InlineData(">")]
    [InlineData("'single'")]
    [InlineData("@at")]
    [InlineData("`tick")]
    [InlineData("a,b")]
    [InlineData("ümlaut")]
    [InlineData("back\\slash")]
    public void Read_WrittenTrickyString_RoundTripsAsTheSameString(string text)
    {
        var manifest = BuildManifest("v1", "ConfigMap", "tricky", "shop", ("data", Map((text, text))));

        var read = ManifestYaml.Read(ManifestYaml.Write(manifest)).Single();

        var data = read.Body.MapAt("data")!;
        Assert.Equal(text, Assert.Single(data).Key);
        Assert.Equal(text, data[text]);
    }
}
