namespace Pulumi.Serialization;

/// <summary>Stands for a value not known yet (an output in a preview), wherever it sits in a serialized tree.</summary>
internal sealed class UnknownValue
{
    public static readonly UnknownValue Instance = new();

    private UnknownValue()
    {
    }
}
