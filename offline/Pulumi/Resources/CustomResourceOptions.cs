using System.Collections.Generic;

namespace Pulumi;

public sealed class CustomResourceOptions : ResourceOptions
{
    public bool? DeleteBeforeReplace { get; set; }

    public List<string> AdditionalSecretOutputs { get; set; } = [];

    public string? ImportId { get; set; }

    /// <summary>Combines two option sets: lists are concatenated, and a value set in the second wins.</summary>
    public static CustomResourceOptions Merge(CustomResourceOptions? options1, CustomResourceOptions? options2)
    {
        var first = options1 ?? new CustomResourceOptions();
        var merged = new CustomResourceOptions();
        first.MergeCommon(merged, options2);
        merged.DeleteBeforeReplace = options2?.DeleteBeforeReplace ?? first.DeleteBeforeReplace;
        merged.ImportId = options2?.ImportId ?? first.ImportId;
        merged.AdditionalSecretOutputs = [.. first.AdditionalSecretOutputs, .. options2?.AdditionalSecretOutputs ?? []];
        return merged;
    }
}
