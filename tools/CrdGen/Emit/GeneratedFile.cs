namespace CrdGen.Emit;

/// <summary>One emitted file: a path relative to the output folder, with forward slashes, and its text.</summary>
internal sealed record GeneratedFile(string RelativePath, string Content);
