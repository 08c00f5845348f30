using System.Collections.Immutable;

namespace Frontend.Infra.Configuration;

/// <summary>The stack's config as read, with everything that kept it from binding.</summary>
internal sealed record LoadedConfig(StackConfig? Config, IReadOnlyList<ConfigProblem> Problems);

/// <summary>
/// Reads the stack's keys as Pulumi passes them (a structured value arrives as JSON text) and binds
/// them to <see cref="StackConfig"/>. Rules about the values themselves live in <see cref="StackConfigValidator"/>.
/// </summary>
internal static class StackConfigLoader
{
    /// <summary>The top-level keys the program reads; any other key of the project's namespace is a mistake.</summary>
    public static readonly IReadOnlyList<string> KnownKeys =
        ["app", "autoscaling", "cluster", "ingress", "mesh", "mtls", "namespace", "podDisruptionBudget", "production", "rollout", "routing", "stickiness", "trafficPolicy", "versions"];

    /// <param name="get">Reads one key of the project's namespace, null when absent: <c>new Config().Get</c>.</param>
    public static LoadedConfig Load(Func<string, string?> get) => Load(get, presentKeys: []);

    /// <param name="get">Reads one key of the project's namespace, null when absent: <c>new Config().Get</c>.</param>
    /// <param name="presentKeys">
    /// Every key of the project's namespace the stack sets (<see cref="StackConfigKeys.FromEnvironment"/>), so
    /// that a key the program would never read is reported with the known key it was probably meant to be.
    /// </param>
    /// <param name="secretKeys">The keys that hold a secret (<see cref="StackConfigKeys.SecretsFromEnvironment"/>); none when null.</param>
    /// <param name="undecryptedSecrets">The leaves an offline render replaced by a placeholder (<see cref="StackConfig.UndecryptedSecrets"/>); none under <c>pulumi</c>.</param>
    public static LoadedConfig Load(Func<string, string?> get, IEnumerable<string> presentKeys, IEnumerable<string>? secretKeys = null, IEnumerable<string>? undecryptedSecrets = null)
    {
        ArgumentNullException.ThrowIfNull(get);
        ArgumentNullException.ThrowIfNull(presentKeys);
        var unknown = presentKeys
            .Where(key => !KnownKeys.Contains(key, StringComparer.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(key => (Key: key, Closest: Spelling.Closest(key, KnownKeys)))
            .ToList();
        var problems = unknown.Select(u => UnknownKey(u.Key, u.Closest, get(u.Key))).ToList();

        // A key written with nothing under it (`frontend:cluster:`) reaches the program as an empty string: it sets
        // nothing, so it reads as absent and the rules say what is missing (a production stack's cluster, say).
        T? Optional<T>(string key) =>
            get(key) is { } json && !string.IsNullOrWhiteSpace(json) ? ConfigBinder.Bind<T>(ConfigPath.Root(key), json, problems) : default;

        var cluster = Optional<ClusterConfig>("cluster");
        var autoscaling = Optional<AutoscalingConfig>("autoscaling");
        var ns = Optional<NamespaceConfig>("namespace");
        var app = Optional<AppConfig>("app");
        var production = Optional<bool?>("production");
        var versions = Optional<List<VersionConfig>>("versions");
        var trafficPolicy = Optional<TrafficPolicyConfig>("trafficPolicy");
        var routing = Optional<RoutingConfig>("routing");
        var ingress = Optional<IngressConfig>("ingress");
        var stickiness = Optional<StickinessConfig>("stickiness");
        var mesh = Optional<MeshConfig>(GatewayApiRules.Key);
        var mtls = Optional<MtlsConfig>("mtls");
        var disruptionBudget = Optional<DisruptionBudgetConfig>("podDisruptionBudget");
        var rollout = Optional<RolloutConfig>(RolloutRules.Key);
        // A misspelt versions key already says which key was meant; "versions is missing" would repeat it.
        if (string.IsNullOrWhiteSpace(get("versions")) && !unknown.Any(u => u.Closest == "versions"))
        {
            problems.Add(MissingVersions());
        }

        if (problems.Count > 0 || versions is null)
        {
            return new LoadedConfig(null, problems);
        }

        var config = new StackConfig
        {
            Cluster = cluster,
            Autoscaling = autoscaling,
            Namespace = ns ?? new NamespaceConfig(),
            App = app ?? new AppConfig(),
            Versions = versions,
            Production = production,
            TrafficPolicy = trafficPolicy,
            Routing = routing ?? new RoutingConfig(),
            Ingress = ingress,
            Stickiness = stickiness,
            Mesh = mesh ?? new MeshConfig(),
            Mtls = mtls,
            PodDisruptionBudget = disruptionBudget,
            Rollout = rollout,
            SecretKeys = (secretKeys ?? []).ToImmutableSortedSet(StringComparer.Ordinal),
            UndecryptedSecrets = (undecryptedSecrets ?? []).ToImmutableSortedSet(StringComparer.Ordinal),
        };
        return new LoadedConfig(config, problems);
    }

    private static ConfigProblem UnknownKey(string key, string? closest, string? value)
    {
        var path = ConfigPath.Root(ConfigValue.Name(key));
        var fix = closest is null
            ? $"remove it ({path.RemoveCommand()}); the keys this program reads are {string.Join(", ", KnownKeys.Select(k => $"{ConfigPath.Project}:{k}"))}"
            : $"did you mean '{closest}'? Rename the key in the stack file to {ConfigPath.Project}:{closest}, or {path.RemoveCommand()}";
        return new ConfigProblem(path, "unknown key", ConfigValue.ShowRaw(value), fix);
    }

    private static ConfigProblem MissingVersions()
    {
        var first = ConfigPath.Root("versions").Index(0);
        return new ConfigProblem(
            ConfigPath.Root("versions"),
            "at least one version is required",
            "(not set)",
            $"{first.Property("name").SetCommand("v1")} && {first.Property("image").SetCommand("<image:tag>")} && {first.Property("weight").SetCommand("100")}");
    }
}
