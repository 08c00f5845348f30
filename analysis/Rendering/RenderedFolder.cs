using System.Text;
using Frontend.Analysis.Manifests;
using Frontend.Analysis.Users;
using Frontend.Analysis.Yaml;

namespace Frontend.Analysis.Rendering;

/// <summary>Writes and reads a folder of manifests in the <see cref="RenderLayout"/>.</summary>
public static class RenderedFolder
{
    private static readonly UTF8Encoding Utf8WithoutBom = new(encoderShouldEmitUTF8Identifier: false);

    private static readonly EnumerationOptions EveryEntry = new() { AttributesToSkip = 0, IgnoreInaccessible = false };

    /// <summary>
    /// Replaces <paramref name="targetDirectory"/> with exactly these manifests, all or nothing: the files are
    /// written to a fresh folder beside the target and moved into place only when every one was written, so a
    /// failure leaves the target as it was and no partial folder behind. Validate before calling.
    /// </summary>
    /// <param name="facts">What the manifests do not say about the stack, written beside them for <c>diff</c>.</param>
    /// <exception cref="ArgumentException">Two manifests map to the same file.</exception>
    /// <exception cref="IOException">
    /// The target holds something a render did not write (see <see cref="FindForeignEntries"/>); it is left as it was.
    /// </exception>
    public static void Write(string targetDirectory, IEnumerable<Manifest> manifests, StackFacts? facts = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(targetDirectory);
        ArgumentNullException.ThrowIfNull(manifests);
        var files = PlanFiles(manifests);
        if (facts is not null)
        {
            files.Add(StackFacts.FileName, facts.Write());
        }

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

                // Checked once the folder is out of the way, so nothing added to it before the check is deleted after it.
                var foreign = FindForeignEntries(previous);
                if (foreign.Count > 0)
                {
                    throw new IOException($"{targetDirectory} holds what a render did not write ({string.Join(", ", foreign.Select(entry => entry.RelativePath))}); nothing was written");
                }
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

    /// <summary>
    /// Everything in <paramref name="directory"/> that a render would not have written, in ordinal order of path;
    /// empty when the folder does not exist or holds a previous render and nothing else. A render writes the folders
    /// <c>0-crd/</c> and <c>1-manifest/</c>, the stack's facts (<see cref="StackFacts.FileName"/>) and, directly inside the folders, one file per manifest at the path
    /// <see cref="RenderLayout.RelativePath"/> gives it. So a file is a render's only if it is exactly one manifest
    /// whose apiVersion, kind, namespace and name give back its own path; anything else (another entry at the top,
    /// a nested folder, a link, a hidden file, another extension, a file that is not one manifest, a manifest under
    /// another resource's name) is someone's work that replacing the folder would delete.
    /// </summary>
    public static IReadOnlyList<ForeignEntry> FindForeignEntries(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        if (!Directory.Exists(directory))
        {
            return [];
        }

        var foreign = new List<ForeignEntry>();
        foreach (var entry in new DirectoryInfo(directory).EnumerateFileSystemInfos("*", EveryEntry))
        {
            if (entry is DirectoryInfo { LinkTarget: null } folder && folder.Name is RenderLayout.CrdFolder or RenderLayout.ManifestFolder)
            {
                foreign.AddRange(ForeignEntriesInside(folder));
            }
            else if (entry is FileInfo { LinkTarget: null, Name: StackFacts.FileName })
            {
                continue;
            }
            else
            {
                foreign.Add(new ForeignEntry(entry.Name, null));
            }
        }

        return foreign.OrderBy(entry => entry.RelativePath, StringComparer.Ordinal).ToList();
    }

    private static IEnumerable<ForeignEntry> ForeignEntriesInside(DirectoryInfo folder)
    {
        foreach (var entry in folder.EnumerateFileSystemInfos("*", EveryEntry))
        {
            var relativePath = $"{folder.Name}/{entry.Name}";
            var reason = entry switch
            {
                { LinkTarget: not null } => "a link",
                DirectoryInfo => "a nested folder",
                _ => WhyNotRendered(relativePath, entry.FullName),
            };
            if (reason is not null)
            {
                yield return new ForeignEntry(relativePath, reason);
            }
        }
    }

    /// <summary>Null when a render writes exactly this file name for the manifest the file holds.</summary>
    private static string? WhyNotRendered(string relativePath, string fullPath)
    {
        var fileName = Path.GetFileName(relativePath);
        if (fileName.StartsWith('.'))
        {
            return "a hidden file";
        }

        if (!fileName.EndsWith(".yaml", StringComparison.Ordinal))
        {
            return "not a .yaml file";
        }

        IReadOnlyList<Manifest> manifests;
        try
        {
            manifests = ManifestYaml.Read(File.ReadAllText(fullPath, Utf8WithoutBom), relativePath);
        }
        catch (ManifestException)
        {
            return "not a Kubernetes manifest";
        }

        if (manifests.Count != 1)
        {
            return manifests.Count == 0 ? "no Kubernetes manifest" : $"{manifests.Count} Kubernetes manifests, not one";
        }

        var manifest = manifests[0];
        string renderedPath;
        try
        {
            renderedPath = RenderLayout.RelativePath(manifest);
        }
        catch (ArgumentException)
        {
            return $"it holds {manifest.DisplayName}, whose name a render cannot write";
        }

        return renderedPath == relativePath ? null : $"it holds {manifest.DisplayName}, which a render writes to {renderedPath}";
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
