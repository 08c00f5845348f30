using Pulumi;

namespace Pulumi.Kubernetes;

/// <summary>
/// An explicit Kubernetes provider, registered as <c>pulumi:providers:kubernetes</c>. Written by hand:
/// it lives outside the generated resource namespaces.
/// </summary>
[KubernetesResourceType("pulumi:providers:kubernetes")]
public class Provider : ProviderResource
{
    public Provider(string name, ProviderArgs? args = null, CustomResourceOptions? options = null)
        : base("kubernetes", name, args ?? new ProviderArgs(), options)
    {
    }
}
