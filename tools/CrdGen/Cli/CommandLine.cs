using System.CommandLine;
using System.CommandLine.Help;
using CrdGen.Crds;

namespace CrdGen.Cli;

/// <summary>What one run of the generator is asked to do.</summary>
internal sealed record GeneratorOptions(IReadOnlyList<string> CrdsPaths, string OutputFolder, IReadOnlyList<KindSelector> Kinds, bool Check);

/// <summary>The generator's command line on System.CommandLine, which also gives it <c>--help</c>.</summary>
internal static class CommandLine
{
    private static readonly Option<string[]> Crds = new("--crds")
    {
        HelpName = "bundle.yaml",
        Description = "a CRD bundle, e.g. Istio's customresourcedefinitions.gen.yaml; repeat to generate from several (Istio's and the Gateway API's)",
        Required = true,
        Arity = ArgumentArity.OneOrMore,
    };

    private static readonly Option<string> Out = new("--out")
    {
        HelpName = "folder",
        Description = "where the C# files go (its *.cs files are replaced)",
        Required = true,
    };

    private static readonly Option<string[]> Kind = CreateKindOption();

    private static readonly Option<bool> Check = new("--check")
    {
        Description = "write nothing; exit 1 and list the files that differ from a fresh generation",
    };

    public static RootCommand Root() => new(
        "Writes crd2pulumi-style C# types from a CRD bundle.\nExit codes: 0 done (or up to date), 1 failure (or out of date), 2 usage error.")
    {
        Crds,
        Out,
        Kind,
        Check,
    };

    /// <summary>The options, when the command line asks for a generation; null for --help or a usage error.</summary>
    public static GeneratorOptions? Options(ParseResult parse) =>
        parse.Errors.Count > 0 || parse.Action is HelpAction
            ? null
            : new GeneratorOptions(
                [.. parse.GetRequiredValue(Crds)],
                parse.GetRequiredValue(Out),
                [.. parse.GetRequiredValue(Kind).Select(text => KindSelector.TryParse(text, out var selector) ? selector! : throw new InvalidOperationException(text))],
                parse.GetValue(Check));

    private static Option<string[]> CreateKindOption()
    {
        var kind = new Option<string[]>("--kind")
        {
            HelpName = "group/version/Kind",
            Description = "a kind to generate, e.g. networking.istio.io/v1/DestinationRule; repeat for more",
            Required = true,
            Arity = ArgumentArity.OneOrMore,
        };
        kind.Validators.Add(result =>
        {
            foreach (var token in result.Tokens.Where(token => !KindSelector.TryParse(token.Value, out _)))
            {
                result.AddError($"--kind {token.Value} is not group/version/Kind (e.g. networking.istio.io/v1/DestinationRule).");
            }
        });
        return kind;
    }
}
