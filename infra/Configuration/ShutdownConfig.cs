using System.ComponentModel;

namespace Frontend.Infra.Configuration;

/// <summary>
/// How a pod leaves (<c>app.shutdown</c>): it keeps serving for <see cref="DrainSeconds"/> after Kubernetes starts
/// terminating it, while the endpoint removal reaches every proxy (kube-proxy, istiod's push to each sidecar and
/// gateway), and only then gets SIGTERM; Kubernetes kills it at <see cref="TerminationGracePeriodSeconds"/>.
/// The delay is the <c>sleep</c> lifecycle handler (Kubernetes 1.30 and later), not a <c>sleep</c> command, which
/// distroless images do not have.
/// </summary>
internal sealed record ShutdownConfig
{
    public const int DefaultDrainSeconds = 10;
    public const int DefaultTerminationGracePeriodSeconds = 45;

    [Description("Seconds a terminating pod keeps serving before its container gets SIGTERM (a preStop sleep), so in-flight and late-routed requests still land while the endpoint removal propagates. 0 turns the delay off. Default 10.")]
    [ConfigRange(0, 3600)]
    public int DrainSeconds { get; init; } = DefaultDrainSeconds;

    [Description("Seconds from the start of termination until Kubernetes kills the pod; covers the drain delay and the app's own shutdown, so it must exceed drainSeconds. Default 45.")]
    [ConfigRange(1, 3600)]
    public int TerminationGracePeriodSeconds { get; init; } = DefaultTerminationGracePeriodSeconds;
}

/// <summary>The rules for <see cref="ShutdownConfig"/>.</summary>
internal static class ShutdownRules
{
    /// <summary>Seconds an app gets after the drain delay to finish in-flight requests, in the fix this rule suggests.</summary>
    private const int ShutdownAllowanceSeconds = 30;

    public static void Validate(StackConfig config, Problems problems)
    {
        var shutdown = config.App.Shutdown;
        var root = ConfigPath.Root("app").Property("shutdown");
        problems.InRange(root.Property("drainSeconds"), shutdown.DrainSeconds, 0, 3600);
        problems.InRange(root.Property("terminationGracePeriodSeconds"), shutdown.TerminationGracePeriodSeconds, 1, 3600);
        if (shutdown.TerminationGracePeriodSeconds <= shutdown.DrainSeconds && shutdown.DrainSeconds is >= 0 and <= 3600)
        {
            var path = root.Property("terminationGracePeriodSeconds");
            problems.Error(
                path,
                $"must exceed app.shutdown.drainSeconds ({shutdown.DrainSeconds}): the grace period counts from the start of the drain delay, so the app would be killed before it ever got SIGTERM",
                ConfigValue.Show(shutdown.TerminationGracePeriodSeconds),
                path.SetCommand(ConfigValue.Show(Math.Min(shutdown.DrainSeconds + ShutdownAllowanceSeconds, 3600))));
        }
    }
}
