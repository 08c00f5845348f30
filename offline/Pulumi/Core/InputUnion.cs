namespace Pulumi;

/// <summary>An input that accepts either of two types, such as Kubernetes' int-or-string fields.</summary>
public sealed class InputUnion<T0, T1> : Input<Union<T0, T1>>
{
    public InputUnion()
        : this(Output.Create(default(Union<T0, T1>)))
    {
    }

    private InputUnion(Output<Union<T0, T1>> value)
        : base(value)
    {
    }

    public static implicit operator InputUnion<T0, T1>(T0 value) => Output.Create(value);

    public static implicit operator InputUnion<T0, T1>(T1 value) => Output.Create(value);

    public static implicit operator InputUnion<T0, T1>(Output<T0> value) => new(value.Apply(Union<T0, T1>.FromT0));

    public static implicit operator InputUnion<T0, T1>(Output<T1> value) => new(value.Apply(Union<T0, T1>.FromT1));

    public static implicit operator InputUnion<T0, T1>(Union<T0, T1> value) => new(Output.Create(value));

    public static implicit operator InputUnion<T0, T1>(Output<Union<T0, T1>> value) => new(value);
}
