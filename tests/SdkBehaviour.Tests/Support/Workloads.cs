using Pulumi;
using Pulumi.Kubernetes.Types.Inputs.Apps.V1;
using Pulumi.Kubernetes.Types.Inputs.Core.V1;
using Pulumi.Kubernetes.Types.Inputs.Meta.V1;
using Deployment = Pulumi.Kubernetes.Apps.V1.Deployment;
using Service = Pulumi.Kubernetes.Core.V1.Service;

namespace SdkBehaviour.Tests.Support;

/// <summary>Resources shaped like the ones the program declares.</summary>
internal static class Workloads
{
    public static Deployment Deployment(string name = "frontend-v1", CustomResourceOptions? options = null)
        => new(name, new DeploymentArgs
        {
            Metadata = new ObjectMetaArgs { Name = "frontend-v1", Labels = { ["app"] = "frontend", ["version"] = "v1" } },
            Spec = new DeploymentSpecArgs
            {
                Replicas = 2,
                Selector = new LabelSelectorArgs { MatchLabels = { ["app"] = "frontend", ["version"] = "v1" } },
                Template = new PodTemplateSpecArgs
                {
                    Metadata = new ObjectMetaArgs { Labels = { ["app"] = "frontend", ["version"] = "v1" } },
                    Spec = new PodSpecArgs
                    {
                        Containers =
                        {
                            new ContainerArgs
                            {
                                Name = "frontend",
                                Image = "nginx:1.27",
                                Ports = { new ContainerPortArgs { Name = "http", ContainerPortValue = 8080 } },
                                SecurityContext = new SecurityContextArgs { AllowPrivilegeEscalation = false, ReadOnlyRootFilesystem = true },
                            },
                        },
                    },
                },
            },
        }, options);

    public static Service Service(string name, InputUnion<int, string> targetPort, CustomResourceOptions? options = null)
        => new(name, new ServiceArgs
        {
            Metadata = new ObjectMetaArgs { Name = "frontend" },
            Spec = new ServiceSpecArgs
            {
                Selector = { ["app"] = "frontend" },
                Ports = { new ServicePortArgs { Name = "http", Port = 80, TargetPort = targetPort } },
            },
        }, options);

    public static DestinationRule DestinationRule(string name = "dr", CustomResourceOptions? options = null)
        => new(name, new DestinationRuleArgs
        {
            Metadata = new ObjectMetaArgs { Name = "frontend" },
            Spec =
            {
                ["host"] = "frontend",
                ["subsets"] = new[]
                {
                    new Dictionary<string, object> { ["name"] = "v1", ["weight"] = 90 },
                },
            },
        }, options);
}
