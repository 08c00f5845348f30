namespace Frontend.Cli;

/// <summary>What each verb returns, so scripts and CI can tell a bad change from a bad command line.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>Config that fails validation, an analysis error, folders that cannot be read or diffed, or a stack file the rollout tool will not edit.</summary>
    public const int Failed = 1;

    /// <summary>The command line itself is wrong: unknown verb or option, missing argument.</summary>
    public const int Usage = 2;

    /// <summary><c>rollout promote</c>: too few canary requests (or no data) to judge; nothing written.</summary>
    public const int NotEnoughData = 3;

    /// <summary><c>rollout promote</c>: a check failed and the rollback was written.</summary>
    public const int RolledBack = 4;

    /// <summary><c>rollout promote</c>: Prometheus was unreachable or refused a query; nothing written.</summary>
    public const int MetricsUnavailable = 5;
}
