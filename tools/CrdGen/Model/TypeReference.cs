namespace CrdGen.Model;

/// <summary>The Pulumi schema type a CRD property maps to, before it is spelled as C#.</summary>
internal abstract record TypeReference;

internal enum ScalarKind
{
    String,
    Integer,
    Number,
    Boolean,

    /// <summary>Pulumi's <c>pulumi.json#/Any</c>: a value the schema does not describe.</summary>
    Any,
}

internal sealed record ScalarType(ScalarKind Kind) : TypeReference
{
    public static readonly ScalarType String = new(ScalarKind.String);
    public static readonly ScalarType Integer = new(ScalarKind.Integer);
    public static readonly ScalarType Number = new(ScalarKind.Number);
    public static readonly ScalarType Boolean = new(ScalarKind.Boolean);
    public static readonly ScalarType Any = new(ScalarKind.Any);
}

/// <summary><c>x-kubernetes-int-or-string</c>: a union of integer and string.</summary>
internal sealed record IntOrStringType : TypeReference
{
    public static readonly IntOrStringType Instance = new();
}

/// <summary>Kubernetes' <c>ObjectMeta</c>, which the generated code takes from Pulumi.Kubernetes rather than generating.</summary>
internal sealed record ObjectMetaType : TypeReference
{
    public static readonly ObjectMetaType Instance = new();
}

/// <summary>A generated class, named by its flattened property path (<c>DestinationRuleSpecTrafficPolicy</c>).</summary>
internal sealed record ObjectTypeReference(string Name) : TypeReference;

internal sealed record ArrayType(TypeReference Element) : TypeReference;

internal sealed record MapType(TypeReference Value) : TypeReference
{
    public static readonly MapType OfAny = new(ScalarType.Any);
}
