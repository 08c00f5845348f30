using System.Globalization;
using System.Text.RegularExpressions;
using Frontend.Cli.Rollout;
using Frontend.Cli.Stacks;
using Frontend.Infra.Configuration;

namespace Frontend.Cli.Commands;

/// <summary>
/// What the rollout verbs share: the stack read and validated exactly as the program reads it, its plan,
/// and the options that say where and when to look at the metrics.
/// </summary>
internal sealed partial record RolloutStack(string Name, string ProjectName, string StackFile, StackConfig Config, RolloutPlan Plan)
{
    public const string PrometheusOption = "prometheus";
    public const string TimeOption = "time";
    public const string DeployedAtOption = "deployed-at";

    public string AppName => Config.App.Name;

    /// <summary>Null when the config is refused or has no plan; the reasons are then on <paramref name="stderr"/>.</summary>
    public static Task<RolloutStack?> LoadAsync(Arguments arguments, TextWriter stderr) =>
        LoadAsync(StackAnalysis.ProjectDirectory(arguments), arguments.Positional(0), stderr);

    /// <summary>Null when the config is refused or has no plan; the reasons are then on <paramref name="stderr"/>.</summary>
    public static async Task<RolloutStack?> LoadAsync(string projectDirectory, string stack, TextWriter stderr)
    {
        var settings = StackFiles.Load(projectDirectory, stack);
        var loaded = settings.LoadConfig();
        var problems = loaded.Config is null ? loaded.Problems : StackConfigValidator.Validate(loaded.Config, stack);
        var errors = problems.Where(p => p.IsError).ToList();
        if (errors.Count > 0 || loaded.Config is null)
        {
            await stderr.WriteLineAsync($"error: stack '{stack}' was refused ({StackAnalysis.Plural(errors.Count, "problem")}); nothing was written:");
            foreach (var error in errors)
            {
                await stderr.WriteLineAsync($"  {error.ToString(stack)}");
            }

            return null;
        }

        var config = loaded.Config;
        if (config.Rollout is not { } plan)
        {
            var canary = config.Versions[^1].Name;
            await stderr.WriteLineAsync($"error: stack '{stack}' has no rollout plan ({ConfigPath.Root(RolloutRules.Key)}); weights change only by hand. Fix: {ConfigPath.NameStack($"{ConfigPath.Root(RolloutRules.Key).Property("canary").SetCommand(canary)} && {ConfigPath.Root(RolloutRules.Key).Property("stable").Index(0).SetCommand(config.Versions[0].Name)}", stack)}");
            return null;
        }

        var stackFile = Path.Combine(projectDirectory, $"Pulumi.{stack}.yaml");
        return new RolloutStack(stack, settings.ProjectName, stackFile, config, new RolloutPlan(plan, config.Versions, config.Namespace.Name, GatewayApiRules.IsAmbient(config)));
    }

    /// <summary>
    /// The plan's checks for every interval of the current step up to --time (or now), against --prometheus (or
    /// the plan's address); only windows after --deployed-at count, and without it only the instant itself.
    /// </summary>
    /// <exception cref="PrometheusException">Prometheus could not answer.</exception>
    public async Task<StepAnalysis> AnalyzeAsync(Arguments arguments, TimeProvider clock)
    {
        var time = Time(arguments, TimeOption) ?? clock.GetUtcNow();
        return await AnalyzeAsync(PrometheusAddress(arguments), time, Time(arguments, DeployedAtOption));
    }

    public async Task<StepAnalysis> AnalyzeAsync(Uri prometheusAddress, DateTimeOffset time, DateTimeOffset? liveSince)
    {
        using var prometheus = new PrometheusClient(prometheusAddress, Environment.GetEnvironmentVariable(PrometheusClient.TokenVariable));
        return await CanaryAnalysis.RunAsync(Plan, AppName, prometheus, time, liveSince);
    }

    public StackFileEditor OpenEditor() => StackFileEditor.Open(StackFile, ProjectName);

    /// <summary>Writes the decision's weights into the stack file; nothing when they do not change.</summary>
    public void Write(StackFileEditor editor, RolloutDecision decision)
    {
        if (decision.Writes)
        {
            editor.Write(new StackEdit((decision.Weights ?? []).ToDictionary(w => w.Version, w => w.After, StringComparer.Ordinal), decision.Roles), ProjectName);
        }
    }

    /// <summary>--prometheus wins over the plan's address; with neither, the command cannot look.</summary>
    public Uri PrometheusAddress(Arguments arguments)
    {
        var (text, source) = arguments.Option(PrometheusOption) is { } flag
            ? (flag, $"--{PrometheusOption}")
            : (Plan.Config.Analysis.PrometheusUrl, ConfigPath.Root(RolloutRules.Key).Property("analysis").Property("prometheusUrl").ToString());
        if (text is null)
        {
            throw new UsageException($"no Prometheus address: give --{PrometheusOption} <url> (or set {ConfigPath.Root(RolloutRules.Key).Property("analysis").Property("prometheusUrl")})");
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new UsageException($"{source} {text}: not an http or https address");
        }

        // A base without a trailing slash would lose its last segment (a Prometheus served under /prometheus) when the API path is resolved against it.
        return uri.AbsolutePath.EndsWith('/') ? uri : new Uri(uri + "/");
    }

    /// <summary>An instant option (--time, --deployed-at) as RFC 3339 (2025-01-15T12:00:00Z) or Unix seconds; null when absent.</summary>
    public static DateTimeOffset? Time(Arguments arguments, string option)
    {
        if (arguments.Option(option) is not { } text)
        {
            return null;
        }

        if (decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds) && seconds <= 253_402_300_799m)
        {
            return DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000));
        }

        // RFC 3339 requires the offset; DateTimeOffset alone would take a time without one as local.
        return Rfc3339().IsMatch(text) && DateTimeOffset.TryParse(text.ToUpperInvariant(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? time
            : throw new UsageException($"--{option} {text}: not a time; give RFC 3339 with an offset (2025-01-15T12:00:00Z) or Unix seconds (1736942400)");
    }

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Rfc3339();
}
