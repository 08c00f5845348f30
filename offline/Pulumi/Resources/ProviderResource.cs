namespace Pulumi;

/// <summary>An explicitly configured provider, registered as <c>pulumi:providers:{package}</c>.</summary>
public class ProviderResource : CustomResource
{
    private const string TypePrefix = "pulumi:providers:";

    public ProviderResource(string package, string name, ResourceArgs args, CustomResourceOptions? options = null)
        : base($"{TypePrefix}{package}", name, args, options)
    {
    }

    /// <summary>The package this provider serves (e.g. "kubernetes"), which children inherit it for.</summary>
    internal string Package => GetResourceType()[TypePrefix.Length..];
}
