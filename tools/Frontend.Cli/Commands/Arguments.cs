namespace Frontend.Cli.Commands;

/// <summary>
/// A verb's arguments: positionals in order and <c>--name value</c> options, checked against what the
/// verb accepts so a typo is reported instead of ignored.
/// </summary>
internal sealed class Arguments
{
    private readonly IReadOnlyList<string> _positionals;
    private readonly IReadOnlyDictionary<string, string> _options;

    private Arguments(IReadOnlyList<string> positionals, IReadOnlyDictionary<string, string> options)
    {
        _positionals = positionals;
        _options = options;
    }

    public static Arguments Parse(IEnumerable<string> args, IReadOnlyList<string> positionalNames, IReadOnlyCollection<string> optionNames)
    {
        var positionals = new List<string>();
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        using var reader = args.GetEnumerator();
        while (reader.MoveNext())
        {
            var arg = reader.Current;
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                positionals.Add(arg);
                continue;
            }

            var (name, inlineValue) = arg.IndexOf('=', StringComparison.Ordinal) is var equals and > 0
                ? (arg[2..equals], arg[(equals + 1)..])
                : (arg[2..], null);
            if (!optionNames.Contains(name))
            {
                var known = optionNames.Count == 0 ? "none" : string.Join(", ", optionNames.Select(o => "--" + o));
                throw new UsageException($"unknown option --{name} (options here: {known})");
            }

            var value = inlineValue ?? (reader.MoveNext() ? reader.Current : throw new UsageException($"--{name} needs a value"));
            if (!options.TryAdd(name, value))
            {
                throw new UsageException($"--{name} is given twice");
            }
        }

        if (positionals.Count != positionalNames.Count)
        {
            var expected = string.Join(" ", positionalNames.Select(p => $"<{p}>"));
            throw new UsageException(positionals.Count < positionalNames.Count
                ? $"missing <{positionalNames[positionals.Count]}>: expected {expected}"
                : $"unexpected argument '{positionals[positionalNames.Count]}': expected {expected}");
        }

        return new Arguments(positionals, options);
    }

    public string Positional(int index) => _positionals[index];

    public string? Option(string name) => _options.GetValueOrDefault(name);

    public string RequiredOption(string name, string meaning) =>
        Option(name) ?? throw new UsageException($"--{name} <{meaning}> is required");
}
