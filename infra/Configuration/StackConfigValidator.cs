namespace Frontend.Infra.Configuration;

/// <summary>
/// Every rule the stack enforces before it declares anything. All problems are reported at once,
/// each naming the key, the rule, the value and the fix.
/// </summary>
internal static class StackConfigValidator
{
    /// <summary>A typo guard: raise it deliberately if a single version really needs more pods.</summary>
    public const int MaxReplicas = 1000;

    /// <summary>Istio's sidecar proxy runs as this UID; an app container must never share it.</summary>
    public const int IstioProxyUid = 1337;

    /// <summary>Ports the Istio sidecar listens on in every pod; the app cannot use them.</summary>
    public static readonly IReadOnlySet<int> IstioReservedPorts = new HashSet<int> { 15000, 15001, 15004, 15006, 15008, 15009, 15020, 15021, 15053, 15090 };

    /// <summary>The protocols Istio recognises from a Service port name (<c>http</c> or <c>http-web</c>).</summary>
    public static readonly IReadOnlyList<string> PortProtocols = ["http", "http2", "https", "grpc", "grpc-web", "tcp", "tls", "udp", "mongo", "mysql", "redis"];

    /// <summary>Whether a port name is one of <see cref="PortProtocols"/>, alone or followed by <c>-suffix</c>.</summary>
    public static bool NamesAProtocol(string portName) =>
        PortProtocols.Any(p => portName == p || portName.StartsWith(p + "-", StringComparison.Ordinal));

    public static IReadOnlyList<ConfigProblem> Validate(StackConfig config, string stackName)
    {
        var problems = new Problems(config);
        var production = IsProduction(config, stackName);
        SecretRules.Validate(config, problems);
        ClusterRules.Validate(config.Cluster, production, problems);
        ValidateNamespace(config.Namespace, problems);
        ValidateApp(config.App, problems);
        ShutdownRules.Validate(config, problems);
        ValidateVersions(config, production, problems);
        AutoscalingRules.Validate(config, problems);
        TrafficRules.Validate(config, production, problems);
        IngressRules.Validate(config, problems);
        StickinessRules.Validate(config, problems);
        MirrorRules.Validate(config, problems);
        PortProtocolRules.Validate(config, problems);
        RolloutRules.Validate(config, problems);
        GatewayApiRules.Validate(config, problems);
        return problems.All;
    }

    public static bool IsProduction(StackConfig config, string stackName) =>
        config.Production ?? (stackName == "prod" || stackName.StartsWith("prod-", StringComparison.Ordinal));

    private static void ValidateNamespace(NamespaceConfig ns, Problems problems)
    {
        var root = ConfigPath.Root("namespace");
        if (!Names.IsDns1123Label(ns.Name))
        {
            var path = root.Property("name");
            problems.Error(path, "must be a DNS-1123 label (lower-case letters, digits and '-', at most 63 characters)", ConfigValue.Show(ns.Name), path.SetCommand(Names.ToDns1123Label(ns.Name)));
        }

        if (ns.IstioRevision is { } revision && !Names.IsDns1123Label(revision))
        {
            var path = root.Property("istioRevision");
            problems.Error(path, "must be an Istio revision name (a DNS-1123 label such as 1-30-3)", ConfigValue.Show(revision), path.SetCommand(Names.ToDns1123Label(revision)));
        }
    }

    private static void ValidateApp(AppConfig app, Problems problems)
    {
        var root = ConfigPath.Root("app");
        if (!Names.IsDns1035Label(app.Name))
        {
            var path = root.Property("name");
            problems.Error(path, "must be a DNS-1035 label (it names the Service: start with a letter; lower-case letters, digits and '-')", ConfigValue.Show(app.Name), path.SetCommand("frontend"));
        }

        problems.InRange(root.Property("containerPort"), app.ContainerPort, 1, 65535);
        if (IstioReservedPorts.Contains(app.ContainerPort))
        {
            var path = root.Property("containerPort");
            problems.Error(path, $"is reserved by the Istio sidecar ({string.Join(", ", IstioReservedPorts.Order())})", ConfigValue.Show(app.ContainerPort), path.SetCommand("8080"));
        }

        problems.InRange(root.Property("servicePort"), app.ServicePort, 1, 65535);
        ValidatePortName(root.Property("portName"), app.PortName, problems);
        ValidateProbes(root.Property("probes"), app.Probes, problems);
        ValidateResources(root.Property("resources"), app.Resources, problems);
        ValidateSecurity(root.Property("security"), app.Security, problems);
    }

    private static void ValidatePortName(ConfigPath path, string name, Problems problems)
    {
        if (!NamesAProtocol(name))
        {
            problems.Error(path, $"must name the protocol so Istio can route it: one of {string.Join(", ", PortProtocols)}, optionally followed by '-suffix'", ConfigValue.Show(name), path.SetCommand("http"));
        }
        else if (name.Length > 15 || !Names.IsDns1123Label(name))
        {
            problems.Error(path, "must be a Kubernetes port name (at most 15 lower-case letters, digits and '-')", ConfigValue.Show(name), path.SetCommand("http"));
        }
    }

    private static void ValidateProbes(ConfigPath root, ProbesConfig probes, Problems problems)
    {
        foreach (var (key, value) in new[] { ("readinessPath", probes.ReadinessPath), ("livenessPath", probes.LivenessPath) })
        {
            if (!value.StartsWith('/') || value.Any(char.IsWhiteSpace))
            {
                var path = root.Property(key);
                problems.Error(path, "must be an HTTP path starting with '/'", ConfigValue.Show(value), path.SetCommand("/healthz"));
            }
        }

        problems.InRange(root.Property("initialDelaySeconds"), probes.InitialDelaySeconds, 0, 3600);
        problems.InRange(root.Property("periodSeconds"), probes.PeriodSeconds, 1, 3600);
        problems.InRange(root.Property("startupTimeoutSeconds"), probes.StartupTimeoutSeconds, 1, 3600);
    }

    private static void ValidateResources(ConfigPath root, ResourcesConfig resources, Problems problems)
    {
        var quantities = new[]
        {
            ("cpuRequest", resources.CpuRequest, "100m"),
            ("cpuLimit", resources.CpuLimit, "500m"),
            ("memoryRequest", resources.MemoryRequest, "128Mi"),
            ("memoryLimit", resources.MemoryLimit, "256Mi"),
        };
        foreach (var (key, value, example) in quantities)
        {
            if (!Quantity.TryParse(value, out _))
            {
                var path = root.Property(key);
                problems.Error(path, "must be a Kubernetes quantity (such as 250m, 1, 128Mi, 1Gi)", ConfigValue.Show(value), path.SetCommand(example));
            }
        }

        RequestWithinLimit(root, "cpuRequest", resources.CpuRequest, "cpuLimit", resources.CpuLimit, problems);
        RequestWithinLimit(root, "memoryRequest", resources.MemoryRequest, "memoryLimit", resources.MemoryLimit, problems);
    }

    private static void RequestWithinLimit(ConfigPath root, string requestKey, string request, string limitKey, string limit, Problems problems)
    {
        if (Quantity.TryParse(request, out var requested) && Quantity.TryParse(limit, out var limited) && requested > limited)
        {
            var path = root.Property(requestKey);
            problems.Error(path, $"must not exceed {root.Property(limitKey).Path} ({limit}); Kubernetes rejects such a pod", ConfigValue.Show(request), path.SetTextCommand(limit));
        }
    }

    private static void ValidateSecurity(ConfigPath root, PodSecurityConfig security, Problems problems)
    {
        var path = root.Property("runAsUser");
        if (security.RunAsUser == IstioProxyUid)
        {
            problems.Error(path, $"must not be {IstioProxyUid}, the UID of Istio's sidecar proxy (its traffic would bypass the mesh)", ConfigValue.Show(security.RunAsUser), path.SetCommand("10001"));
        }
        else
        {
            problems.InRange(path, security.RunAsUser, 1, int.MaxValue, "0 is root; pods run as non-root");
        }
    }

    private static void ValidateVersions(StackConfig config, bool production, Problems problems)
    {
        var root = ConfigPath.Root("versions");
        if (config.Versions.Count == 0)
        {
            problems.Error(root, "must list at least one version", "[]", $"{root.Index(0).Property("name").SetCommand("v1")} (with an image and weight 100)");
            return;
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < config.Versions.Count; i++)
        {
            var version = config.Versions[i];
            var path = root.Index(i);
            ValidateVersionName(path.Property("name"), version.Name, config, problems);
            if (seen.TryGetValue(version.Name, out var first))
            {
                problems.Error(path.Property("name"), $"must be unique; versions[{first}] already has this name", ConfigValue.Show(version.Name), path.Property("name").SetCommand($"v{config.Versions.Count + 1}"));
            }
            else
            {
                seen[version.Name] = i;
            }

            ValidateImage(path.Property("image"), version.Image, production, problems);
            // A version with traffic needs a pod, so below the range the fix proposes 1, which passes that rule too.
            problems.InRange(path.Property("replicas"), version.Replicas, 0, MaxReplicas, lowestFix: version.Weight > 0 ? 1 : 0);
            problems.InRange(path.Property("weight"), version.Weight, 0, 100, "a percentage of traffic");
            // An autoscaled version's floor is its minReplicas, which the autoscaling rules keep at 1 or more.
            if (version.Weight > 0 && VersionScaling.For(config.Autoscaling, version) is { Autoscaled: false, Floor: 0 })
            {
                problems.Error(path.Property("replicas"), $"must be at least 1 while the version receives traffic (weight {version.Weight}); a routed version with no pods returns 503", "0", path.Property("replicas").SetCommand("1"));
            }
        }

        ValidateWeightTotal(root, config.Versions, problems);
    }

    /// <summary>Every other key that names <paramref name="version"/>: tester routes, the mirror, the rollout plan.</summary>
    private static IEnumerable<ConfigPath> References(StackConfig config, string version)
    {
        var routing = ConfigPath.Root("routing");
        for (var i = 0; i < config.Routing.Matches.Count; i++)
        {
            if (config.Routing.Matches[i].Version == version)
            {
                yield return routing.Property("matches").Index(i).Property("version");
            }
        }

        if (config.Routing.Mirror?.Version == version)
        {
            yield return routing.Property("mirror").Property("version");
        }

        if (config.Rollout is { } plan)
        {
            var rollout = ConfigPath.Root(RolloutRules.Key);
            if (plan.Canary == version)
            {
                yield return rollout.Property("canary");
            }

            for (var i = 0; i < plan.Stable.Count; i++)
            {
                if (plan.Stable[i] == version)
                {
                    yield return rollout.Property("stable").Index(i);
                }
            }
        }
    }

    private static void ValidateVersionName(ConfigPath path, string name, StackConfig config, Problems problems)
    {
        var appName = config.App.Name;
        if (!Names.IsDns1123Label(name))
        {
            // The root of every problem that names this version: the fix renames it everywhere it is named, so none of
            // those problems is left behind or told to take the invalid name.
            var renamed = Names.ToDns1123Label(name);
            var fix = string.Join(" && ", References(config, name).Select(reference => reference.SetCommand(renamed)).Prepend(path.SetCommand(renamed)));
            problems.Error(path, "must be a DNS-1123 label (lower-case letters, digits and '-', at most 63 characters); it names the Istio subset and the version label", ConfigValue.Show(name), fix);
        }
        else if (appName.Length + 1 + name.Length > Names.MaxLabelLength)
        {
            problems.Error(path, $"is too long: the Deployment '{appName}-{name}' must be at most {Names.MaxLabelLength} characters", ConfigValue.Show(name), path.SetCommand(name[..Math.Max(1, Names.MaxLabelLength - appName.Length - 1)].TrimEnd('-')));
        }
    }

    private static void ValidateImage(ConfigPath path, string image, bool production, Problems problems)
    {
        if (!ImageReference.IsWellFormed(image))
        {
            problems.Error(path, "must be a container image reference (registry/name:tag or name@sha256:digest)", ConfigValue.Show(image), path.SetCommand("<registry>/<name>:<tag>"));
            return;
        }

        var reference = ImageReference.Parse(image);
        if (production && !reference.IsPinned)
        {
            problems.Error(path, "must be pinned by a tag other than 'latest' or by a digest in production, so every rollout is reproducible", ConfigValue.Show(image), path.SetCommand($"{reference.Repository}:<version>"));
        }
    }

    private static void ValidateWeightTotal(ConfigPath root, IReadOnlyList<VersionConfig> versions, Problems problems)
    {
        if (versions.Any(v => v.Weight is < 0 or > 100))
        {
            return;
        }

        var total = versions.Sum(v => v.Weight);
        if (total == 100)
        {
            return;
        }

        var breakdown = string.Join(", ", versions.Select(v => $"{v.Name} {v.Weight}"));
        var adjust = Enumerable.Range(0, versions.Count).LastOrDefault(i => versions[i].Weight + 100 - total is >= 0 and <= 100, -1);
        var fix = adjust < 0
            ? "set the weights so they add up to 100"
            : root.Index(adjust).Property("weight").SetCommand(ConfigValue.Show(versions[adjust].Weight + 100 - total));
        problems.Error(root, $"weights must add up to exactly 100 (a percentage split), but they add up to {total}", ConfigValue.Shorten($"[{breakdown}]"), fix);
    }
}
