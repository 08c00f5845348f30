using Frontend.Infra.Configuration;

namespace Frontend.Cli.Stacks;

/// <summary>
/// A stack's config exactly as the Pulumi CLI hands it to the program: <c>project:key</c> to a string,
/// structured values as JSON text.
/// </summary>
internal sealed record StackSettings(
    string ProjectName,
    string StackName,
    IReadOnlyDictionary<string, string> Config,
    IReadOnlyList<string> SecretKeys)
{
    /// <summary>
    /// Each <c>secure:</c> leaf passed as the placeholder, as a config path without the namespace
    /// (<c>routing.matches[0].cookie.value</c>): the program leaves their format unchecked, and says so.
    /// </summary>
    public IReadOnlyList<string> UndecryptedSecrets { get; init; } = [];

    /// <summary>
    /// The stack's config bound as the program binds it, with the keys it sets, the keys that are secret and
    /// the secure leaves that could not be decrypted offline: every tool that reads a stack reads it this way.
    /// </summary>
    public LoadedConfig LoadConfig()
    {
        var prefix = ProjectName + ":";
        IEnumerable<string> Own(IEnumerable<string> keys) =>
            keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).Select(k => k[prefix.Length..]);
        return StackConfigLoader.Load(key => Config.GetValueOrDefault(prefix + key), Own(Config.Keys), Own(SecretKeys), UndecryptedSecrets);
    }
}
