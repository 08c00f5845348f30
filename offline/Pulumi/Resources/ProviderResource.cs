namespace Pulumi;

/// <summary>An explicitly configured provider, registered as <c>pulumi:providers:{package}</c>.</summary>
public class ProviderResource : CustomResource
{
    public ProviderResource(string package, string name, ResourceArgs args, CustomResourceOptions? options = null)
        : base($"pulumi:providers:{package}", name, args, options)
    {
    }
}
