using System.Text;

namespace CrdGen.Emit;

/// <summary>Writes generated files to a folder, or compares them with what is there.</summary>
internal static class OutputFolder
{
    private static readonly UTF8Encoding Utf8WithoutBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Replaces the folder's <c>.cs</c> files with <paramref name="files"/>, so a type that disappears upstream disappears here.</summary>
    public static void Write(string folder, IReadOnlyList<GeneratedFile> files)
    {
        foreach (var stale in ExistingFiles(folder).Except(files.Select(file => file.RelativePath), StringComparer.Ordinal))
        {
            File.Delete(Path.Combine(folder, stale));
        }

        foreach (var file in files)
        {
            var path = Path.Combine(folder, file.RelativePath);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, file.Content, Utf8WithoutBom);
        }
    }

    /// <summary>The differences between the folder and <paramref name="files"/>, one line each; empty when they match.</summary>
    public static IReadOnlyList<string> Compare(string folder, IReadOnlyList<GeneratedFile> files)
    {
        var existing = ExistingFiles(folder).ToHashSet(StringComparer.Ordinal);
        var differences = new List<string>();

        foreach (var file in files)
        {
            if (!existing.Remove(file.RelativePath))
            {
                differences.Add($"missing:   {file.RelativePath}");
            }
            else if (!string.Equals(File.ReadAllText(Path.Combine(folder, file.RelativePath)), file.Content, StringComparison.Ordinal))
            {
                differences.Add($"differs:   {file.RelativePath}");
            }
        }

        differences.AddRange(existing.Order(StringComparer.Ordinal).Select(path => $"unexpected: {path}"));
        return differences;
    }

    private static IEnumerable<string> ExistingFiles(string folder) =>
        Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
                .Select(path => Path.GetRelativePath(folder, path).Replace(Path.DirectorySeparatorChar, '/'))
            : [];
}
