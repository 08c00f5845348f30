namespace Frontend.Cli.Stacks;

/// <summary>A project or stack file that cannot be read; the message says which file and what to do.</summary>
internal sealed class StackFileException(string message) : Exception(message);
