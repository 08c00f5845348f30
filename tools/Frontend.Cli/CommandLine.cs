namespace Frontend.Cli;

/// <summary>The verbs: render, analyze and diff.</summary>
internal static class CommandLine
{
    public const string Usage = """
        usage:
          render <stack> --out <dir> [--crds <bundle.yaml>]   write the stack's manifests, after analysing them
          analyze <stack> [--crds <bundle.yaml>]              check the stack like istioctl analyze, offline
          diff <before-dir> <after-dir>                        Markdown diff of two rendered folders
        """;

    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        stderr.WriteLine(Usage);
        _ = args;
        _ = stdout;
        return Task.FromResult(2);
    }
}
