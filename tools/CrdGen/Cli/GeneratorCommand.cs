using System.CommandLine;
using System.CommandLine.Help;
using CrdGen.Crds;
using CrdGen.Emit;
using CrdGen.Model;

namespace CrdGen.Cli;

/// <summary>The whole pipeline behind the command line: load bundle, build the model, emit, then write or check.</summary>
internal static class GeneratorCommand
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int UsageError = 2;

    public static int Run(IReadOnlyList<string> arguments, TextWriter output, TextWriter error)
    {
        var root = CommandLine.Root();
        var parse = root.Parse(arguments);
        if (arguments.Count == 0)
        {
            root.Parse(["--help"]).Invoke(new InvocationConfiguration { Output = error, Error = error });
            return UsageError;
        }

        if (parse.Action is HelpAction)
        {
            return parse.Invoke(new InvocationConfiguration { Output = output, Error = error });
        }

        if (CommandLine.Options(parse) is not { } options)
        {
            foreach (var problem in parse.Errors)
            {
                error.WriteLine($"error: {problem.Message}");
            }

            error.WriteLine("Run with --help for usage.");
            return UsageError;
        }

        try
        {
            var files = Generate(options, error);
            return options.Check ? Check(options, files, output, error) : Write(options, files, output);
        }
        catch (Exception exception) when (exception is CrdBundleException or GenerationException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: {exception.Message}");
            return Failure;
        }
    }

    public static IReadOnlyList<GeneratedFile> Generate(GeneratorOptions options, TextWriter warnings)
    {
        // One model from every bundle: the kinds of all of them share the support files (KubernetesResource, Utilities).
        var bundle = new List<CustomResourceDefinition>();
        foreach (var path in options.CrdsPaths)
        {
            if (!File.Exists(path))
            {
                throw new CrdBundleException($"The CRD bundle {path} does not exist.");
            }

            using var reader = File.OpenText(path);
            bundle.AddRange(CrdBundleReader.Read(reader, path));
        }

        var model = ModelBuilder.Build(bundle, options.Kinds);
        foreach (var warning in model.Warnings)
        {
            warnings.WriteLine($"warning: {warning}");
        }

        return CSharpEmitter.Emit(model);
    }

    private static int Write(GeneratorOptions options, IReadOnlyList<GeneratedFile> files, TextWriter output)
    {
        OutputFolder.Write(options.OutputFolder, files);
        output.WriteLine($"Wrote {files.Count} files to {options.OutputFolder}.");
        return Success;
    }

    private static int Check(GeneratorOptions options, IReadOnlyList<GeneratedFile> files, TextWriter output, TextWriter error)
    {
        var differences = OutputFolder.Compare(options.OutputFolder, files);
        if (differences.Count == 0)
        {
            output.WriteLine($"{options.OutputFolder} is up to date ({files.Count} files).");
            return Success;
        }

        error.WriteLine($"{options.OutputFolder} is out of date with {string.Join(" and ", options.CrdsPaths)}: {differences.Count} files differ.");
        foreach (var difference in differences)
        {
            error.WriteLine($"  {difference}");
        }

        error.WriteLine("Regenerate with tools/CrdGen/regenerate.sh and commit the result.");
        return Failure;
    }
}
