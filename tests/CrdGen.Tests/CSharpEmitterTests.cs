namespace CrdGen.Tests;

public sealed class CSharpEmitterTests
{
    private static string File(string relativePath) => WidgetFixture.Files()[relativePath];

    [Fact]
    public void Emit_Layout_FollowsCrd2PulumisFoldersAndNamespaces()
    {
        var files = WidgetFixture.Files();

        Assert.Contains("namespace Pulumi.Crds.Shop.V1", files["Shop/V1/Widget.cs"], StringComparison.Ordinal);
        Assert.Contains("namespace Pulumi.Kubernetes.Types.Inputs.Shop.V1", files["Shop/V1/Inputs/WidgetSpecArgs.cs"], StringComparison.Ordinal);
        Assert.Contains("namespace Pulumi.Kubernetes.Types.Outputs.Shop.V1", files["Shop/V1/Outputs/WidgetSpec.cs"], StringComparison.Ordinal);
        Assert.Contains("namespace Pulumi.Crds", files["KubernetesResource.cs"], StringComparison.Ordinal);
        Assert.Contains("class CrdsResourceTypeAttribute", files["Utilities.cs"], StringComparison.Ordinal);
    }

    [Fact]
    public void Emit_Resource_CarriesTokenApiVersionKindAliasesAndGet()
    {
        var resource = File("Shop/V1/Widget.cs");

        Assert.Contains("[CrdsResourceType(\"kubernetes:shop.example.com/v1:Widget\")]", resource, StringComparison.Ordinal);
        Assert.Contains("public partial class Widget : KubernetesResource", resource, StringComparison.Ordinal);
        Assert.Contains("args.ApiVersion = \"shop.example.com/v1\";", resource, StringComparison.Ordinal);
        Assert.Contains("args.Kind = \"Widget\";", resource, StringComparison.Ordinal);
        Assert.Contains("new global::Pulumi.Alias { Type = \"kubernetes:shop.example.com/v1beta1:Widget\" },", resource, StringComparison.Ordinal);
        Assert.Contains("public static Widget Get(string name, Input<string> id, CustomResourceOptions? options = null)", resource, StringComparison.Ordinal);
        Assert.Contains("public Output<ImmutableDictionary<string, object>> Status { get; private set; } = null!;", resource, StringComparison.Ordinal);
    }

    [Fact]
    public void Emit_ResourceArgs_HoldEveryInputButStatus()
    {
        var args = File("Shop/V1/Inputs/WidgetArgs.cs");

        Assert.Contains("public Input<Pulumi.Kubernetes.Types.Inputs.Meta.V1.ObjectMetaArgs>? Metadata { get; set; }", args, StringComparison.Ordinal);
        Assert.Contains("public Input<Pulumi.Kubernetes.Types.Inputs.Shop.V1.WidgetSpecArgs>? Spec { get; set; }", args, StringComparison.Ordinal);
        Assert.DoesNotContain("status", args, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[Input(\"replicas\", required: true)]\n        public Input<int> Replicas { get; set; } = null!;")]
    [InlineData("[Input(\"ratio\")]\n        public Input<double>? Ratio { get; set; }")]
    [InlineData("[Input(\"port\")]\n        public InputUnion<int, string>? Port { get; set; }")]
    [InlineData("[Input(\"mode\")]\n        public Input<string>? Mode { get; set; }")]
    [InlineData("[Input(\"freeform\")]\n        private InputMap<object>? _freeform;")]
    [InlineData("[Input(\"headers\")]\n        private InputMap<ImmutableDictionary<string, object>>? _headers;")]
    [InlineData("[Input(\"matrix\")]\n        private InputList<ImmutableArray<string>>? _matrix;")]
    [InlineData("[Input(\"routes\", required: true)]\n        private InputList<Pulumi.Kubernetes.Types.Inputs.Shop.V1.WidgetSpecRoutesArgs>? _routes;")]
    public void Emit_InputProperty_IsSpelledAsPulumiCodegenDoes(string expected)
    {
        Assert.Contains(expected, File("Shop/V1/Inputs/WidgetSpecArgs.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void Emit_ListProperty_IsLazilyCreatedFromItsBackingField()
    {
        var args = File("Shop/V1/Inputs/WidgetSpecArgs.cs");

        Assert.Contains("public InputList<string> Tags\n        {\n            get => _tags ?? (_tags = new InputList<string>());\n            set => _tags = value;\n        }", args, StringComparison.Ordinal);
    }

    [Fact]
    public void Emit_InputClass_DerivesFromResourceArgsWithEmpty()
    {
        var args = File("Shop/V1/Inputs/WidgetSpecRoutesArgs.cs");

        Assert.Contains("public class WidgetSpecRoutesArgs : global::Pulumi.ResourceArgs", args, StringComparison.Ordinal);
        Assert.Contains("public static new WidgetSpecRoutesArgs Empty => new WidgetSpecRoutesArgs();", args, StringComparison.Ordinal);
    }

    [Fact]
    public void Emit_OutputClass_HasOutputTypeFieldsAndConstructor()
    {
        var output = File("Shop/V1/Outputs/WidgetSpecRoutes.cs");

        Assert.Contains("[OutputType]\n    public sealed class WidgetSpecRoutes", output, StringComparison.Ordinal);
        Assert.Contains("public readonly int Weight;", output, StringComparison.Ordinal);
        Assert.Contains("[OutputConstructor]\n        private WidgetSpecRoutes(\n            string name,\n\n            int weight)", output, StringComparison.Ordinal);
        Assert.Contains("Weight = weight;", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Emit_OutputTypes_UseImmutableCollectionsAndUnion()
    {
        var output = File("Shop/V1/Outputs/WidgetSpec.cs");

        Assert.Contains("public readonly Union<int, string> Port;", output, StringComparison.Ordinal);
        Assert.Contains("public readonly ImmutableDictionary<string, int> Limits;", output, StringComparison.Ordinal);
        Assert.Contains("public readonly ImmutableArray<Pulumi.Kubernetes.Types.Outputs.Shop.V1.WidgetSpecRoutes> Routes;", output, StringComparison.Ordinal);
        Assert.Contains("string @default,", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Emit_Description_BecomesATrimmedEscapedSummary()
    {
        var args = File("Shop/V1/Inputs/WidgetSpecArgs.cs");

        Assert.Contains(
            "    /// <summary>\n    /// What the widget should look like.\n    /// Sizes use &lt;b&gt;metric&lt;/b&gt; units &amp; grams.\n    /// </summary>\n    public class WidgetSpecArgs",
            args,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Emit_EveryFile_IsMarkedGeneratedWithNullableAndLfOnly()
    {
        var files = WidgetFixture.Files();

        Assert.All(files.Values, content =>
        {
            Assert.StartsWith("// <auto-generated>\n", content, StringComparison.Ordinal);
            Assert.Contains("#nullable enable\n", content, StringComparison.Ordinal);
            Assert.DoesNotContain('\r', content);
            Assert.EndsWith("}\n", content, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Emit_SameBundleTwice_IsByteForByteIdentical()
    {
        var first = WidgetFixture.Files();
        var second = WidgetFixture.Files();

        Assert.Equal(first.Keys, second.Keys);
        Assert.All(first, pair => Assert.Equal(pair.Value, second[pair.Key]));
    }
}
