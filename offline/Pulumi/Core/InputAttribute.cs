using System;

namespace Pulumi;

[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class InputAttribute : Attribute
{
    public InputAttribute(string name, bool required = false, bool json = false)
    {
        Name = name;
        IsRequired = required;
        Json = json;
    }

    internal string Name { get; }

    internal bool IsRequired { get; }

    internal bool Json { get; }
}
