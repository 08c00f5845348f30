using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;

namespace Pulumi;

/// <summary>
/// The root resource of a program, <c>pulumi:pulumi:Stack</c>, named <c>{project}-{stack}</c>. Every resource
/// without a parent is its child, so its transformations reach the whole program.
/// </summary>
public class Stack : ComponentResource
{
    public Stack(StackOptions? options = null)
        : base(ResourceRegistration.StackType, RootName(), ResourceArgs.Empty, ToComponentOptions(options), remote: false, isRoot: true)
    {
        DeploymentContext.Require().Stack = this;
    }

    /// <summary>A derived stack's outputs are its <c>[Output]</c> properties, registered once its constructor has run.</summary>
    internal void RegisterPropertyOutputs()
    {
        var outputs = GetType()
            .GetProperties(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)
            .Select(property => (property, attribute: property.GetCustomAttribute<OutputAttribute>()))
            .Where(pair => pair.attribute is not null)
            .ToDictionary(pair => pair.attribute!.Name ?? pair.property.Name, pair => pair.property.GetValue(this));
        RegisterOutputs(outputs);
    }

    private static string RootName()
    {
        var context = DeploymentContext.Require();
        return $"{context.ProjectName}-{context.StackName}";
    }

    private static ComponentResourceOptions ToComponentOptions(StackOptions? options) =>
        new() { ResourceTransformations = [.. options?.ResourceTransformations ?? Enumerable.Empty<ResourceTransformation>()] };
}
