namespace Pulumi;

/// <summary>A resource a provider manages, as opposed to a component that only groups others.</summary>
public class CustomResource : Resource
{
    public CustomResource(string type, string name, ResourceArgs? args, CustomResourceOptions? options = null)
        : base(type, name, custom: true, args ?? ResourceArgs.Empty, options ?? new CustomResourceOptions())
    {
    }

    [Output("id")]
    public Output<string> Id { get; private set; } = null!;
}
