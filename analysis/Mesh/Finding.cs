namespace Frontend.Analysis.Mesh;

/// <summary>Istio's message levels, most severe first.</summary>
public enum FindingLevel
{
    Error,
    Warning,
    Info,
}

/// <summary>
/// One analysis message, with Istio's code, name and level (pkg/config/analysis/msg/messages.yaml), the resource
/// it is about ("VirtualService frontend/frontend"), Istio's message text, and the fix in one sentence.
/// </summary>
public sealed record Finding(string Code, string Name, FindingLevel Level, string Resource, string Message, string Fix);
