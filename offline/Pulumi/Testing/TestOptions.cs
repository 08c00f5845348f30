namespace Pulumi.Testing;

public class TestOptions
{
    public string? ProjectName { get; set; }

    public string? StackName { get; set; }

    public string? OrganizationName { get; set; }

    public string? RootDirectory { get; set; }

    public bool? IsPreview { get; set; }
}
