namespace Pulumi;

/// <summary>A value a resource accepts: either a plain value or an output of another resource.</summary>
public class Input<T> : IInput
{
    private protected Input(Output<T> outputValue)
    {
        OutputValue = outputValue;
    }

    private protected Output<T> OutputValue { get; set; }

    public static implicit operator Input<T>(T value) => Output.Create(value);

    public static implicit operator Input<T>(Output<T> value) => new(value);

    public static implicit operator Output<T>(Input<T> input) => input.OutputValue;

    internal Output<T> ToOutput() => OutputValue;

    IOutput IInput.ToOutput() => OutputValue;
}
