namespace CrdGen.Crds;

/// <summary>
/// The parts of a CRD's <c>openAPIV3Schema</c> node that decide the generated C# shape. Value validations
/// (enum, oneOf, CEL rules, bounds) are kept out on purpose: crd2pulumi drops them too, so enums stay strings.
/// </summary>
internal sealed record OpenApiSchema
{
    public string? Type { get; init; }

    public string? Description { get; init; }

    /// <summary>Properties in the bundle's order; the model sorts them ordinally, as Pulumi's schema binder does.</summary>
    public IReadOnlyList<KeyValuePair<string, OpenApiSchema>> Properties { get; init; } = [];

    public bool HasProperties { get; init; }

    public IReadOnlySet<string> Required { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    public OpenApiSchema? Items { get; init; }

    /// <summary>The <c>additionalProperties</c> schema, when it is a schema rather than a boolean.</summary>
    public OpenApiSchema? AdditionalProperties { get; init; }

    /// <summary><c>additionalProperties: true</c>: a map whose values may be anything.</summary>
    public bool AdditionalPropertiesAllowed { get; init; }

    public bool IntOrString { get; init; }

    public bool PreserveUnknownFields { get; init; }

    public bool Nullable { get; init; }
}
