using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;

namespace Pulumi;

/// <summary>
/// The pending values behind a resource's [Output] properties, keyed by wire name. Attaching them sets
/// each property (private setters included) before the derived constructor's body runs, as the real SDK does.
/// </summary>
internal sealed class ResourceOutputs
{
    private const BindingFlags DeclaredInstanceMembers =
        BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;

    private const string UrnName = "urn";
    private const string IdName = "id";

    private readonly ImmutableDictionary<string, IOutputCompletion> _byName;

    private ResourceOutputs(ImmutableDictionary<string, IOutputCompletion> byName)
    {
        _byName = byName;
    }

    public IOutputCompletion Urn => _byName[UrnName];

    public IOutputCompletion? Id => _byName.GetValueOrDefault(IdName);

    public static ResourceOutputs Attach(Resource resource)
    {
        var byName = ImmutableDictionary.CreateBuilder<string, IOutputCompletion>(StringComparer.Ordinal);
        for (var type = resource.GetType(); type is not null && type != typeof(object); type = type.BaseType)
        {
            foreach (var property in type.GetProperties(DeclaredInstanceMembers))
            {
                if (property.GetCustomAttribute<OutputAttribute>() is not { } attribute
                    || !property.PropertyType.IsGenericType
                    || property.PropertyType.GetGenericTypeDefinition() != typeof(Output<>))
                {
                    continue;
                }

                var name = attribute.Name ?? property.Name;
                if (byName.ContainsKey(name))
                {
                    continue;
                }

                var valueType = property.PropertyType.GetGenericArguments()[0];
                var completion = (IOutputCompletion)Activator.CreateInstance(
                    typeof(OutputCompletion<>).MakeGenericType(valueType), resource)!;
                property.SetValue(resource, completion.Output);
                byName.Add(name, completion);
            }
        }

        return new ResourceOutputs(byName.ToImmutable());
    }

    public void FailUnresolved(Exception exception)
    {
        foreach (var completion in _byName.Values)
        {
            completion.SetException(exception);
        }
    }

    public void DefaultUnresolved(bool isKnown)
    {
        foreach (var completion in _byName.Values)
        {
            completion.SetDefault(isKnown);
        }
    }

    /// <summary>The resource's own outputs, which the state returned by the mocks resolves.</summary>
    public IEnumerable<KeyValuePair<string, IOutputCompletion>> Properties
        => _byName.Where(pair => pair.Key is not (UrnName or IdName));
}
