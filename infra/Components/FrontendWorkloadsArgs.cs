using Frontend.Infra.Configuration;
using Pulumi;

namespace Frontend.Infra.Components;

internal sealed record FrontendWorkloadsArgs
{
    /// <summary>The namespace's name; an output of the Namespace resource when the stack creates it.</summary>
    public required Input<string> Namespace { get; init; }

    public required AppConfig App { get; init; }

    public required IReadOnlyList<VersionConfig> Versions { get; init; }

    /// <summary>The stack's autoscaling block, which each version's own block refines; null with none declares no autoscaler.</summary>
    public AutoscalingConfig? Autoscaling { get; init; }

    /// <summary>
    /// The rollout plan's canary while nothing sends it traffic (<see cref="RolloutRules.ParkedCanary"/>): it runs
    /// no pods and has no autoscaler, so a rolled-back or finished canary gives its capacity back.
    /// </summary>
    public string? ParkedVersion { get; init; }

    /// <summary>Null declares no PodDisruptionBudget.</summary>
    public DisruptionBudgetConfig? DisruptionBudget { get; init; }

    /// <summary>
    /// A Service per version (<c>{app}-{version}</c>) besides the shared one: the Gateway API routes to Services, not
    /// to subsets, so each version needs one of its own.
    /// </summary>
    public bool VersionServices { get; init; }

    /// <summary>Ambient: the waypoint every Service is bound to (<c>istio.io/use-waypoint</c>), and pods without a sidecar; null on sidecars.</summary>
    public string? Waypoint { get; init; }

    public bool Ambient => Waypoint is not null;
}
