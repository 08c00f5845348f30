using System;
using System.Collections.Generic;
using System.Collections.Immutable;
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

    private ResourceOutputs(ImmutableDictionary<string, IOutputCompletion> byName)
    {
        ByName = byName;
    }

    public const string UrnName = "urn";

    public const string IdName = "id";

    public ImmutableDictionary<string, IOutputCompletion> ByName { get; }

    public IOutputCompletion Urn => ByName[UrnName];

    public IOutputCompletion? Id => ByName.GetValueOrDefault(IdName);

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

    public void FailAll(Exception exception)
    {
        foreach (var completion in ByName.Values)
        {
            completion.SetException(exception);
        }
    }

    public void DefaultAll(bool isKnown)
    {
        foreach (var completion in ByName.Values)
        {
            completion.SetDefault(isKnown);
        }
    }

    public IEnumerable<KeyValuePair<string, IOutputCompletion>> Properties
    {
        get
        {
            foreach (var pair in ByName)
            {
                if (pair.Key is not (UrnName or IdName))
                {
                    yield return pair;
                }
            }
        }
    }
}
