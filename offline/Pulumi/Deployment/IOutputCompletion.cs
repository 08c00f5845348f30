using System;

namespace Pulumi;

/// <summary>The pending value behind one [Output] property of a resource being registered.</summary>
internal interface IOutputCompletion
{
    Type ValueType { get; }

    object Output { get; }

    void SetValue(object? value, bool isKnown);

    void SetDefault(bool isKnown);

    void SetException(Exception exception);
}
