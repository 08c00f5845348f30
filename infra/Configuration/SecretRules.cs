namespace Frontend.Infra.Configuration;

/// <summary>
/// Where a stack may hold a <c>secure:</c> value. A secret must stay ciphertext in Pulumi's state and
/// previews, so it may only sit where the program can pass it on as a secret without hiding what a
/// reviewer must see: the routing rules (a tester's header or cookie value). Names, images, weights and
/// policies reach every manifest, the stack's outputs and the resource names, so they cannot be secret.
/// The rollout plan has its own reason, in <see cref="RolloutRules"/>.
/// </summary>
internal static class SecretRules
{
    public const string RoutingKey = "routing";

    /// <summary>What an offline render passes for each <c>secure:</c> value it cannot decrypt.</summary>
    public const string OfflinePlaceholder = "[secret: not decrypted offline]";

    public static void Validate(StackConfig config, Problems problems)
    {
        foreach (var key in config.SecretKeys.Where(k => k != RoutingKey && k != RolloutRules.Key && StackConfigLoader.KnownKeys.Contains(k, StringComparer.Ordinal)))
        {
            var path = ConfigPath.Root(key);
            problems.Error(
                path,
                $"must not hold a secure value: its values become resource names, labels, manifests and stack outputs, where Pulumi cannot keep them secret; only {ConfigPath.Root(RoutingKey)} (tester header and cookie values) may be secret",
                "(secret)",
                $"set the secure value under {key} again as plain text: pulumi config set --path '{key}.<path>' <value> (without --secret)");
        }
    }
}
