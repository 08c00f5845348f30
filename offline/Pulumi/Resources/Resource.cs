using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;

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

    /// <summary>This resource's transformations and its ancestors', which its children inherit.</summary>
    private readonly ImmutableArray<ResourceTransformation> _transformations;

    private protected Resource(string type, string name, bool custom, ResourceArgs args, ResourceOptions options, bool isRoot = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(type);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(options);

        var context = DeploymentContext.Require();
        _type = type;
        _name = name;
        var parent = isRoot ? null : options.Parent ?? context.Stack;
        _transformations = [.. options.ResourceTransformations, .. parent?._transformations ?? []];
        (args, options) = Transform(args, options);
        DeclarationIndex = context.NextDeclarationIndex();
        IsCustom = custom;
        Parent = parent;
        Parent?.AddChild(this);
        (Provider, ProvidersForChildren) = ChooseProviders(type, custom, options);

        var outputs = ResourceOutputs.Attach(this);
        ResourceRegistration.Start(context, this, args, options, outputs);
    }

    [Output("urn")]
    public Output<string> Urn { get; private set; } = null!;

    internal bool IsCustom { get; }

    internal long DeclarationIndex { get; }

    /// <summary>The provider a custom resource is registered with: its own option, else its parent's for its package.</summary>
    internal ProviderResource? Provider { get; }

    /// <summary>The providers this resource's children inherit, keyed by package.</summary>
    internal ImmutableDictionary<string, ProviderResource> ProvidersForChildren { get; }

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

    /// <summary>
    /// Runs the transformations in order, as the real resource constructor does before anything else: each
    /// sees the args and options the previous one returned, and none may change the parent.
    /// </summary>
    private (ResourceArgs Args, ResourceOptions Options) Transform(ResourceArgs args, ResourceOptions options)
    {
        foreach (var transformation in _transformations)
        {
            if (transformation(new ResourceTransformationArgs(this, args, options)) is { } result)
            {
                if (result.Options.Parent != options.Parent)
                {
                    throw new ArgumentException("Transformations cannot currently be used to change the `parent` of a resource.");
                }

                (args, options) = (result.Args, result.Options);
            }
        }

        return (args, options);
    }

    /// <summary>How the real SDK's resource constructor picks providers, so that a component's provider reaches its children.</summary>
    private static (ProviderResource? Provider, ImmutableDictionary<string, ProviderResource> ForChildren) ChooseProviders(
        string type, bool custom, ResourceOptions options)
    {
        var inherited = options.Parent?.ProvidersForChildren ?? ImmutableDictionary<string, ProviderResource>.Empty;
        var package = type.Split(':') is [var first, _, _] ? first : null;
        if (custom)
        {
            if (options.Provider is null)
            {
                return (package is null ? null : inherited.GetValueOrDefault(package), inherited);
            }

            return (options.Provider, package is null ? inherited : inherited.SetItem(package, options.Provider));
        }

        var own = options.Provider is not null
            ? [options.Provider]
            : (options as ComponentResourceOptions)?.Providers ?? [];
        return (null, inherited.AddRange(own.Select(provider => KeyValuePair.Create(provider.Package, provider))));
    }

    private void AddChild(Resource child)
    {
        lock (_children)
        {
            _children.Add(child);
        }
    }
}
