using System.Collections.Immutable;
using Frontend.Infra.Components;
using Frontend.Infra.Configuration;
using Pulumi;
using Pulumi.Crds.Security.V1;
using Pulumi.Kubernetes.Core.V1;
using Pulumi.Kubernetes.Types.Inputs.Core.V1;
using Pulumi.Kubernetes.Types.Inputs.Meta.V1;
using Pulumi.Kubernetes.Types.Inputs.Security.V1;
using KubernetesProvider = Pulumi.Kubernetes.Provider;
using KubernetesProviderArgs = Pulumi.Kubernetes.ProviderArgs;

namespace Frontend.Infra;

/// <summary>
/// The composition root: reads and validates the stack's config once, then declares the stack's cluster
/// (an explicit provider), the namespace, the workloads, the traffic split and the app's mTLS policy. Nothing is declared while any rule fails;
/// the problems are one error in Pulumi's output, in the validator's order.
/// </summary>
internal static class FrontendStack
{
    /// <summary>The program as <c>pulumi up</c> runs it: config comes from the stack's settings.</summary>
    public static IDictionary<string, object?> Run() => Run(undecryptedSecrets: []);

    /// <summary>
    /// The program as the offline render runs it: <paramref name="undecryptedSecrets"/> names the <c>secure:</c>
    /// leaves it passed as a placeholder, whose format the rules cannot check (see <see cref="StackConfig.UndecryptedSecrets"/>).
    /// </summary>
    public static IDictionary<string, object?> Run(IReadOnlyCollection<string> undecryptedSecrets)
    {
        var loaded = StackConfigLoader.Load(new Config().Get, StackConfigKeys.FromEnvironment(), StackConfigKeys.SecretsFromEnvironment(), undecryptedSecrets);
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

        Report(problems);

        var cluster = DeclareCluster(config.Cluster);
        var production = StackConfigValidator.IsProduction(config, Deployment.Instance.StackName);
        var ambient = GatewayApiRules.IsAmbient(config);
        var namespaceName = DeclareNamespace(config.Namespace, ambient, cluster, production);
        var waypoint = ambient ? config.Mesh.Waypoint ?? new WaypointConfig() : null;
        if (waypoint is { Create: true })
        {
            DeclareWaypoint(waypoint, namespaceName, config.Namespace.IstioRevision, cluster);
        }

        var gatewayApi = GatewayApiRules.UsesGatewayApi(config);
        var workloads = new FrontendWorkloads(config.App.Name, new FrontendWorkloadsArgs
        {
            Namespace = namespaceName,
            App = config.App,
            Versions = config.Versions,
            DisruptionBudget = config.PodDisruptionBudget,
            Autoscaling = config.Autoscaling,
            ParkedVersion = RolloutRules.ParkedCanary(config),
            VersionServices = gatewayApi,
            Waypoint = waypoint?.Name,
        }, new ComponentResourceOptions { Provider = cluster });

        var serviceHost = Output.Format($"{workloads.ServiceName}.{namespaceName}.svc.cluster.local");
        var split = new TrafficSplit(config.App.Name, new TrafficSplitArgs
        {
            Namespace = namespaceName,
            AppName = config.App.Name,
            Api = config.Mesh.Api,
            IngressApi = GatewayApiRules.IngressApi(config),
            GatewayApiRetries = GatewayApiRules.HasExperimentalChannel(config),
            VersionServices = workloads.VersionServices.ToImmutableDictionary(
                pair => pair.Key,
                pair => new VersionService(pair.Value, Output.Format($"{pair.Value.Metadata.Apply(m => m.Name)}.{namespaceName}.svc.cluster.local"))),
            ServiceHost = serviceHost,
            ServicePort = config.App.ServicePort,
            RouteKind = PortProtocolRules.KindOf(config.App.PortName),
            Versions = config.Versions,
            TrafficPolicy = config.TrafficPolicy,
            Routing = config.Routing,
            Ingress = config.Ingress,
            Stickiness = config.Stickiness,
            Rollout = config.Rollout,
            Workloads = workloads.DeploymentsByVersion,
            RoutingIsSecret = config.SecretKeys.Contains(SecretRules.RoutingKey),
        }, new ComponentResourceOptions { Provider = cluster });

        if (config.Mtls is { } mtls)
        {
            DeclarePeerAuthentication(config.App.Name, namespaceName, mtls, cluster);
        }

        var outputs = new Dictionary<string, object?>
        {
            ["namespace"] = namespaceName,
            ["serviceHost"] = serviceHost,
            ["weights"] = config.Versions.ToImmutableDictionary(v => v.Name, v => $"{v.Weight}%"),
        };
        if (gatewayApi)
        {
            // The Gateway API routes to a Service per version; there are no subsets.
            outputs["versionServices"] = config.Versions.Select(v => FrontendWorkloads.VersionServiceName(config.App.Name, v.Name)).ToImmutableArray();
        }
        else
        {
            outputs["subsets"] = split.SubsetNames;
        }

        return outputs;
    }

    /// <summary>
    /// The stack's cluster as an explicit provider that every resource uses (null: Pulumi's default
    /// provider, which follows the current kube context). Its <c>clusterIdentifier</c> makes a change of
    /// cluster replace the provider and with it every resource, so <c>pulumi preview</c> shows it.
    /// </summary>
    private static KubernetesProvider? DeclareCluster(ClusterConfig? cluster) =>
        cluster is null
            ? null
            : new KubernetesProvider("cluster", new KubernetesProviderArgs { Context = cluster.Context, ClusterIdentifier = cluster.EffectiveIdentifier });

    /// <summary>mTLS for the app's own workloads only (selected by the Service's label), not the whole namespace.</summary>
    private static PeerAuthentication DeclarePeerAuthentication(string appName, Output<string> namespaceName, MtlsConfig mtls, KubernetesProvider? cluster) =>
        new(appName, new PeerAuthenticationArgs
        {
            Metadata = new ObjectMetaArgs { Name = appName, Namespace = namespaceName },
            Spec = new PeerAuthenticationSpecArgs
            {
                Selector = new PeerAuthenticationSpecSelectorArgs { MatchLabels = WorkloadLabels.App(appName) },
                Mtls = new PeerAuthenticationSpecMtlsArgs { Mode = mtls.Mode },
            },
        }, new CustomResourceOptions { Provider = cluster });

    /// <summary>
    /// The namespace holds more than this stack (other teams' objects, TLS credentials, whatever tools put
    /// there) and Kubernetes has no undo, so it outlives the stack: when the stack stops declaring it
    /// (<c>namespace.create: false</c>, a rename, <c>pulumi destroy</c>) it only leaves Pulumi's state. In
    /// production it is also protected: Pulumi refuses any plan that would delete it until someone runs
    /// <c>pulumi state unprotect</c> on purpose.
    /// </summary>
    private static Output<string> DeclareNamespace(NamespaceConfig ns, bool ambient, KubernetesProvider? cluster, bool production)
    {
        if (!ns.Create)
        {
            return Output.Create(ns.Name);
        }

        // Ambient captures the namespace's pods in ztunnel instead of injecting a sidecar; a revision then picks the
        // waypoint's control plane (on the waypoint), not an injector.
        var injection = ambient
            ? ("istio.io/dataplane-mode", "ambient")
            : ns.IstioRevision is { } revision
                ? ("istio.io/rev", revision)
                : ("istio-injection", "enabled");
        var created = new Namespace(ns.Name, new NamespaceArgs
        {
            Metadata = new ObjectMetaArgs
            {
                Name = ns.Name,
                Labels = { [injection.Item1] = injection.Item2 },
            },
        }, new CustomResourceOptions { Provider = cluster, RetainOnDelete = true, Protect = production });
        return created.Metadata.Apply(m => m.Name);
    }

    /// <summary>
    /// The ambient waypoint: an Envoy that Istio deploys for the Gateway (class <c>istio-waypoint</c>), taking HBONE on
    /// 15008 and applying the routes and policies of the Services bound to it (<c>istio.io/waypoint-for: service</c>).
    /// A revisioned control plane is chosen on the waypoint itself.
    /// </summary>
    private static Pulumi.Crds.Gateway.V1.Gateway DeclareWaypoint(WaypointConfig waypoint, Output<string> namespaceName, string? istioRevision, KubernetesProvider? cluster)
    {
        var labels = new InputMap<string> { ["istio.io/waypoint-for"] = "service" };
        if (istioRevision is not null)
        {
            labels["istio.io/rev"] = istioRevision;
        }

        return new Pulumi.Crds.Gateway.V1.Gateway(waypoint.Name, new Pulumi.Kubernetes.Types.Inputs.Gateway.V1.GatewayArgs
        {
            Metadata = new ObjectMetaArgs { Name = waypoint.Name, Namespace = namespaceName, Labels = labels },
            Spec = new Pulumi.Kubernetes.Types.Inputs.Gateway.V1.GatewaySpecArgs
            {
                GatewayClassName = "istio-waypoint",
                Listeners = [new Pulumi.Kubernetes.Types.Inputs.Gateway.V1.GatewaySpecListenersArgs { Name = "mesh", Port = 15008, Protocol = "HBONE" }],
            },
        }, new CustomResourceOptions { Provider = cluster });
    }

    private static Dictionary<string, object?> Refuse(IReadOnlyList<ConfigProblem> problems)
    {
        Log.Error(ConfigReport.Refusal([.. problems.Where(p => p.IsError)], Deployment.Instance.StackName));
        Report(problems);
        return [];
    }

    /// <summary>Warnings, and rules an offline render could not check, each kind as one message (see <see cref="ConfigReport"/>).</summary>
    private static void Report(IReadOnlyList<ConfigProblem> problems)
    {
        var warnings = problems.Where(p => p.Severity == ProblemSeverity.Warning).ToList();
        if (warnings.Count > 0)
        {
            Log.Warn(ConfigReport.Warnings(warnings, Deployment.Instance.StackName));
        }

        var notChecked = problems.Where(p => p.Severity == ProblemSeverity.NotCheckedOffline).ToList();
        if (notChecked.Count > 0)
        {
            Log.Info(ConfigReport.NotCheckedOffline(notChecked, Deployment.Instance.StackName));
        }
    }
}
