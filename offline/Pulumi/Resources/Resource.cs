using System;
using System.Collections.Generic;
using System.Collections.Immutable;

namespace Pulumi;

/// <summary>
/// A declared resource. Constructing one starts its registration with the running deployment; its
/// outputs resolve once the deployment's monitor (here, the test mocks) has answered.
/// </summary>
public class Resource
{
    private readonly string _type;
    private readonly string _name;
    private readonly List<Resource> _children = [];

    private protected Resource(string type, string name, bool custom, ResourceArgs args, ResourceOptions options, bool isRoot = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(type);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(options);

        var context = DeploymentContext.Require();
        _type = type;
        _name = name;
        DeclarationIndex = context.NextDeclarationIndex();
        IsCustom = custom;
        Parent = isRoot ? null : options.Parent ?? context.Stack;
        Parent?.AddChild(this);

        var outputs = ResourceOutputs.Attach(this);
        ResourceRegistration.Start(context, this, args, options, outputs);
    }

    [Output("urn")]
    public Output<string> Urn { get; private set; } = null!;

    internal bool IsCustom { get; }

    internal long DeclarationIndex { get; }

    internal Resource? Parent { get; }

    internal ImmutableArray<Resource> Children
    {
        get
        {
            lock (_children)
            {
                return [.. _children];
            }
        }
    }

    public string GetResourceName() => _name;

    public string GetResourceType() => _type;

    private void AddChild(Resource child)
    {
        lock (_children)
        {
            _children.Add(child);
        }
    }
}
