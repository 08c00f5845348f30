using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading.Tasks;

namespace Pulumi;

/// <summary>A resource that groups child resources under one name and type.</summary>
public class ComponentResource : Resource
{
    public ComponentResource(string type, string name, ComponentResourceOptions? options = null)
        : this(type, name, ResourceArgs.Empty, options)
    {
    }

    public ComponentResource(string type, string name, ResourceArgs? args, ComponentResourceOptions? options = null, bool remote = false)
        : this(type, name, args, options, remote, isRoot: false)
    {
    }

    private protected ComponentResource(string type, string name, ResourceArgs? args, ComponentResourceOptions? options, bool remote, bool isRoot)
        : base(type, name, custom: remote, args ?? ResourceArgs.Empty, options ?? new ComponentResourceOptions(), isRoot)
    {
    }

    protected void RegisterOutputs()
        => RegisterOutputs(ImmutableDictionary<string, object?>.Empty);

    protected void RegisterOutputs(IDictionary<string, object?> outputs)
        => RegisterOutputs(Task.FromResult(outputs ?? ImmutableDictionary<string, object?>.Empty));

    protected void RegisterOutputs(Task<IDictionary<string, object?>> outputs)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        RegisterOutputs(Output.Create(outputs));
    }

    protected void RegisterOutputs(Output<IDictionary<string, object?>> outputs)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        ResourceRegistration.RegisterOutputs(DeploymentContext.Require(), this, outputs);
    }
}
