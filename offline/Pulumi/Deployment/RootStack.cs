namespace Pulumi;

/// <summary>The implicit root resource every other resource is parented to by default.</summary>
internal sealed class RootStack : ComponentResource
{
    public RootStack(DeploymentContext context)
        : base(ResourceRegistration.StackType, $"{context.ProjectName}-{context.StackName}", ResourceArgs.Empty, null, remote: false, isRoot: true)
    {
    }

    public void Complete() => RegisterOutputs();
}
