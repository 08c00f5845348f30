using System;

namespace Pulumi;

[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct)]
public sealed class OutputTypeAttribute : Attribute
{
}
