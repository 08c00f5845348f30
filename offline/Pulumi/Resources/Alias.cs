namespace Pulumi;

/// <summary>
/// An earlier identity of a resource. Under mocks aliases change nothing that is registered; they exist
/// so that code written for the real SDK (such as generated CRD types) compiles unchanged.
/// </summary>
// The real package names this type Alias (a VB keyword); the stand-in must match it.
#pragma warning disable CA1716
public sealed class Alias
#pragma warning restore CA1716
{
    public Input<string>? Name { get; set; }

    public Input<string>? Type { get; set; }

    public Resource? Parent { get; set; }

    public Input<string>? ParentUrn { get; set; }

    public Input<string>? Stack { get; set; }

    public Input<string>? Project { get; set; }

    public string? Urn { get; set; }

    public bool NoParent { get; set; }
}
