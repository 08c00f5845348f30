using System.Collections.Generic;

namespace Pulumi;

public sealed class ComponentResourceOptions : ResourceOptions
{
    public List<ProviderResource> Providers { get; set; } = [];

    /// <summary>Combines two option sets: lists are concatenated, and a value set in the second wins.</summary>
    public static ComponentResourceOptions Merge(ComponentResourceOptions? options1, ComponentResourceOptions? options2)
    {
        var first = options1 ?? new ComponentResourceOptions();
        var merged = new ComponentResourceOptions();
        first.MergeCommon(merged, options2);
        merged.Providers = [.. first.Providers, .. options2?.Providers ?? []];
        return merged;
    }
}
