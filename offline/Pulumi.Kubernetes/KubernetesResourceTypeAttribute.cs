using System;

namespace Pulumi.Kubernetes;

/// <summary>The resource token of a Kubernetes resource class; internal in the real package too.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
internal sealed class KubernetesResourceTypeAttribute : ResourceTypeAttribute
{
    private const string PackageVersion = "4.32.0";

    public KubernetesResourceTypeAttribute(string type)
        : base(type, PackageVersion)
    {
    }
}
