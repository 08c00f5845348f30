using Pulumi;
using Pulumi.Kubernetes.Types.Inputs.Meta.V1;

namespace SdkBehaviour.Tests.Support;

internal sealed class DestinationRuleArgs : ResourceArgs
{
    [Input("apiVersion")]
    public Input<string>? ApiVersion { get; set; }

    [Input("kind")]
    public Input<string>? Kind { get; set; }

    [Input("metadata")]
    public Input<ObjectMetaArgs>? Metadata { get; set; }

    [Input("spec")]
    private InputMap<object>? _spec;

    public InputMap<object> Spec
    {
        get => _spec ??= [];
        set => _spec = value;
    }
}
