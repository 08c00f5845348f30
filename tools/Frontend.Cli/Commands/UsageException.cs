namespace Frontend.Cli.Commands;

/// <summary>The command line cannot be understood; each problem says what was expected, one line each on stderr.</summary>
internal sealed class UsageException(IReadOnlyList<string> problems) : Exception(string.Join('\n', problems))
{
    public UsageException(string message)
        : this([message])
    {
    }

    public IReadOnlyList<string> Problems { get; } = problems;
}
