using System;

namespace Pulumi;

/// <summary>Marks a struct that stands for a string or number enum of a provider schema.</summary>
[AttributeUsage(AttributeTargets.Struct)]
public sealed class EnumTypeAttribute : Attribute
{
}
