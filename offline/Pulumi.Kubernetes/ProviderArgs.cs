using Pulumi;

namespace Pulumi.Kubernetes;

/// <summary>The provider's settings this program uses; the real class has more, all optional.</summary>
public sealed class ProviderArgs : ResourceArgs
{
    /// <summary>When set, the provider (and with it every resource it manages) is replaced only when this changes.</summary>
    [Input("clusterIdentifier")]
    public Input<string>? ClusterIdentifier { get; set; }

    /// <summary>The kubeconfig context to use; unset means the kubeconfig's current context.</summary>
    [Input("context")]
    public Input<string>? Context { get; set; }

    public ProviderArgs()
    {
    }

    public static new ProviderArgs Empty => new ProviderArgs();
}
