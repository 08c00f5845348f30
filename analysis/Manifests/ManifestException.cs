namespace Frontend.Analysis.Manifests;

/// <summary>An object tree or a YAML document that cannot be a Kubernetes manifest.</summary>
public sealed class ManifestException : Exception
{
    public ManifestException()
    {
    }

    public ManifestException(string message)
        : base(message)
    {
    }

    public ManifestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
