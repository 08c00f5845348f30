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
}
