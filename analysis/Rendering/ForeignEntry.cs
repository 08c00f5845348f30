namespace Frontend.Analysis.Rendering;

/// <summary>Something in a render folder that no render wrote, so replacing the folder would delete someone's work.</summary>
/// <param name="RelativePath">The entry's path relative to the render folder, with '/' separators.</param>
/// <param name="Reason">
/// Why a render cannot have written it, phrased to follow "which is not part of a render"; null for an entry beside
/// <c>0-crd/</c> and <c>1-manifest/</c>, where the place alone says it.
/// </param>
public sealed record ForeignEntry(string RelativePath, string? Reason);
