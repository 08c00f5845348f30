namespace Pulumi;

public abstract class ResourceArgs : InputArgs
{
    public static readonly ResourceArgs Empty = new EmptyResourceArgs();

    protected ResourceArgs()
    {
    }

    private sealed class EmptyResourceArgs : ResourceArgs
    {
    }
}
