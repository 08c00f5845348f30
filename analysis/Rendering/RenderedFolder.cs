using System.Text;
using Frontend.Analysis.Manifests;
using Frontend.Analysis.Yaml;

namespace Frontend.Analysis.Rendering;

/// <summary>Writes and reads a folder of manifests in the <see cref="RenderLayout"/>.</summary>
public static class RenderedFolder
{
    private static readonly UTF8Encoding Utf8WithoutBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>
    /// Replaces <paramref name="targetDirectory"/> with exactly these manifests, all or nothing: the files are
    /// written to a fresh folder beside the target and moved into place only when every one was written, so a
    /// failure leaves the target as it was and no partial folder behind. Validate before calling.
    /// </summary>
    /// <exception cref="ArgumentException">Two manifests map to the same file.</exception>
    public static void Write(string targetDirectory, IEnumerable<Manifest> manifests)
    {
        ArgumentException.ThrowIfNullOrEmpty(targetDirectory);
        ArgumentNullException.ThrowIfNull(manifests);
        var files = PlanFiles(manifests);

        var target = Path.GetFullPath(targetDirectory).TrimEnd(Path.DirectorySeparatorChar);
        var parent = Path.GetDirectoryName(target) ?? throw new ArgumentException("cannot render to a root folder", nameof(targetDirectory));
        Directory.CreateDirectory(parent);
        var staging = Path.Combine(parent, $".{Path.GetFileName(target)}.rendering-{Guid.NewGuid():N}");
        var previous = Path.Combine(parent, $".{Path.GetFileName(target)}.previous-{Guid.NewGuid():N}");
        try
        {
            WriteFiles(staging, files);
            if (Directory.Exists(target))
            {
                Directory.Move(target, previous);
            }

            Directory.Move(staging, target);
        }
        catch
        {
            if (Directory.Exists(previous) && !Directory.Exists(target))
            {
                Directory.Move(previous, target);
            }

            DeleteIfPresent(staging);
            throw;
        }

        DeleteIfPresent(previous);
    }

    /// <summary>Reads every <c>.yaml</c>/<c>.yml</c> file under the folder, in ordinal order of relative path.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="ManifestException">A file is not YAML or holds something that is not a manifest.</exception>
    public static IReadOnlyList<Manifest> Read(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"rendered folder not found: {directory}");
        }

        return Directory.EnumerateFiles(directory, "*.*", SearchOption.AllDirectories)
            .Where(path => path.EndsWith(".yaml", StringComparison.Ordinal) || path.EndsWith(".yml", StringComparison.Ordinal))
            .Select(path => (Relative: Path.GetRelativePath(directory, path).Replace('\\', '/'), Full: path))
            .OrderBy(file => file.Relative, StringComparer.Ordinal)
            .SelectMany(file => ManifestYaml.Read(File.ReadAllText(file.Full, Utf8WithoutBom), file.Relative))
            .ToList();
    }

    private static SortedDictionary<string, string> PlanFiles(IEnumerable<Manifest> manifests)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var manifest in manifests)
        {
            var relativePath = RenderLayout.RelativePath(manifest);
            if (!files.TryAdd(relativePath, ManifestYaml.Write(manifest)))
            {
                throw new ArgumentException($"two manifests render to the same file {relativePath}", nameof(manifests));
            }
        }

        return files;
    }

    private static void WriteFiles(string root, SortedDictionary<string, string> files)
    {
        // Both folders exist even when empty, as the provider creates them, so the layout does not depend on content.
        Directory.CreateDirectory(Path.Combine(root, RenderLayout.CrdFolder));
        Directory.CreateDirectory(Path.Combine(root, RenderLayout.ManifestFolder));
        foreach (var (relativePath, yaml) in files)
        {
            File.WriteAllText(Path.Combine(root, relativePath), yaml, Utf8WithoutBom);
        }
    }

    private static void DeleteIfPresent(string directory)
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
