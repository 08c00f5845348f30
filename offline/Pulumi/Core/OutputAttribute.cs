using System;

namespace Pulumi;

[AttributeUsage(AttributeTargets.Property)]
public sealed class OutputAttribute : Attribute
{
    public OutputAttribute(string? name = null)
    {
        Name = name;
    }

    public string? Name { get; }
}
