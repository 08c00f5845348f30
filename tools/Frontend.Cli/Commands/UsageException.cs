namespace Frontend.Cli.Commands;

/// <summary>The command line cannot be understood; the message says what was expected.</summary>
internal sealed class UsageException(string message) : Exception(message);
