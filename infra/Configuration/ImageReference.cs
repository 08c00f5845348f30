using System.Text.RegularExpressions;

namespace Frontend.Infra.Configuration;

/// <summary>The parts of a container image reference that decide whether a deployment is reproducible.</summary>
internal sealed partial record ImageReference(string Repository, string? Tag, string? Digest)
{
    /// <summary>A digest, or a tag other than <c>latest</c>: the same reference always means the same image.</summary>
    public bool IsPinned => Digest is not null || (Tag is not null && Tag != "latest");

    public static ImageReference Parse(string image)
    {
        var at = image.IndexOf('@', StringComparison.Ordinal);
        var digest = at >= 0 ? image[(at + 1)..] : null;
        var name = at >= 0 ? image[..at] : image;
        var lastSlash = name.LastIndexOf('/');
        var colon = name.LastIndexOf(':');
        // A colon before the last slash belongs to a registry port (registry:5000/app), not a tag.
        return colon > lastSlash
            ? new ImageReference(name[..colon], name[(colon + 1)..], digest)
            : new ImageReference(name, null, digest);
    }

    public static bool IsWellFormed(string image) => WellFormed().IsMatch(image);

    [GeneratedRegex(@"^[a-z0-9]+([._/:-][a-z0-9]+)*(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(@sha256:[a-f0-9]{64})?$", RegexOptions.CultureInvariant)]
    private static partial Regex WellFormed();
}
