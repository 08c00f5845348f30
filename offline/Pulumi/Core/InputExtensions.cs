namespace Pulumi;

public static class InputExtensions
{
    public static Output<T> ToOutput<T>(this Input<T>? input)
        => input is null ? Output.Create(default(T)!) : input.ToOutput();
}
