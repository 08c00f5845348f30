namespace Pulumi;

/// <summary>Lets the serializer read whichever case a <see cref="Union{T0, T1}"/> holds.</summary>
internal interface IUnion
{
    object Value { get; }
}
