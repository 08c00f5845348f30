using System.Collections.Generic;

namespace Pulumi;

public class StackOptions
{
    /// <summary>Applied to the stack and, through it, to every resource of the program.</summary>
    public List<ResourceTransformation> ResourceTransformations { get; set; } = [];
}
