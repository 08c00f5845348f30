using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using System.Text.Json;

namespace Pulumi.Serialization;

/// <summary>
/// Turns a value in the engine's plain shape (what a mock returned, after serialization) into the type an
/// [Output] property or an [OutputType] constructor parameter declares. Like the real converter it does not
/// throw on a mismatch (the real one only warns, and warnings are silent under test): it yields the default.
/// </summary>
internal static class OutputConverter
{
    public static object? Convert(object? value, Type targetType)
    {
        if (Nullable.GetUnderlyingType(targetType) is { } underlying)
        {
            return value is null ? null : Convert(value, underlying);
        }

        if (value is null or UnknownValue)
        {
            return DefaultOf(targetType);
        }

        if (targetType == typeof(object))
        {
            return value;
        }

        if (targetType == typeof(string))
        {
            return value as string;
        }

        if (targetType == typeof(bool))
        {
            return value is bool flag ? flag : DefaultOf(targetType);
        }

        if (targetType == typeof(double))
        {
            return value is double number ? number : DefaultOf(targetType);
        }

        if (targetType == typeof(int))
        {
            return value is double number ? (int)number : DefaultOf(targetType);
        }

        if (targetType == typeof(JsonElement))
        {
            return JsonSerializer.SerializeToElement(value);
        }

        if (targetType.IsGenericType)
        {
            var definition = targetType.GetGenericTypeDefinition();
            var arguments = targetType.GetGenericArguments();
            if (definition == typeof(ImmutableArray<>))
            {
                return ConvertList(value, arguments[0]) ?? DefaultOf(targetType);
            }

            if (definition == typeof(ImmutableDictionary<,>) && arguments[0] == typeof(string))
            {
                return ConvertMap(value, arguments[1]);
            }

            if (definition == typeof(Union<,>))
            {
                return ConvertUnion(value, targetType, arguments);
            }
        }

        if (targetType.GetCustomAttribute<OutputTypeAttribute>() is not null)
        {
            return value is ImmutableDictionary<string, object> map ? ConstructOutputType(map, targetType) : null;
        }

        return targetType.IsInstanceOfType(value) ? value : DefaultOf(targetType);
    }

    private static object? DefaultOf(Type type) => type.IsValueType ? Activator.CreateInstance(type) : null;

    private static object? ConvertList(object value, Type elementType)
    {
        if (value is not ImmutableArray<object> items)
        {
            return null;
        }

        var method = typeof(OutputConverter).GetMethod(nameof(ToImmutableArray), BindingFlags.NonPublic | BindingFlags.Static)!;
        return method.MakeGenericMethod(elementType).Invoke(null, [items.Select(item => Convert(item, elementType))])!;
    }

    private static object? ConvertMap(object value, Type valueType)
    {
        if (value is not ImmutableDictionary<string, object> entries)
        {
            return null;
        }

        var method = typeof(OutputConverter).GetMethod(nameof(ToImmutableDictionary), BindingFlags.NonPublic | BindingFlags.Static)!;
        return method.MakeGenericMethod(valueType).Invoke(
            null, [entries.Select(entry => KeyValuePair.Create(entry.Key, Convert(entry.Value, valueType)))])!;
    }

    private static object? ConvertUnion(object value, Type unionType, Type[] cases)
    {
        var (index, converted) = Fits(value, cases[0]) ? (0, Convert(value, cases[0])) : (1, Convert(value, cases[1]));
        return unionType.GetMethod(index == 0 ? "FromT0" : "FromT1", BindingFlags.Public | BindingFlags.Static)!
            .Invoke(null, [converted]);
    }

    private static bool Fits(object value, Type type) => value switch
    {
        double => type == typeof(double) || type == typeof(int)
            || Nullable.GetUnderlyingType(type) is { } inner && Fits(value, inner),
        string => type == typeof(string),
        bool => type == typeof(bool) || type == typeof(bool?),
        ImmutableArray<object> => type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ImmutableArray<>),
        ImmutableDictionary<string, object> => type.GetCustomAttribute<OutputTypeAttribute>() is not null
            || type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ImmutableDictionary<,>),
        _ => type.IsInstanceOfType(value),
    };

    private static object ConstructOutputType(ImmutableDictionary<string, object> map, Type type)
    {
        var constructor = type.GetConstructors(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .FirstOrDefault(candidate => candidate.GetCustomAttribute<OutputConstructorAttribute>() is not null)
            ?? throw new InvalidOperationException($"{type.FullName} has no [OutputConstructor] constructor.");
        var arguments = constructor.GetParameters()
            .Select(parameter => Convert(map.GetValueOrDefault(parameter.Name!), parameter.ParameterType))
            .ToArray();
        return constructor.Invoke(arguments);
    }

    private static ImmutableArray<T> ToImmutableArray<T>(IEnumerable<object?> items)
        => items.Select(item => (T)item!).ToImmutableArray();

    private static ImmutableDictionary<string, T> ToImmutableDictionary<T>(IEnumerable<KeyValuePair<string, object?>> entries)
        => entries.ToImmutableDictionary(entry => entry.Key, entry => (T)entry.Value!, StringComparer.Ordinal);
}
