using System.Text.Json;

namespace Frontend.Infra.Tests.Testing;

/// <summary>
/// Sets PULUMI_CONFIG the way the Pulumi CLI passes stack config to a program (a JSON object of
/// "project:key" to string, structured values as JSON text) and restores the previous value after.
/// </summary>
internal sealed class PulumiConfigScope : IDisposable
{
    private const string Variable = "PULUMI_CONFIG";
    private readonly string? _previous = Environment.GetEnvironmentVariable(Variable);

    public PulumiConfigScope(IReadOnlyDictionary<string, string> values)
    {
        Environment.SetEnvironmentVariable(Variable, JsonSerializer.Serialize(values));
    }

    /// <summary>Structured values are given as objects and passed as JSON text, as the CLI does.</summary>
    public static PulumiConfigScope Structured(IReadOnlyDictionary<string, object> values) =>
        new(values.ToDictionary(kv => kv.Key, kv => kv.Value as string ?? JsonSerializer.Serialize(kv.Value)));

    public void Dispose() => Environment.SetEnvironmentVariable(Variable, _previous);
}
