using Frontend.Infra.Configuration;

namespace Frontend.Cli.Rollout;

/// <summary>One version's weight before and after a decision.</summary>
internal sealed record WeightChange(string Version, int Before, int After);

/// <summary>
/// A validated plan over the stack's current weights: where the canary stands and what weights the next
/// step or a rollback gives every version. Every result adds up to 100, as the program requires.
/// </summary>
internal sealed class RolloutPlan
{
    private readonly IReadOnlyList<VersionConfig> _versions;

    public RolloutPlan(RolloutConfig config, IReadOnlyList<VersionConfig> versions, string @namespace, bool ambient = false)
    {
        Config = config;
        _versions = versions;
        Namespace = @namespace;
        Ambient = ambient;
    }

    /// <summary>The stack runs on Istio's ambient data plane, where a waypoint, not a sidecar, reports the requests.</summary>
    public bool Ambient { get; }

    public RolloutConfig Config { get; }

    /// <summary>The namespace the versions' workloads run in, which Istio reports as destination_workload_namespace.</summary>
    public string Namespace { get; }

    public string Canary => Config.Canary;

    public IReadOnlyList<string> Stable => Config.Stable;

    public IReadOnlyList<int> Steps => Config.Steps;

    public int Attempt => Config.Attempt;

    /// <summary>The key a person raises to restart a rolled-back canary.</summary>
    public static string AttemptKey => ConfigPath.Root(RolloutRules.Key).Property("attempt").Path;

    /// <summary>
    /// The plan after the canary has passed its last step at 100% against one stable version: that version
    /// becomes the plan's canary (at 0, held, running no pods: ready to retire) and the canary the stable one.
    /// Null where the plan cannot say so by swapping two names (several stable versions, or a last step below 100).
    /// </summary>
    public PlanRoles? FinishedRoles => CanaryWeight == 100 && Stable.Count == 1 ? new PlanRoles(Stable[0], [Canary]) : null;

    /// <summary>What finishing leaves to a person, for the decision's reason.</summary>
    public string FinishNote => FinishedRoles is not null
        ? $"; the plan now names {Canary} its stable version and {Stable[0]} (at 0%, held, no pods) its canary, ready to retire"
        : CanaryWeight < 100
            ? "; the plan stops short of 100%, so the last cut is a hand edit"
            : $"; name {Canary} the stable version in the plan by hand ({ConfigPath.Root(RolloutRules.Key).Property("stable")}), since it has several";

    /// <summary>Every version's weight as the stack file sets it.</summary>
    public IReadOnlyDictionary<string, int> Weights => _versions.ToDictionary(v => v.Name, v => v.Weight, StringComparer.Ordinal);

    /// <summary>The current step is the canary's current weight, whether or not it is one of the steps.</summary>
    public int CanaryWeight => _versions.Single(v => v.Name == Canary).Weight;

    /// <summary>The first step above the canary's weight (so a hand-edited weight between steps goes up to the next one); null at or past the last.</summary>
    public int? NextStep => Steps.Where(s => s > CanaryWeight).Select(s => (int?)s).FirstOrDefault();

    /// <summary>"step 2 of 4" for a weight that is a step; "between steps" otherwise.</summary>
    public string Describe(int weight)
    {
        var index = Steps.ToList().IndexOf(weight);
        return index >= 0 ? $"step {index + 1} of {Steps.Count}" : weight == 0 ? "no traffic" : $"between steps ({string.Join(", ", Steps)})";
    }

    public IReadOnlyList<WeightChange> Promote(int step) => WithCanaryAt(step);

    /// <summary>The canary back to 0, its share to the stable versions.</summary>
    public IReadOnlyList<WeightChange> Rollback() => WithCanaryAt(0);

    /// <summary>
    /// The canary at <paramref name="canaryWeight"/>, the rest shared among the stable versions in proportion to
    /// their current weights (equally when they have none, as after a full promotion), rounded down, with
    /// what rounding leaves over going to the first stable version. Other versions keep their weight, which
    /// the plan's rules hold at 0.
    /// </summary>
    private IReadOnlyList<WeightChange> WithCanaryAt(int canaryWeight)
    {
        var remaining = 100 - canaryWeight;
        var current = Stable.ToDictionary(s => s, s => _versions.Single(v => v.Name == s).Weight, StringComparer.Ordinal);
        var total = current.Values.Sum();
        var shares = Stable.ToDictionary(
            s => s,
            s => total == 0 ? remaining / Stable.Count : (int)((long)remaining * current[s] / total),
            StringComparer.Ordinal);
        shares[Stable[0]] += remaining - shares.Values.Sum();
        return [.. _versions.Select(v => new WeightChange(
            v.Name,
            v.Weight,
            v.Name == Canary ? canaryWeight : shares.TryGetValue(v.Name, out var share) ? share : v.Weight))];
    }
}
