using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Text.RegularExpressions;

namespace Frontend.Cli;

/// <summary>
/// System.CommandLine's parse errors as this tool's one-line usage errors. Its own report lists an unknown verb's
/// arguments as unmatched too, and offers corrections for each of them; a user wants one line saying which verb
/// was unknown and, from System.CommandLine's typo corrections, which one was meant.
/// </summary>
internal static partial class UsageErrors
{
    private const string MissingVerb = "Required command was not provided.";

    public static IReadOnlyList<string> Describe(ParseResult parse)
    {
        var command = parse.CommandResult.Command;
        var corrections = TypoCorrections(parse);
        var messages = parse.Errors.Select(error => error.Message).ToList();
        if (messages.Contains(MissingVerb))
        {
            var verbs = command.Subcommands.Select(verb => verb.Name).ToList();
            var prefix = command is RootCommand ? "" : $"{command.Name} ";
            if (parse.UnmatchedTokens.Count == 0)
            {
                return [$"{command.Name} needs a verb: {OneOf(verbs)}"];
            }

            var token = parse.UnmatchedTokens[0];
            var meant = corrections.GetValueOrDefault(token, []).FirstOrDefault(verbs.Contains);
            return [meant is null
                ? $"unknown {prefix}verb '{token}' ({prefix}verbs: {string.Join(", ", verbs)})"
                : $"unknown {prefix}verb '{token}': did you mean '{meant}'?"];
        }

        return messages.Select(message => Unrecognized().Match(message) is { Success: true } match && match.Groups["token"].Value.StartsWith('-')
                ? UnknownOption(command, match.Groups["token"].Value, corrections)
                : message)
            .ToList();
    }

    /// <summary>Where to read about the command that was being given.</summary>
    public static string HelpHint(Command command)
    {
        var path = string.Join(' ', Path(command).Skip(1));
        return path.Length == 0 ? "Run with --help for usage." : $"Run '{path} --help' for usage.";
    }

    private static string UnknownOption(Command command, string token, IReadOnlyDictionary<string, List<string>> corrections)
    {
        var known = command.Options.Where(option => option is not HelpOption and not VersionOption).Select(option => option.Name).ToList();
        var meant = corrections.GetValueOrDefault(token, []).FirstOrDefault(known.Contains);
        return meant is not null
            ? $"unknown option {token}: did you mean {meant}?"
            : $"unknown option {token} (options here: {(known.Count == 0 ? "none" : string.Join(", ", known))})";
    }

    /// <summary>System.CommandLine's suggestions for each unmatched token, read from what its error action prints.</summary>
    private static Dictionary<string, List<string>> TypoCorrections(ParseResult parse)
    {
        var suggestions = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        if (parse.Action is not ParseErrorAction action)
        {
            return suggestions;
        }

        action.ShowHelp = false;
        action.ShowTypoCorrections = true;
        using var report = new StringWriter();
        parse.Invoke(new InvocationConfiguration { Output = report, Error = report });
        List<string>? current = null;
        foreach (var line in report.ToString().ReplaceLineEndings("\n").Split('\n'))
        {
            if (NotMatched().Match(line) is { Success: true } heading)
            {
                current = suggestions[heading.Groups["token"].Value] = [];
            }
            else if (line.Length == 0)
            {
                current = null;
            }
            else
            {
                current?.Add(line.Trim());
            }
        }

        return suggestions;
    }

    private static List<string> Path(Command command)
    {
        var chain = new List<string> { command.Name };
        for (var parent = command.Parents.OfType<Command>().FirstOrDefault(); parent is not null; parent = parent.Parents.OfType<Command>().FirstOrDefault())
        {
            chain.Insert(0, parent.Name);
        }

        return chain;
    }

    private static string OneOf(List<string> words) =>
        words.Count < 2 ? string.Join("", words) : $"{string.Join(", ", words.Take(words.Count - 1))} or {words[^1]}";

    [GeneratedRegex(@"^Unrecognized command or argument '(?<token>.*)'\.$", RegexOptions.CultureInvariant)]
    private static partial Regex Unrecognized();

    [GeneratedRegex(@"^'(?<token>.*)' was not matched\. Did you mean one of the following\?$", RegexOptions.CultureInvariant)]
    private static partial Regex NotMatched();
}
