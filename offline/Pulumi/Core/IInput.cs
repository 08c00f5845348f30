namespace Pulumi;

/// <summary>Lets the engine read any <see cref="Input{T}"/> without knowing its T.</summary>
internal interface IInput
{
    IOutput ToOutput();
}
