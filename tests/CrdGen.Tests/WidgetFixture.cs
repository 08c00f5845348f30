using CrdGen.Crds;
using CrdGen.Emit;
using CrdGen.Model;

namespace CrdGen.Tests;

/// <summary>The generator run over Fixtures/widgets.yaml, whose properties each exercise one schema feature.</summary>
internal static class WidgetFixture
{
    public const string BundlePath = "Fixtures/widgets.yaml";

    public static readonly KindSelector Widget = new("shop.example.com", "v1", "Widget");

    public static IReadOnlyList<CustomResourceDefinition> Bundle()
    {
        using var reader = File.OpenText(Path.Combine(AppContext.BaseDirectory, BundlePath));
        return CrdBundleReader.Read(reader, BundlePath);
    }

    public static GenerationModel Model(params KindSelector[] kinds) =>
        ModelBuilder.Build(Bundle(), kinds.Length == 0 ? [Widget] : kinds);

    public static ObjectTypeModel Type(string name) =>
        Model().GroupVersions.Single().ObjectTypes.Single(type => type.Name == name);

    public static PropertyModel Property(string typeName, string wireName) =>
        Type(typeName).Properties.Single(property => property.WireName == wireName);

    public static IReadOnlyDictionary<string, string> Files(params KindSelector[] kinds) =>
        CSharpEmitter.Emit(Model(kinds)).ToDictionary(file => file.RelativePath, file => file.Content);
}
