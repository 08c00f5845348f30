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

    /// <summary>What the Pulumi CLI handed the program, read the way the SDK reads it.</summary>
    public static IReadOnlySet<string> FromEnvironment(string project = ConfigPath.Project) =>
        Parse(Environment.GetEnvironmentVariable(EnvironmentVariable), project);

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

        var prefix = project + ":";
        foreach (var entry in config.EnumerateObject())
        {
            if (!entry.Name.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            var key = entry.Name[prefix.Length..];
            keys.Add(key.StartsWith("config:", StringComparison.Ordinal) ? key["config:".Length..] : key);
        }

        return keys;
    }
}
