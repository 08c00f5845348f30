using Pulumi;

namespace Pulumi.Kubernetes;

/// <summary>Base of every Kubernetes resource; only this package derives from it, as in the real one.</summary>
public abstract class KubernetesResource : CustomResource
{
    internal KubernetesResource(string type, string name, ResourceArgs? args, CustomResourceOptions? options = null)
        : base(type, name, args, options)
    {
    }

    /// <summary>Options that make the engine read the existing object with this id rather than create one.</summary>
    private protected static CustomResourceOptions WithId(CustomResourceOptions? options, Input<string> id)
    {
        var merged = CustomResourceOptions.Merge(options, null);
        merged.Id = id;
        return merged;
    }
}
