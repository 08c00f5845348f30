using System;
using System.ComponentModel;
using Pulumi;

namespace Pulumi.Kubernetes.Core.V1;

/// <summary>The Service types Kubernetes knows; a plain string works as well.</summary>
[EnumType]
public readonly struct ServiceSpecType : IEquatable<ServiceSpecType>
{
    private readonly string _value;

    private ServiceSpecType(string value)
    {
        _value = value ?? throw new ArgumentNullException(nameof(value));
    }

    public static ServiceSpecType ExternalName { get; } = new("ExternalName");

    public static ServiceSpecType ClusterIP { get; } = new("ClusterIP");

    public static ServiceSpecType NodePort { get; } = new("NodePort");

    public static ServiceSpecType LoadBalancer { get; } = new("LoadBalancer");

    public static bool operator ==(ServiceSpecType left, ServiceSpecType right) => left.Equals(right);

    public static bool operator !=(ServiceSpecType left, ServiceSpecType right) => !left.Equals(right);

    public static explicit operator string(ServiceSpecType value) => value._value;

    public bool Equals(ServiceSpecType other) => string.Equals(_value, other._value, StringComparison.Ordinal);

    [EditorBrowsable(EditorBrowsableState.Never)]
    public override bool Equals(object? obj) => obj is ServiceSpecType other && Equals(other);

    [EditorBrowsable(EditorBrowsableState.Never)]
    public override int GetHashCode() => _value?.GetHashCode(StringComparison.Ordinal) ?? 0;

    public override string ToString() => _value;
}
