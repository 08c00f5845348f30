using System.Text.Json;

namespace Frontend.Infra.Tests.Testing;

/// <summary>
/// Sets PULUMI_CONFIG the way the Pulumi CLI passes stack config to a program (a JSON object of
/// "project:key" to string, structured values as JSON text), and PULUMI_CONFIG_SECRET_KEYS beside it
/// (a JSON array of the keys holding a secure value), and restores both after.
/// </summary>
internal sealed class PulumiConfigScope : IDisposable
{
    private const string Variable = "PULUMI_CONFIG";
    private const string SecretKeysVariable = "PULUMI_CONFIG_SECRET_KEYS";
    private readonly string? _previous = Environment.GetEnvironmentVariable(Variable);
    private readonly string? _previousSecretKeys = Environment.GetEnvironmentVariable(SecretKeysVariable);

    public PulumiConfigScope(IReadOnlyDictionary<string, string> values, IReadOnlyList<string>? secretKeys = null)
    {
        Environment.SetEnvironmentVariable(Variable, JsonSerializer.Serialize(values));
        Environment.SetEnvironmentVariable(SecretKeysVariable, secretKeys is null ? null : JsonSerializer.Serialize(secretKeys));
    }

    /// <summary>Structured values are given as objects and passed as JSON text, as the CLI does.</summary>
    public static PulumiConfigScope Structured(IReadOnlyDictionary<string, object> values, IReadOnlyList<string>? secretKeys = null) =>
        new(values.ToDictionary(kv => kv.Key, kv => kv.Value as string ?? JsonSerializer.Serialize(kv.Value)), secretKeys);

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(Variable, _previous);
        Environment.SetEnvironmentVariable(SecretKeysVariable, _previousSecretKeys);
    }
}
