namespace CrdGen.Crds;

/// <summary>One <c>CustomResourceDefinition</c> of a bundle, reduced to what code generation needs.</summary>
internal sealed record CustomResourceDefinition(string Group, string Kind, IReadOnlyList<CrdVersion> Versions)
{
    public IEnumerable<CrdVersion> ServedVersions => Versions.Where(version => version.Served);
}

internal sealed record CrdVersion(string Name, bool Served, OpenApiSchema? Schema);

/// <summary>A <c>group/version/Kind</c> the generator is asked to emit, e.g. <c>networking.istio.io/v1/DestinationRule</c>.</summary>
internal sealed record KindSelector(string Group, string Version, string Kind)
{
    public string ApiVersion => $"{Group}/{Version}";

    public override string ToString() => $"{Group}/{Version}/{Kind}";

    public static bool TryParse(string text, out KindSelector? selector)
    {
        var lastSlash = text.LastIndexOf('/');
        var versionSlash = lastSlash > 0 ? text.LastIndexOf('/', lastSlash - 1) : -1;
        if (versionSlash <= 0 || lastSlash == text.Length - 1 || lastSlash - versionSlash < 2)
        {
            selector = null;
            return false;
        }

        selector = new KindSelector(text[..versionSlash], text[(versionSlash + 1)..lastSlash], text[(lastSlash + 1)..]);
        return true;
    }
}
