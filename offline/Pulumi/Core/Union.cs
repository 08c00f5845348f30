using System;
using System.Collections.Generic;

namespace Pulumi;

/// <summary>A value that is one of two types, such as Kubernetes' int-or-string fields.</summary>
public readonly struct Union<T0, T1> : IEquatable<Union<T0, T1>>, IUnion
{
    private readonly T0 _value0;
    private readonly T1 _value1;
    private readonly int _index;

    private Union(int index, T0 value0, T1 value1)
    {
        _index = index;
        _value0 = value0;
        _value1 = value1;
    }

    public object Value => (_index == 0 ? _value0 : _value1)!;

    public bool IsT0 => _index == 0;

    public bool IsT1 => _index == 1;

    public T0 AsT0 => IsT0
        ? _value0
        : throw new InvalidOperationException($"Cannot return as T0 as result is T{_index}");

    public T1 AsT1 => IsT1
        ? _value1
        : throw new InvalidOperationException($"Cannot return as T1 as result is T{_index}");

    public static Union<T0, T1> FromT0(T0 input) => new(0, input, default!);

    public static Union<T0, T1> FromT1(T1 input) => new(1, default!, input);

    public static implicit operator Union<T0, T1>(T0 value) => FromT0(value);

    public static implicit operator Union<T0, T1>(T1 value) => FromT1(value);

    public static bool operator ==(Union<T0, T1> left, Union<T0, T1> right) => left.Equals(right);

    public static bool operator !=(Union<T0, T1> left, Union<T0, T1> right) => !left.Equals(right);

    public TResult Match<TResult>(Func<T0, TResult> f0, Func<T1, TResult> f1)
    {
        ArgumentNullException.ThrowIfNull(f0);
        ArgumentNullException.ThrowIfNull(f1);
        return IsT0 ? f0(_value0) : f1(_value1);
    }

    public bool Equals(Union<T0, T1> other)
        => _index == other._index && (IsT0
            ? EqualityComparer<T0>.Default.Equals(_value0, other._value0)
            : EqualityComparer<T1>.Default.Equals(_value1, other._value1));

    public override bool Equals(object? obj) => obj is Union<T0, T1> other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(_index, Value);

    public override string ToString() => Value?.ToString() ?? string.Empty;
}
