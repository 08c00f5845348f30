using System;

namespace Pulumi;

[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public class ResourceTypeAttribute : Attribute
{
    public ResourceTypeAttribute(string type, string? version)
    {
        Type = type;
        Version = version;
    }

    public string Type { get; }

    public string? Version { get; }
}
