namespace SdkBehaviour.Tests.Support;

/// <summary>Sets PULUMI_CONFIG the way the pulumi CLI does for the length of a test, then restores it.</summary>
internal sealed class PulumiConfigScope : IDisposable
{
    private const string Variable = "PULUMI_CONFIG";
    private readonly string? _previous = Environment.GetEnvironmentVariable(Variable);

    public PulumiConfigScope(string json)
    {
        Environment.SetEnvironmentVariable(Variable, json);
    }

    public static void Set(string? json) => Environment.SetEnvironmentVariable(Variable, json);

    public void Dispose() => Environment.SetEnvironmentVariable(Variable, _previous);
}
