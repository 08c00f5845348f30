using CrdGen.Crds;

namespace CrdGen.Cli;

/// <summary>What one run of the generator is asked to do.</summary>
internal sealed record GeneratorOptions(string CrdsPath, string OutputFolder, IReadOnlyList<KindSelector> Kinds, bool Check);

internal static class CommandLine
{
    public const string Usage = """
        Usage: CrdGen --crds <bundle.yaml> --out <folder> --kind <group/version/Kind>... [--check]

          --crds <file>    a CRD bundle, e.g. Istio's crd-all.gen.yaml
          --out <folder>   where the C# files go (its *.cs files are replaced)
          --kind <gvk>     a kind to generate, e.g. networking.istio.io/v1/DestinationRule; repeat for more
          --check          write nothing; exit 1 and list the files that differ from a fresh generation

        Exit codes: 0 done (or up to date), 1 failure (or out of date), 2 usage error.
        """;

    /// <summary>Parses the arguments, or returns the reason they cannot be used.</summary>
    public static (GeneratorOptions? Options, string? Error) Parse(IReadOnlyList<string> arguments)
    {
        string? crds = null;
        string? output = null;
        var kinds = new List<KindSelector>();
        var check = false;

        for (var index = 0; index < arguments.Count; index++)
        {
            var argument = arguments[index];
            switch (argument)
            {
                case "--check":
                    check = true;
                    continue;
                case "--crds" or "--out" or "--kind" when index + 1 >= arguments.Count:
                    return (null, $"{argument} needs a value.");
                case "--crds":
                    crds = arguments[++index];
                    continue;
                case "--out":
                    output = arguments[++index];
                    continue;
                case "--kind":
                    var text = arguments[++index];
                    if (!KindSelector.TryParse(text, out var selector))
                    {
                        return (null, $"--kind {text} is not group/version/Kind (e.g. networking.istio.io/v1/DestinationRule).");
                    }

                    kinds.Add(selector!);
                    continue;
                default:
                    return (null, $"Unknown argument {argument}.");
            }
        }

        if (crds is null || output is null || kinds.Count == 0)
        {
            return (null, "--crds, --out and at least one --kind are required.");
        }

        return (new GeneratorOptions(crds, output, kinds, check), null);
    }
}
