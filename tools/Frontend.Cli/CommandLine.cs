using Frontend.Analysis.Manifests;
using Frontend.Cli.Commands;
using Frontend.Cli.Stacks;

namespace Frontend.Cli;

/// <summary>The verbs: render, analyze and diff. Every failure is one message on stderr and an exit code, never a stack trace.</summary>
internal static class CommandLine
{
    public const string Usage = """
        usage:
          render <stack> --out <dir> [--crds <bundle.yaml>] [--project-dir <dir>]
              analyse the stack, then write its manifests in renderYamlToDirectory's layout and print a summary
          analyze <stack> [--crds <bundle.yaml>] [--project-dir <dir>]
              check the stack the way istioctl analyze would, offline; --crds adds schema validation
          diff <before-dir> <after-dir> [--title <text>]
              Markdown diff of two rendered folders, resource by resource

        <stack> names Pulumi.<stack>.yaml beside Pulumi.yaml, found in the current folder or above it (or --project-dir).
        exit codes: 0 ok, 1 invalid config / analysis error / unreadable folders, 2 usage error.
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            await (args.Length == 0 ? stderr : stdout).WriteAsync(Usage);
            return args.Length == 0 ? ExitCodes.Usage : ExitCodes.Ok;
        }

        var rest = args[1..];
        try
        {
            return args[0] switch
            {
                "render" => await RenderCommand.RunAsync(Arguments.Parse(rest, RenderCommand.Positionals, RenderCommand.Options), stdout, stderr),
                "analyze" or "analyse" => await AnalyzeCommand.RunAsync(Arguments.Parse(rest, AnalyzeCommand.Positionals, AnalyzeCommand.Options), stdout, stderr),
                "diff" => await DiffCommand.RunAsync(Arguments.Parse(rest, DiffCommand.Positionals, DiffCommand.Options), stdout),
                var unknown => throw new UsageException($"unknown verb '{unknown}'"),
            };
        }
        catch (UsageException e)
        {
            foreach (var problem in e.Problems)
            {
                await stderr.WriteLineAsync($"error: {problem}");
            }

            await stderr.WriteAsync(Usage);
            return ExitCodes.Usage;
        }
        catch (Exception e) when (e is StackFileException or ManifestException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            await stderr.WriteLineAsync($"error: {e.Message}");
            return ExitCodes.Failed;
        }
    }
}
