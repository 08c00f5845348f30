using Frontend.Analysis.Manifests;
using Frontend.Analysis.Mesh;
using Frontend.Analysis.Schema;
using Frontend.Cli.Evaluation;
using Frontend.Cli.Stacks;

namespace Frontend.Cli.Commands;

/// <summary>What render and analyze share: read the stack's files, run the program under mocks, analyse what it declared.</summary>
internal static class StackAnalysis
{
    public const string ProjectDirectoryOption = "project-dir";
    public const string CrdsOption = "crds";

    /// <summary>Null when the program refused the config; the reasons are then written to <paramref name="stderr"/>.</summary>
    public static async Task<AnalysedStack?> RunAsync(Arguments arguments, string stack, TextWriter stderr)
    {
        var settings = StackFiles.Load(ProjectDirectory(arguments), stack);
        var bundlePaths = arguments.RepeatedOption(CrdsOption);
        var bundle = bundlePaths.Count == 0 ? null : LoadBundles(bundlePaths);

        var evaluation = await StackEvaluator.EvaluateAsync(settings);
        if (!evaluation.Succeeded)
        {
            await stderr.WriteLineAsync($"error: stack '{stack}' was refused ({Plural(evaluation.Errors.Count, "problem")}); nothing was rendered:");
            foreach (var error in evaluation.Errors)
            {
                await stderr.WriteLineAsync($"  {error}");
            }

            return null;
        }

        var findings = bundle is null
            ? MeshAnalyzer.Analyze(evaluation.Manifests)
            : IstioAnalysis.Analyze(evaluation.Manifests, bundle);
        return new AnalysedStack(evaluation, findings, bundlePaths);
    }

    /// <summary>--project-dir, or else the folder holding Pulumi.yaml: the current one or the nearest above it.</summary>
    public static string ProjectDirectory(Arguments arguments) =>
        arguments.Option(ProjectDirectoryOption) is { } given
            ? ExistingDirectory(given, ProjectDirectoryOption)
            : StackFiles.FindProjectDirectory(Environment.CurrentDirectory);

    public static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    /// <summary>One bundle of every --crds file's kinds; two files that define the same kind (both Gateway API channels) are a usage error.</summary>
    private static CrdSchemaBundle LoadBundles(IReadOnlyList<string> paths)
    {
        var bundles = paths.Select(LoadBundle).ToList();
        try
        {
            return CrdSchemaBundle.Combine(bundles);
        }
        catch (ManifestException exception)
        {
            throw new UsageException($"--{CrdsOption} {exception.Message}");
        }
    }

    private static CrdSchemaBundle LoadBundle(string path)
    {
        if (!File.Exists(path))
        {
            throw new UsageException($"--{CrdsOption} {path}: no such file (give a CRD bundle such as Istio's customresourcedefinitions.gen.yaml)");
        }

        var bundle = CrdSchemaBundle.Load(path);
        return bundle.DefinedKinds.Count > 0
            ? bundle
            : throw new UsageException($"--{CrdsOption} {path}: the file defines no CustomResourceDefinition");
    }

    private static string ExistingDirectory(string path, string option) =>
        Directory.Exists(path) ? Path.GetFullPath(path) : throw new UsageException($"--{option} {path}: no such folder");
}
