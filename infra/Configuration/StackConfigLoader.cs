namespace Frontend.Infra.Configuration;

/// <summary>The stack's config as read, with everything that kept it from binding.</summary>
internal sealed record LoadedConfig(StackConfig? Config, IReadOnlyList<ConfigProblem> Problems);

/// <summary>
/// Reads the stack's keys as Pulumi passes them (a structured value arrives as JSON text) and binds
/// them to <see cref="StackConfig"/>. Rules about the values themselves live in <see cref="StackConfigValidator"/>.
/// </summary>
internal static class StackConfigLoader
{
    /// <param name="get">Reads one key of the project's namespace, null when absent: <c>new Config().Get</c>.</param>
    public static LoadedConfig Load(Func<string, string?> get)
    {
        var problems = new List<ConfigProblem>();

        T? Optional<T>(string key) =>
            get(key) is { } json ? ConfigBinder.Bind<T>(ConfigPath.Root(key), json, problems) : default;

        var ns = Optional<NamespaceConfig>("namespace");
        var app = Optional<AppConfig>("app");
        var production = Optional<bool?>("production");
        var versions = Optional<List<VersionConfig>>("versions");
        var trafficPolicy = Optional<TrafficPolicyConfig>("trafficPolicy");
        var routing = Optional<RoutingConfig>("routing");
        var mtls = Optional<MtlsConfig>("mtls");
        var disruptionBudget = Optional<DisruptionBudgetConfig>("podDisruptionBudget");
        if (get("versions") is null)
        {
            problems.Add(MissingVersions());
        }

        if (problems.Count > 0 || versions is null)
        {
            return new LoadedConfig(null, problems);
        }

        var config = new StackConfig
        {
            Namespace = ns ?? new NamespaceConfig(),
            App = app ?? new AppConfig(),
            Versions = versions,
            Production = production,
            TrafficPolicy = trafficPolicy,
            Routing = routing ?? new RoutingConfig(),
            Mtls = mtls,
            PodDisruptionBudget = disruptionBudget,
        };
        return new LoadedConfig(config, problems);
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
