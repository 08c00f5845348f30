using System.CommandLine;

namespace Frontend.Cli.Commands;

/// <summary>
/// A verb's values as System.CommandLine parsed them: its positionals in order and its options by name, so each
/// verb reads what it was given without knowing the parser's symbols.
/// </summary>
internal sealed class Arguments(ParseResult parse, IReadOnlyList<Argument<string>> positionals, IReadOnlyList<Option> options)
{
    public string Positional(int index) => parse.GetRequiredValue(positionals[index]);

    public string? Option(string name) => parse.GetValue(Named<string>(name));

    /// <summary>The option's value; System.CommandLine has already refused a command line without it.</summary>
    public string RequiredOption(string name) => parse.GetRequiredValue(Named<string>(name));

    /// <summary>Every value of an option given once per value (<c>--crds a.yaml --crds b.yaml</c>), in order; none when absent.</summary>
    public IReadOnlyList<string> RepeatedOption(string name) => parse.GetValue(Named<string[]>(name)) ?? [];

    private Option<T> Named<T>(string name) => (Option<T>)options.Single(option => option.Name == "--" + name);
}
