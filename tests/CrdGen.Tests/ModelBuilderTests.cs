using CrdGen.Crds;
using CrdGen.Model;

namespace CrdGen.Tests;

public sealed class ModelBuilderTests
{
    [Fact]
    public void Build_IntegerAndNumber_StayDistinct()
    {
        var replicas = WidgetFixture.Property("WidgetSpec", "replicas");
        var ratio = WidgetFixture.Property("WidgetSpec", "ratio");

        Assert.Equal(ScalarType.Integer, replicas.Type);
        Assert.Equal(ScalarType.Number, ratio.Type);
    }

    [Fact]
    public void Build_IntOrString_MapsToIntOrStringUnion()
    {
        var port = WidgetFixture.Property("WidgetSpec", "port");

        Assert.Equal(IntOrStringType.Instance, port.Type);
    }

    [Fact]
    public void Build_AdditionalPropertiesOfScalars_MapsToTypedMap()
    {
        var labels = WidgetFixture.Property("WidgetSpec", "labels");
        var limits = WidgetFixture.Property("WidgetSpec", "limits");

        Assert.Equal(new MapType(ScalarType.String), labels.Type);
        Assert.Equal(new MapType(ScalarType.Integer), limits.Type);
    }

    [Fact]
    public void Build_AdditionalPropertiesOfObjects_MapsToMapOfUntypedObjectsLikeCrd2Pulumi()
    {
        var headers = WidgetFixture.Property("WidgetSpec", "headers");

        Assert.Equal(new MapType(MapType.OfAny), headers.Type);
        Assert.DoesNotContain(WidgetFixture.Model().GroupVersions.Single().ObjectTypes, type => type.Name == "WidgetSpecHeaders");
    }

    [Fact]
    public void Build_ArrayOfScalars_MapsToArrayOfScalars()
    {
        var tags = WidgetFixture.Property("WidgetSpec", "tags");

        Assert.Equal(new ArrayType(ScalarType.String), tags.Type);
    }

    [Fact]
    public void Build_ArrayOfObjects_ItemsTakeTheArrayPropertysName()
    {
        var routes = WidgetFixture.Property("WidgetSpec", "routes");

        Assert.Equal(new ArrayType(new ObjectTypeReference("WidgetSpecRoutes")), routes.Type);
        Assert.Equal(["name", "weight"], WidgetFixture.Type("WidgetSpecRoutes").Properties.Select(property => property.WireName));
    }

    [Fact]
    public void Build_ArrayOfArrays_MapsToNestedArrays()
    {
        var matrix = WidgetFixture.Property("WidgetSpec", "matrix");

        Assert.Equal(new ArrayType(new ArrayType(ScalarType.String)), matrix.Type);
    }

    [Fact]
    public void Build_NestedObjects_AreNamedByTheirPropertyPath()
    {
        var inner = WidgetFixture.Property("WidgetSpecNested", "inner");

        Assert.Equal(new ObjectTypeReference("WidgetSpecNestedInner"), inner.Type);
        Assert.Equal(ScalarType.String, WidgetFixture.Property("WidgetSpecNestedInner", "leaf").Type);
    }

    [Fact]
    public void Build_PreserveUnknownFields_MapsToMapOfAnyAndDropsItsProperties()
    {
        var config = WidgetFixture.Property("WidgetSpec", "config");

        Assert.Equal(MapType.OfAny, config.Type);
        Assert.DoesNotContain(WidgetFixture.Model().GroupVersions.Single().ObjectTypes, type => type.Name == "WidgetSpecConfig");
    }

    [Fact]
    public void Build_ObjectWithoutProperties_MapsToMapOfAny()
    {
        var freeform = WidgetFixture.Property("WidgetSpec", "freeform");

        Assert.Equal(MapType.OfAny, freeform.Type);
    }

    [Fact]
    public void Build_Enum_StaysString()
    {
        var mode = WidgetFixture.Property("WidgetSpec", "mode");

        Assert.Equal(ScalarType.String, mode.Type);
    }

    [Fact]
    public void Build_Nullable_KeepsItsDeclaredType()
    {
        var enabled = WidgetFixture.Property("WidgetSpec", "enabled");

        Assert.Equal(ScalarType.Boolean, enabled.Type);
    }

    [Fact]
    public void Build_RequiredList_MarksOnlyThoseProperties()
    {
        var required = WidgetFixture.Type("WidgetSpec").Properties.Where(property => property.Required).Select(property => property.WireName);

        Assert.Equal(["replicas", "routes"], required);
    }

    [Fact]
    public void Build_Properties_AreSortedOrdinallyByWireName()
    {
        var names = WidgetFixture.Type("WidgetSpec").Properties.Select(property => property.WireName).ToList();

        Assert.Equal(names.Order(StringComparer.Ordinal), names);
    }

    [Fact]
    public void Build_ArgsProperty_FlattensToArguments()
    {
        var args = WidgetFixture.Property("WidgetSpec", "args");

        Assert.Equal(new ObjectTypeReference("WidgetSpecArguments"), args.Type);
        Assert.Equal("Args", args.PropertyName);
    }

    [Fact]
    public void Build_HyphenatedProperty_CapitalisesAfterTheHyphenInTypeNameOnly()
    {
        var maxSurge = WidgetFixture.Property("WidgetSpec", "max-surge");

        Assert.Equal(new ObjectTypeReference("WidgetSpecMaxSurge"), maxSurge.Type);
        Assert.Equal("Max_surge", maxSurge.PropertyName);
        Assert.Equal("max_surge", maxSurge.ParameterName);
    }

    [Fact]
    public void Build_TwoPathsFlatteningToOneName_SecondGetsANumberAndAWarning()
    {
        var model = WidgetFixture.Model();

        Assert.Equal(new ObjectTypeReference("WidgetSpecFooBar"), WidgetFixture.Property("WidgetSpec", "fooBar").Type);
        Assert.Equal(new ObjectTypeReference("WidgetSpecFooBar2"), WidgetFixture.Property("WidgetSpec", "foo_bar").Type);
        Assert.Contains(model.Warnings, warning => warning.Contains("WidgetSpecFooBar2", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_PropertyNamedLikeItsClass_GetsValueSuffix()
    {
        var property = WidgetFixture.Property("WidgetSpecNested", "widgetSpecNested");

        Assert.Equal("WidgetSpecNestedValue", property.PropertyName);
    }

    [Fact]
    public void Build_KeywordWireName_EscapesTheParameterName()
    {
        var property = WidgetFixture.Property("WidgetSpec", "default");

        Assert.Equal("Default", property.PropertyName);
        Assert.Equal("@default", property.ParameterName);
    }

    [Fact]
    public void Build_Resource_InjectsApiVersionKindAndMetadataAndKeepsStatusOutOfInputs()
    {
        var resource = WidgetFixture.Model().GroupVersions.Single().Resources.Single();

        Assert.Equal(["apiVersion", "kind", "metadata", "spec", "status"], resource.Properties.Select(property => property.WireName));
        Assert.Equal(ObjectMetaType.Instance, resource.Properties.Single(property => property.WireName == "metadata").Type);
        Assert.DoesNotContain(resource.InputProperties, property => property.WireName == "status");
        Assert.Equal(MapType.OfAny, resource.Properties.Single(property => property.WireName == "status").Type);
    }

    [Fact]
    public void Build_Resource_AliasesOtherServedVersionsOnly()
    {
        var resource = WidgetFixture.Model().GroupVersions.Single().Resources.Single();

        Assert.Equal(["kubernetes:shop.example.com/v1beta1:Widget"], resource.AliasTypes);
        Assert.Equal("kubernetes:shop.example.com/v1:Widget", resource.Token);
    }

    [Fact]
    public void Build_TwoKindsOfOneGroupVersion_ShareOneNamespace()
    {
        var model = WidgetFixture.Model(WidgetFixture.Widget, new KindSelector("shop.example.com", "v1", "Gadget"));

        var groupVersion = Assert.Single(model.GroupVersions);
        Assert.Equal(["Gadget", "Widget"], groupVersion.Resources.Select(resource => resource.Selector.Kind));
        Assert.Equal("Shop.V1", groupVersion.NamespaceSuffix);
    }

    [Fact]
    public void Build_KindNotInBundle_FailsNamingTheKindsThatAre()
    {
        var exception = Assert.Throws<GenerationException>(() => WidgetFixture.Model(new KindSelector("shop.example.com", "v1", "Sprocket")));

        Assert.Contains("shop.example.com/v1/Sprocket", exception.Message, StringComparison.Ordinal);
        Assert.Contains("shop.example.com/v1/Gadget", exception.Message, StringComparison.Ordinal);
        Assert.Contains("shop.example.com/v1beta1/Widget", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("v1alpha1", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("v1", "V1")]
    [InlineData("v1beta1", "V1Beta1")]
    [InlineData("v1alpha3", "V1Alpha3")]
    public void VersionToUpper_KubernetesVersion_CapitalisesAfterDigits(string version, string expected)
    {
        Assert.Equal(expected, Naming.VersionToUpper(version));
    }
}
