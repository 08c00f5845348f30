using Pulumi;

namespace SdkBehaviour.Tests.Support;

/// <summary>A component like the program's own: a stable type token, children parented to it, outputs registered.</summary>
internal sealed class TestComponent : ComponentResource
{
    public const string Type = "acme:demo:Comp";

    public TestComponent(string name, Action<TestComponent>? declareChildren = null, ComponentResourceOptions? options = null)
        : base(Type, name, options)
    {
        declareChildren?.Invoke(this);
        Answer = Output.Create(42);
        RegisterOutputs(new Dictionary<string, object?> { ["answer"] = Answer });
    }

    public Output<int> Answer { get; }
}
