namespace CrdGen.Emit;

/// <summary>
/// The two files crd2pulumi adds to every C# package: the resource base class (Pulumi.Kubernetes' own
/// <c>KubernetesResource</c> has no public constructor) and the provider version lookup.
/// </summary>
internal static class SupportFiles
{
    public static string KubernetesResource(string rootNamespace, string header) =>
        header + $$"""

        namespace {{rootNamespace}}
        {
            /// <summary>
            /// A base class for all Kubernetes resources.
            /// </summary>
            public abstract class KubernetesResource : CustomResource
            {
                /// <summary>
                /// Standard constructor passing arguments to <see cref="CustomResource"/>.
                /// </summary>
                internal KubernetesResource(string type, string name, ResourceArgs? args, CustomResourceOptions? options = null)
                    : base(type, name, args, options)
                {
                }
            }
        }

        """;

    public static string Utilities(string rootNamespace, string header) =>
        header + $$"""

        using System.Reflection;

        namespace {{rootNamespace}}
        {
            static class Utilities
            {
                public static string Version { get; } = GetVersion();

                /// <summary>
                /// The version of the Pulumi.Kubernetes assembly the program references, which selects the provider
                /// plugin. crd2pulumi reads Pulumi.Kubernetes.Utilities.Version by reflection; an assembly without that
                /// type falls back to its informational version.
                /// </summary>
                private static string GetVersion()
                {
                    var assembly = typeof(global::Pulumi.Kubernetes.Types.Inputs.Meta.V1.ObjectMetaArgs).Assembly;
                    var utilities = assembly.GetType("Pulumi.Kubernetes.Utilities");
                    if (utilities?.GetProperty("Version", BindingFlags.Static | BindingFlags.Public)?.GetValue(null) is string version)
                    {
                        return version;
                    }

                    var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                        ?? assembly.GetName().Version?.ToString(3)
                        ?? throw new InvalidOperationException($"The version of {assembly.GetName().Name} could not be read.");
                    var metadataStart = informational.IndexOf('+');
                    return metadataStart < 0 ? informational : informational[..metadataStart];
                }
            }

            internal sealed class CrdsResourceTypeAttribute : global::Pulumi.ResourceTypeAttribute
            {
                public CrdsResourceTypeAttribute(string type) : base(type, Utilities.Version)
                {
                }
            }
        }

        """;
}
