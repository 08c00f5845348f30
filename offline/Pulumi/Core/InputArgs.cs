using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;

namespace Pulumi;

/// <summary>Base of every args type: its [Input] members are what a resource sends to the engine.</summary>
public abstract class InputArgs
{
    private const BindingFlags InstanceMembers = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;

    protected InputArgs()
    {
    }

    /// <summary>The wire name and current value of every [Input] member, in declaration order.</summary>
    internal ImmutableArray<KeyValuePair<string, object?>> GetInputs()
    {
        var inputs = ImmutableArray.CreateBuilder<KeyValuePair<string, object?>>();
        foreach (var type in TypeHierarchy(GetType()))
        {
            foreach (var member in type.GetMembers(InstanceMembers | BindingFlags.DeclaredOnly))
            {
                if (member.GetCustomAttribute<InputAttribute>() is not { } attribute)
                {
                    continue;
                }

                var value = member switch
                {
                    FieldInfo field => field.GetValue(this),
                    PropertyInfo property => property.GetValue(this),
                    _ => null,
                };
                if (attribute.IsRequired && value is null)
                {
                    throw new ArgumentNullException(
                        member.Name, $"{GetType().FullName}.{member.Name} is required but was not given a value");
                }

                inputs.Add(new KeyValuePair<string, object?>(attribute.Name, value));
            }
        }

        return inputs.ToImmutable();
    }

    private static IEnumerable<Type> TypeHierarchy(Type type)
        => Enumerable.Reverse(
            Enumerable.Empty<Type>().Append(type).Concat(Ancestors(type)).ToList());

    private static IEnumerable<Type> Ancestors(Type type)
    {
        for (var current = type.BaseType; current is not null && current != typeof(InputArgs); current = current.BaseType)
        {
            yield return current;
        }
    }
}
