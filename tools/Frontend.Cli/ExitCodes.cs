namespace Frontend.Cli;

/// <summary>What each verb returns, so scripts and CI can tell a bad change from a bad command line.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>Config that fails validation, an analysis error, or folders that cannot be read or diffed.</summary>
    public const int Failed = 1;

    /// <summary>The command line itself is wrong: unknown verb or option, missing argument.</summary>
    public const int Usage = 2;
}
