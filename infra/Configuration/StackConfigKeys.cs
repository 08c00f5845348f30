using System.Text.Json;

namespace Frontend.Infra.Configuration;

/// <summary>
/// The keys of the project's namespace that a stack sets. The Pulumi CLI passes every key of the stack
/// in <c>PULUMI_CONFIG</c>, so a key the program does not know (a misspelt <c>frontend:verions</c>) can be
/// reported instead of silently ignored, which <c>Config.Get</c> alone cannot do.
/// </summary>
internal static class StackConfigKeys
{
    public const string EnvironmentVariable = "PULUMI_CONFIG";

    /// <summary>The Pulumi CLI lists the keys holding a <c>secure:</c> value here, beside PULUMI_CONFIG.</summary>
    public const string SecretKeysVariable = "PULUMI_CONFIG_SECRET_KEYS";

    /// <summary>What the Pulumi CLI handed the program, read the way the SDK reads it.</summary>
    public static IReadOnlySet<string> FromEnvironment(string project = ConfigPath.Project) =>
        Parse(Environment.GetEnvironmentVariable(EnvironmentVariable), project);

    /// <summary>
    /// The top-level keys of the project's namespace that hold a secret, read the way the SDK reads them.
    /// A secure value anywhere inside a structured key makes the whole key secret.
    /// </summary>
    public static IReadOnlySet<string> SecretsFromEnvironment(string project = ConfigPath.Project) =>
        ParseSecrets(Environment.GetEnvironmentVariable(SecretKeysVariable), project);

    /// <summary>The keys of <paramref name="project"/>'s namespace in a <c>PULUMI_CONFIG_SECRET_KEYS</c> array, without the namespace.</summary>
    public static IReadOnlySet<string> ParseSecrets(string? secretKeys, string project = ConfigPath.Project)
    {
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(secretKeys) || !ConfigValue.TryParse(secretKeys, out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return keys;
        }

        foreach (var key in list.EnumerateArray().Where(k => k.ValueKind == JsonValueKind.String).Select(k => k.GetString()!))
        {
            if (InNamespace(key, project) is { } name)
            {
                keys.Add(name);
            }
        }

        return keys;
    }

    /// <summary>
    /// The keys of <paramref name="project"/>'s namespace in a <c>PULUMI_CONFIG</c> object, without the
    /// namespace. Older CLIs write <c>project:config:key</c>, which the SDK reads as <c>project:key</c>;
    /// other namespaces (<c>kubernetes:context</c>) belong to providers, not to this program.
    /// </summary>
    public static IReadOnlySet<string> Parse(string? pulumiConfig, string project = ConfigPath.Project)
    {
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(pulumiConfig))
        {
            return keys;
        }

        if (!ConfigValue.TryParse(pulumiConfig, out var config) || config.ValueKind != JsonValueKind.Object)
        {
            // The SDK refuses such a variable before the program runs; there is nothing to list.
            return keys;
        }

        foreach (var entry in config.EnumerateObject())
        {
            if (InNamespace(entry.Name, project) is { } key)
            {
                keys.Add(key);
            }
        }

        return keys;
    }

    /// <summary><c>project:key</c> (or an older CLI's <c>project:config:key</c>) as <c>key</c>; null for another namespace.</summary>
    private static string? InNamespace(string qualified, string project)
    {
        var prefix = project + ":";
        if (!qualified.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var key = qualified[prefix.Length..];
        return key.StartsWith("config:", StringComparison.Ordinal) ? key["config:".Length..] : key;
    }
}
