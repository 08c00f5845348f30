using Frontend.Analysis.Manifests;

namespace Frontend.Analysis.Mesh;

internal sealed record ServiceEntryPoint(Manifest Manifest, string Host, IReadOnlyDictionary<string, string> Selector, IReadOnlyList<IReadOnlyDictionary<string, object?>> Ports);

internal sealed record Workload(Manifest Manifest, IReadOnlyDictionary<string, string> PodLabels);

/// <summary>The fewest pods a workload runs: its replicas, or its autoscaler's minimum when one scales it.</summary>
internal sealed record PodFloor(long Pods, bool Autoscaled);

/// <summary>A route or mirror destination of a VirtualService, with the reference type Istio names it by.</summary>
internal sealed record RouteDestination(IReadOnlyDictionary<string, object?> Destination, string ReferenceType)
{
    public string Host => Destination.StringAt("host") ?? "";

    public string? Subset => Destination.StringAt("subset");

    public bool HasPort => Destination.MapAt("port")?.LongAt("number") is not null;
}

/// <summary>The manifests the analysis looks at, indexed by what it asks: Services by host, pod templates by namespace.</summary>
internal sealed class MeshInventory
{
    public const string GatewayApiGroup = "gateway.networking.k8s.io";

    private const string MeshGateway = "mesh";

    private static readonly HashSet<string> WorkloadKinds = new(StringComparer.Ordinal) { "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job" };

    // The kinds whose pod count is spec.replicas (default 1) and that an autoscaler may scale instead.
    private static readonly HashSet<string> ReplicatedKinds = new(StringComparer.Ordinal) { "Deployment", "StatefulSet", "ReplicaSet" };

    public MeshInventory(IEnumerable<Manifest> manifests)
    {
        var all = manifests.ToList();
        Services = all.Where(manifest => manifest is { Group: "", Kind: "Service" })
            .Select(manifest => new ServiceEntryPoint(
                manifest,
                HostName.OfService(manifest.Name, manifest.EffectiveNamespace),
                manifest.Body.MapAt("spec").LabelsAt("selector"),
                manifest.Body.MapAt("spec").MapsAt("ports")))
            .ToList();
        Workloads = all.Where(manifest => WorkloadKinds.Contains(manifest.Kind))
            .Select(manifest => new Workload(manifest, manifest.Body.MapAt("spec").MapAt("template").MapAt("metadata").LabelsAt("labels")))
            .Concat(all.Where(manifest => manifest is { Group: "", Kind: "Pod" })
                .Select(manifest => new Workload(manifest, manifest.Body.MapAt("metadata").LabelsAt("labels"))))
            .ToList();
        DestinationRules = all.Where(manifest => manifest is { Group: "networking.istio.io", Kind: "DestinationRule" }).ToList();
        VirtualServices = all.Where(manifest => manifest is { Group: "networking.istio.io", Kind: "VirtualService" }).ToList();
        Autoscalers = all.Where(manifest => manifest is { Group: "autoscaling", Kind: "HorizontalPodAutoscaler" }).ToList();
        HttpRoutes = all.Where(manifest => manifest is { Group: GatewayApiGroup, Kind: "HTTPRoute" }).ToList();
        Gateways = all.Where(manifest => manifest is { Group: GatewayApiGroup, Kind: "Gateway" }).ToList();
        Namespaces = all.Where(manifest => manifest is { Group: "", Kind: "Namespace" }).ToList();
        ServiceEntryHosts = all.Where(manifest => manifest is { Group: "networking.istio.io", Kind: "ServiceEntry" })
            .SelectMany(manifest => manifest.Body.MapAt("spec").StringsAt("hosts").Select(host => HostName.Qualify(host, manifest.EffectiveNamespace)))
            .ToList();
    }

    public IReadOnlyList<ServiceEntryPoint> Services { get; }

    public IReadOnlyList<Workload> Workloads { get; }

    public IReadOnlyList<Manifest> DestinationRules { get; }

    public IReadOnlyList<Manifest> VirtualServices { get; }

    public IReadOnlyList<Manifest> Autoscalers { get; }

    /// <summary>Gateway API HTTPRoutes.</summary>
    public IReadOnlyList<Manifest> HttpRoutes { get; }

    /// <summary>Gateway API Gateways (an ingress gateway, a waypoint), not Istio's networking.istio.io Gateways.</summary>
    public IReadOnlyList<Manifest> Gateways { get; }

    public IReadOnlyList<Manifest> Namespaces { get; }

    /// <summary>The labels of the namespace, when the manifests declare it; null when they do not.</summary>
    public IReadOnlyDictionary<string, string>? NamespaceLabels(string name) =>
        Namespaces.FirstOrDefault(ns => ns.Name == name)?.Body.MapAt("metadata").LabelsAt("labels");

    public ServiceEntryPoint? Service(string name, string ns) =>
        Services.FirstOrDefault(service => service.Manifest.Name == name && service.Manifest.EffectiveNamespace == ns);

    public IReadOnlyList<string> ServiceEntryHosts { get; }

    public IEnumerable<ServiceEntryPoint> ServicesFor(string qualifiedHost) =>
        Services.Where(service => HostName.Matches(service.Host, qualifiedHost));

    /// <summary>
    /// The pod templates in the Service's namespace whose labels match its selector joined with a subset's labels, as
    /// Istio selects a subset's endpoints; none when the two disagree on a label.
    /// </summary>
    public IEnumerable<Workload> WorkloadsSelectedBy(ServiceEntryPoint service, IReadOnlyDictionary<string, string> subsetLabels)
    {
        if (Combine(service.Selector, subsetLabels) is not { } selector)
        {
            return [];
        }

        return Workloads.Where(workload =>
            workload.Manifest.EffectiveNamespace == service.Manifest.EffectiveNamespace
            && selector.All(label => workload.PodLabels.TryGetValue(label.Key, out var value) && value == label.Value));
    }

    /// <summary>
    /// How many pods the workload runs at the least: spec.replicas (default 1), or when a HorizontalPodAutoscaler in its
    /// namespace targets it, the autoscaler's minReplicas (default 1), which is the count it never goes below. Null for
    /// kinds whose count the manifests do not say (a DaemonSet runs one pod a node, a Job until it completes).
    /// </summary>
    public PodFloor? PodFloorOf(Workload workload)
    {
        var manifest = workload.Manifest;
        if (manifest is { Group: "", Kind: "Pod" })
        {
            return new PodFloor(1, Autoscaled: false);
        }

        if (!ReplicatedKinds.Contains(manifest.Kind))
        {
            return null;
        }

        var autoscaler = Autoscalers.FirstOrDefault(candidate =>
            candidate.EffectiveNamespace == manifest.EffectiveNamespace
            && candidate.Body.MapAt("spec").MapAt("scaleTargetRef") is var target
            && target.StringAt("kind") == manifest.Kind && target.StringAt("name") == manifest.Name);
        return autoscaler is null
            ? new PodFloor(manifest.Body.MapAt("spec").LongAt("replicas") ?? 1, Autoscaled: false)
            : new PodFloor(autoscaler.Body.MapAt("spec").LongAt("minReplicas") ?? 1, Autoscaled: true);
    }

    public static string DestinationRuleHost(Manifest destinationRule) =>
        HostName.Qualify(destinationRule.Body.MapAt("spec").StringAt("host") ?? "", destinationRule.EffectiveNamespace);

    /// <summary>Whether the sidecars apply the VirtualService: its gateways are absent, empty, or include the reserved "mesh".</summary>
    public static bool BindsToMesh(Manifest virtualService)
    {
        var gateways = virtualService.Body.MapAt("spec").StringsAt("gateways");
        return gateways.Count == 0 || gateways.Contains(MeshGateway);
    }

    /// <summary>The gateways other than "mesh" the VirtualService is bound to, as namespace/name (a bare name is in its own namespace).</summary>
    public static IReadOnlyList<string> BoundGateways(Manifest virtualService) =>
        virtualService.Body.MapAt("spec").StringsAt("gateways")
            .Where(gateway => gateway != MeshGateway)
            .Select(gateway => gateway.Contains('/', StringComparison.Ordinal) ? gateway : $"{virtualService.EffectiveNamespace}/{gateway}")
            .Distinct(StringComparer.Ordinal)
            .ToList();

    public static IEnumerable<RouteDestination> Destinations(Manifest virtualService)
    {
        var spec = virtualService.Body.MapAt("spec");
        foreach (var section in new[] { "http", "tcp", "tls" })
        {
            foreach (var route in spec.MapsAt(section))
            {
                foreach (var destination in route.MapsAt("route").Select(weighted => weighted.MapAt("destination")).OfType<IReadOnlyDictionary<string, object?>>())
                {
                    yield return new RouteDestination(destination, "host+subset in destinationrule");
                }

                if (route.MapAt("mirror") is { } mirror)
                {
                    yield return new RouteDestination(mirror, "mirror+subset in destinationrule");
                }

                foreach (var mirror2 in route.MapsAt("mirrors").Select(entry => entry.MapAt("destination")).OfType<IReadOnlyDictionary<string, object?>>())
                {
                    yield return new RouteDestination(mirror2, "mirror+subset in destinationrule");
                }
            }
        }
    }

    private static Dictionary<string, string>? Combine(IReadOnlyDictionary<string, string> selector, IReadOnlyDictionary<string, string> subsetLabels)
    {
        var combined = new Dictionary<string, string>(selector, StringComparer.Ordinal);
        foreach (var (key, value) in subsetLabels)
        {
            if (combined.TryGetValue(key, out var existing) && existing != value)
            {
                return null;
            }

            combined[key] = value;
        }

        return combined;
    }
}
