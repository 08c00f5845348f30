using CrdGen.Model;

namespace CrdGen.Emit;

/// <summary>Spells a <see cref="TypeReference"/> as Pulumi's .NET codegen does for input and output positions.</summary>
internal sealed class CSharpTypes(string namespaceSuffix)
{
    public const string InputsNamespace = "Pulumi.Kubernetes.Types.Inputs";
    public const string OutputsNamespace = "Pulumi.Kubernetes.Types.Outputs";

    public string InputNamespace => $"{InputsNamespace}.{namespaceSuffix}";

    public string OutputNamespace => $"{OutputsNamespace}.{namespaceSuffix}";

    public static bool NeedsBackingField(TypeReference type) => type is ArrayType or MapType;

    /// <summary>The declared type of an input property (<c>Input&lt;int&gt;</c>, <c>InputList&lt;string&gt;</c>, ...).</summary>
    public string InputProperty(TypeReference type) => type switch
    {
        ArrayType array => $"InputList<{PlainInput(array.Element)}>",
        MapType map => $"InputMap<{PlainInput(map.Value)}>",
        IntOrStringType => "InputUnion<int, string>",
        _ => $"Input<{PlainInput(type)}>",
    };

    /// <summary>The type of a list element or map value inside an input: plain values, args classes.</summary>
    public string PlainInput(TypeReference type) => type switch
    {
        ObjectTypeReference reference => $"{InputNamespace}.{reference.Name}Args",
        ObjectMetaType => $"{InputsNamespace}.Meta.V1.ObjectMetaArgs",
        ArrayType array => $"ImmutableArray<{PlainInput(array.Element)}>",
        MapType map => $"ImmutableDictionary<string, {PlainInput(map.Value)}>",
        _ => Shared(type),
    };

    public string Output(TypeReference type) => type switch
    {
        ObjectTypeReference reference => $"{OutputNamespace}.{reference.Name}",
        ObjectMetaType => $"{OutputsNamespace}.Meta.V1.ObjectMeta",
        ArrayType array => $"ImmutableArray<{Output(array.Element)}>",
        MapType map => $"ImmutableDictionary<string, {Output(map.Value)}>",
        _ => Shared(type),
    };

    private static string Shared(TypeReference type) => type switch
    {
        IntOrStringType => "Union<int, string>",
        ScalarType { Kind: ScalarKind.String } => "string",
        ScalarType { Kind: ScalarKind.Integer } => "int",
        ScalarType { Kind: ScalarKind.Number } => "double",
        ScalarType { Kind: ScalarKind.Boolean } => "bool",
        ScalarType { Kind: ScalarKind.Any } => "object",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "No C# spelling for this type."),
    };
}
