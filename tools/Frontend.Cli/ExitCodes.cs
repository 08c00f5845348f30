namespace Frontend.Cli;

/// <summary>What each verb returns, so scripts and CI can tell a bad change from a bad command line.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>Config that fails validation, an analysis error, folders that cannot be read or diffed, or a stack file the rollout tool will not edit.</summary>
    public const int Failed = 1;

    /// <summary>The command line itself is wrong: unknown verb or option, missing argument.</summary>
    public const int Usage = 2;

    /// <summary><c>rollout promote</c>: the canary had traffic, but too little to judge; nothing written.</summary>
    public const int NotEnoughData = 3;

    /// <summary><c>rollout promote</c>, <c>rollout run</c>: the step's failed intervals reached the threshold and the rollback was written.</summary>
    public const int RolledBack = 4;

    /// <summary><c>rollout promote</c>, <c>rollout run</c>: Prometheus was unreachable or refused a query; nothing written by promote, and run stopped.</summary>
    public const int MetricsUnavailable = 5;

    /// <summary>
    /// <c>rollout promote</c>: not yet. The step has not been live for a whole window since its deploy, or its
    /// latest interval failed while the failures are below the threshold; nothing written.
    /// </summary>
    public const int NotYet = 6;

    /// <summary><c>rollout promote</c>, <c>rollout run</c>: no Istio request metrics for any version (Prometheus does not scrape Istio, or the names are wrong); nothing written.</summary>
    public const int MetricsMissing = 7;

    /// <summary><c>rollout gate</c>: the commit would raise a canary that a rollback holds; do not deploy it.</summary>
    public const int Held = 8;
}
