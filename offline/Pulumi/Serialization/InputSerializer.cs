using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using System.Threading.Tasks;

namespace Pulumi.Serialization;

/// <summary>
/// Turns args, inputs and outputs into the engine's plain shape: <c>null</c>, <c>bool</c>, <c>string</c>,
/// every number a <c>double</c>, <see cref="ImmutableArray{T}"/> of object and
/// <see cref="ImmutableDictionary{TKey, TValue}"/> of string to object (null entries dropped), with
/// <see cref="UnknownValue"/> where an output is not known yet. Secrets arrive as their plain values, as they
/// do at the real mock monitor. It records the resources whose outputs it awaited.
/// </summary>
internal sealed class InputSerializer
{
    public HashSet<Resource> Dependencies { get; } = [];

    public static bool ContainsUnknown(object? value) => value switch
    {
        UnknownValue => true,
        ImmutableArray<object> list => list.Any(ContainsUnknown),
        ImmutableDictionary<string, object> map => map.Values.Any(ContainsUnknown),
        _ => false,
    };

    public async Task<ImmutableDictionary<string, object>> SerializeArgsAsync(InputArgs args)
    {
        var result = ImmutableDictionary.CreateBuilder<string, object>(StringComparer.Ordinal);
        foreach (var (name, value) in args.GetInputs())
        {
            if (await SerializeAsync(value).ConfigureAwait(false) is { } serialized)
            {
                result[name] = serialized;
            }
        }

        return result.ToImmutable();
    }

    public async Task<object?> SerializeAsync(object? value)
    {
        switch (value)
        {
            case null or ValueTuple:
                return null;
            case string or bool:
                return value;
            case byte or sbyte or short or ushort or int or uint or long or ulong or float or double or decimal:
                return Convert.ToDouble(value, CultureInfo.InvariantCulture);
            case Enum enumValue:
                return Convert.ToDouble(enumValue, CultureInfo.InvariantCulture);
            case InputArgs args:
                return await SerializeArgsAsync(args).ConfigureAwait(false);
            case IInput input:
                return await SerializeAsync(input.ToOutput()).ConfigureAwait(false);
            case IOutput output:
                return await SerializeOutputAsync(output).ConfigureAwait(false);
            case IUnion union:
                return await SerializeAsync(union.Value).ConfigureAwait(false);
            case JsonElement element:
                return SerializeJson(element);
            case CustomResource custom:
                Dependencies.Add(custom);
                return await SerializeAsync(custom.Id).ConfigureAwait(false);
            case Resource component:
                return await SerializeAsync(component.Urn).ConfigureAwait(false);
            case IDictionary dictionary:
                return await SerializeDictionaryAsync(dictionary).ConfigureAwait(false);
            case IList list:
                return await SerializeListAsync(list).ConfigureAwait(false);
            case Task:
                throw new InvalidOperationException(
                    "Tasks are not allowed inside ResourceArgs. Please wrap your Task in an Output");
            default:
                if (value.GetType().GetCustomAttribute<EnumTypeAttribute>() is not null)
                {
                    return SerializeEnumType(value);
                }

                if (value.GetType().GetCustomAttribute<OutputTypeAttribute>() is not null)
                {
                    return await SerializeOutputTypeAsync(value).ConfigureAwait(false);
                }

                throw new InvalidOperationException($"{value.GetType().FullName} is not a supported argument type.");
        }
    }

    private async Task<object?> SerializeOutputAsync(IOutput output)
    {
        var data = await output.GetDataAsync().ConfigureAwait(false);
        Dependencies.UnionWith(data.Resources);
        return data.IsKnown
            ? await SerializeAsync(data.Value).ConfigureAwait(false)
            : UnknownValue.Instance;
    }

    private async Task<ImmutableDictionary<string, object>> SerializeDictionaryAsync(IDictionary dictionary)
    {
        var result = ImmutableDictionary.CreateBuilder<string, object>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in dictionary)
        {
            if (entry.Key is not string key)
            {
                throw new InvalidOperationException("Dictionaries are only supported with string keys");
            }

            if (await SerializeAsync(entry.Value).ConfigureAwait(false) is { } serialized)
            {
                result[key] = serialized;
            }
        }

        return result.ToImmutable();
    }

    private async Task<ImmutableArray<object>> SerializeListAsync(IList list)
    {
        if (list.GetType() is { IsGenericType: true } type
            && type.GetGenericTypeDefinition() == typeof(ImmutableArray<>)
            && (bool)type.GetProperty(nameof(ImmutableArray<int>.IsDefault))!.GetValue(list)!)
        {
            return [];
        }

        var result = ImmutableArray.CreateBuilder<object>(list.Count);
        foreach (var item in list)
        {
            result.Add((await SerializeAsync(item).ConfigureAwait(false))!);
        }

        return result.MoveToImmutable();
    }

    private async Task<ImmutableDictionary<string, object>> SerializeOutputTypeAsync(object value)
    {
        var result = ImmutableDictionary.CreateBuilder<string, object>(StringComparer.Ordinal);
        foreach (var field in value.GetType().GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            if (!field.IsInitOnly)
            {
                continue;
            }

            var name = char.ToLowerInvariant(field.Name[0]) + field.Name[1..];
            if (await SerializeAsync(field.GetValue(value)).ConfigureAwait(false) is { } serialized)
            {
                result[name] = serialized;
            }
        }

        return result.ToImmutable();
    }

    /// <summary>An [EnumType] struct goes over the wire as the string or number its explicit conversion gives.</summary>
    private static object? SerializeEnumType(object value)
    {
        var type = value.GetType();
        var conversion = type.GetMethods(BindingFlags.Public | BindingFlags.Static)
            .FirstOrDefault(method => method.Name == "op_Explicit"
                && method.GetParameters() is [var parameter] && parameter.ParameterType == type
                && (method.ReturnType == typeof(string) || method.ReturnType == typeof(double)))
            ?? throw new InvalidOperationException($"Expected {type.FullName} to have an explicit conversion operator to String or Double.");
        return conversion.Invoke(null, [value]);
    }

    private static object? SerializeJson(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Array => element.EnumerateArray().Select(SerializeJson).ToImmutableArray()!,
        JsonValueKind.Object => element.EnumerateObject()
            .Where(property => property.Value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined))
            .ToImmutableDictionary(property => property.Name, property => SerializeJson(property.Value)!, StringComparer.Ordinal),
        _ => null,
    };
}
