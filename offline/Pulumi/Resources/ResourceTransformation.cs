namespace Pulumi;

/// <summary>
/// Called in a resource's constructor, before it registers, with its args and options; may return new
/// ones. Registered on a resource (or a stack) it applies to that resource and every descendant.
/// </summary>
public delegate ResourceTransformationResult? ResourceTransformation(ResourceTransformationArgs args);

public readonly struct ResourceTransformationArgs
{
    public ResourceTransformationArgs(Resource resource, ResourceArgs args, ResourceOptions options)
    {
        Resource = resource;
        Args = args;
        Options = options;
    }

    public Resource Resource { get; }

    public ResourceArgs Args { get; }

    public ResourceOptions Options { get; }
}

public readonly struct ResourceTransformationResult
{
    public ResourceTransformationResult(ResourceArgs args, ResourceOptions options)
    {
        Args = args;
        Options = options;
    }

    public ResourceArgs Args { get; }

    public ResourceOptions Options { get; }
}
