using CrdGen.Crds;

namespace CrdGen.Model;

/// <summary>Everything generated for one <c>group/version</c>: its resources and the object types they use.</summary>
internal sealed record GroupVersionModel(
    string Group,
    string Version,
    string NamespaceSuffix,
    IReadOnlyList<ResourceModel> Resources,
    IReadOnlyList<ObjectTypeModel> ObjectTypes);

/// <summary>A top-level kind: becomes a resource class and its <c>{Kind}Args</c>.</summary>
internal sealed record ResourceModel(
    KindSelector Selector,
    string? Description,
    IReadOnlyList<PropertyModel> Properties,
    IReadOnlyList<string> AliasTypes)
{
    public string Token => $"kubernetes:{Selector.ApiVersion}:{Selector.Kind}";

    /// <summary>The resource's inputs: every property except <c>status</c>, which the cluster owns.</summary>
    public IEnumerable<PropertyModel> InputProperties =>
        Properties.Where(property => !string.Equals(property.WireName, "status", StringComparison.Ordinal));
}

/// <summary>A nested object: becomes an input class <c>{Name}Args</c> and an output class <c>{Name}</c>.</summary>
internal sealed record ObjectTypeModel(string Name, string? Description, IReadOnlyList<PropertyModel> Properties);

internal sealed record PropertyModel(
    string WireName,
    string PropertyName,
    string ParameterName,
    TypeReference Type,
    bool Required,
    string? Description);
