namespace Pulumi;

/// <summary>The running deployment as a program sees it.</summary>
public sealed class DeploymentInstance
{
    private readonly DeploymentContext _context;

    internal DeploymentInstance(DeploymentContext context)
    {
        _context = context;
    }

    public string ProjectName => _context.ProjectName;

    public string StackName => _context.StackName;

    public string OrganizationName => _context.OrganizationName;

    public string RootDirectory => _context.RootDirectory;

    public bool IsDryRun => _context.IsDryRun;
}
