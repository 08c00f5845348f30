namespace Frontend.Analysis.Schema;

public enum SchemaFindingKind
{
    /// <summary>The value breaks a rule of the schema.</summary>
    Violation,

    /// <summary>A CEL rule this library does not recognise, so it was not checked: never a silent pass.</summary>
    NotChecked,
}

/// <summary>
/// One schema problem. <see cref="Path"/> is the field path ("spec.trafficPolicy.loadBalancer", "spec.http[0]"),
/// <see cref="Rule"/> the schema rule ("enum", "oneOf", "required", the CEL text), <see cref="Value"/> the offending
/// value as short text, and <see cref="Message"/> the whole sentence, path first.
/// </summary>
public sealed record SchemaFinding(SchemaFindingKind Kind, string Path, string Rule, string Value, string Message)
{
    public override string ToString() => Kind == SchemaFindingKind.NotChecked ? Message : $"{Message} (rule: {Rule}; value: {Value})";
}
