using System.Collections.Immutable;
using Frontend.Infra.Components;
using Frontend.Infra.Configuration;
using Pulumi;
using Pulumi.Kubernetes.Core.V1;
using Pulumi.Kubernetes.Types.Inputs.Core.V1;
using Pulumi.Kubernetes.Types.Inputs.Meta.V1;

namespace Frontend.Infra;

/// <summary>
/// The composition root: reads and validates the stack's config once, then declares the namespace and
/// the components. Nothing is declared while any rule fails; each problem is one error in Pulumi's output.
/// </summary>
internal static class FrontendStack
{
    /// <summary>The program as <c>pulumi up</c> runs it: config comes from the stack's settings.</summary>
    public static IDictionary<string, object?> Run()
    {
        var loaded = StackConfigLoader.Load(new Config().Get);
        return loaded.Config is null ? Refuse(loaded.Problems) : Declare(loaded.Config);
    }

    /// <summary>Validates <paramref name="config"/> for the current stack and declares its resources.</summary>
    public static IDictionary<string, object?> Declare(StackConfig config)
    {
        var problems = StackConfigValidator.Validate(config, Deployment.Instance.StackName);
        if (problems.Any(p => p.IsError))
        {
            return Refuse(problems);
        }

        foreach (var warning in problems)
        {
            Log.Warn(warning.ToString());
        }

        var namespaceName = DeclareNamespace(config.Namespace);
        var workloads = new FrontendWorkloads(config.App.Name, new FrontendWorkloadsArgs
        {
            Namespace = namespaceName,
            App = config.App,
            Versions = config.Versions,
        });

        return new Dictionary<string, object?>
        {
            ["namespace"] = namespaceName,
            ["serviceHost"] = Output.Format($"{workloads.ServiceName}.{namespaceName}.svc.cluster.local"),
            ["weights"] = config.Versions.ToImmutableDictionary(v => v.Name, v => $"{v.Weight}%"),
        };
    }

    private static Output<string> DeclareNamespace(NamespaceConfig ns)
    {
        if (!ns.Create)
        {
            return Output.Create(ns.Name);
        }

        var injection = ns.IstioRevision is { } revision
            ? ("istio.io/rev", revision)
            : ("istio-injection", "enabled");
        var created = new Namespace(ns.Name, new NamespaceArgs
        {
            Metadata = new ObjectMetaArgs
            {
                Name = ns.Name,
                Labels = { [injection.Item1] = injection.Item2 },
            },
        });
        return created.Metadata.Apply(m => m.Name);
    }

    private static Dictionary<string, object?> Refuse(IReadOnlyList<ConfigProblem> problems)
    {
        foreach (var problem in problems)
        {
            if (problem.IsError)
            {
                Log.Error(problem.ToString());
            }
            else
            {
                Log.Warn(problem.ToString());
            }
        }

        return [];
    }
}
