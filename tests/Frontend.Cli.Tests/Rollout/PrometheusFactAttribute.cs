namespace Frontend.Cli.Tests.Rollout;

/// <summary>
/// A test against a real Prometheus. Where <c>prometheus</c> and <c>promtool</c> are not on PATH it is
/// skipped with the reason, so <c>dotnet test</c> passes on a developer machine; in CI (<c>CI=true</c>) it
/// runs regardless and fails in the fixture, because a CI run that skipped these would prove nothing.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class PrometheusFactAttribute : FactAttribute
{
    public PrometheusFactAttribute()
    {
        if (!PrometheusBinaries.Found && !PrometheusBinaries.InCi)
        {
            Skip = $"{PrometheusBinaries.Missing}; install Debian's prometheus package (apt-get install prometheus), or run .ci/run";
        }
    }
}

/// <summary>Where the Prometheus server and promtool are, from PATH.</summary>
internal static class PrometheusBinaries
{
    public static string? Server { get; } = OnPath("prometheus");

    public static string? Promtool { get; } = OnPath("promtool");

    public static bool Found => Server is not null && Promtool is not null;

    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string Missing =>
        $"{string.Join(" and ", new[] { ("prometheus", Server), ("promtool", Promtool) }.Where(b => b.Item2 is null).Select(b => b.Item1))} not found on PATH";

    private static string? OnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(File.Exists);
}
