using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace SdkBehaviour.Tests;

/// <summary>
/// C# resolves a simple name against every type of every imported namespace, so a build is only as right as
/// the set of type names the Pulumi assemblies declare. These probes compile small programs against the very
/// Pulumi assemblies this build references (the stand-in offline, the real packages otherwise) and expect
/// what the real packages give: the offline build must fail wherever the real one fails on names.
/// </summary>
public sealed class NameLookupTests
{
    [Fact]
    public void Compile_ConfigWithPulumiAndPulumiKubernetesImported_IsAmbiguousAsOnTheRealPackages()
    {
        var errors = Compile("""
            using Pulumi;
            using Pulumi.Kubernetes;

            internal static class Program
            {
                private static object Read() => new Config();
            }
            """);

        var ambiguous = Assert.Single(errors);
        Assert.Equal("CS0104", ambiguous.Id);
        Assert.Contains("'Pulumi.Kubernetes.Config'", ambiguous.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("'Pulumi.Config'", ambiguous.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_ConfigWithOnlyPulumiImported_BindsToPulumiConfig()
    {
        var errors = Compile("""
            using Pulumi;
            using KubernetesProvider = Pulumi.Kubernetes.Provider;

            internal static class Program
            {
                private static object Read() => new Config();
                private static string Name() => nameof(KubernetesProvider);
            }
            """);

        Assert.Empty(errors);
    }

    [Fact]
    public void Compile_ResourceInsideAKubernetesInputsNamespace_BindsToTheNamespaceThatTheRealPackageDeclares()
    {
        // Code generated into Pulumi.Kubernetes.Types.Inputs.* (as crd2pulumi's layout puts it) sees that
        // namespace's children by simple name: 'Resource' is the resource.k8s.io group's namespace there, not
        // Pulumi.Resource.
        var errors = Compile("""
            namespace Pulumi.Kubernetes.Types.Inputs.Networking.V1
            {
                internal static class Probe
                {
                    private static System.Type Of() => typeof(Resource);
                }
            }
            """);

        Assert.Contains(errors, error => error.Id == "CS0118");
    }

    private static ImmutableArray<Diagnostic> Compile(string source)
    {
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var pulumi = new[] { typeof(Pulumi.Config).Assembly.Location, typeof(Pulumi.Kubernetes.Provider).Assembly.Location };
        var compilation = CSharpCompilation.Create(
            "NameLookupProbe",
            [CSharpSyntaxTree.ParseText(source)],
            platform.Concat(pulumi).Select(path => MetadataReference.CreateFromFile(path)),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        return [.. compilation.GetDiagnostics().Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error)];
    }
}
