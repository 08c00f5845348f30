using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Frontend.Infra.Configuration;

/// <summary>
/// The cluster a stack deploys to (<c>frontend:cluster</c>), declared as an explicit Kubernetes provider
/// that every resource uses, so <c>pulumi up --stack prod</c> cannot reach whatever kube context is current.
/// </summary>
internal sealed record ClusterConfig
{
    [Description("The kubeconfig context that reaches the cluster (kubectl config get-contexts).")]
    public required string Context { get; init; }

    [Description("The provider's clusterIdentifier: when it changes, Pulumi replaces every resource. Unset, it is the context; set it to keep the resources when only the context's name changes.")]
    public string? Identifier { get; init; }

    // Derived, so not a key: without this the binder's contract would accept `effectiveIdentifier` in a stack file and ignore it.
    [JsonIgnore]
    public string EffectiveIdentifier => Identifier ?? Context;
}

/// <summary>The rules for <see cref="ClusterConfig"/>.</summary>
internal static class ClusterRules
{
    public static void Validate(ClusterConfig? cluster, bool production, Problems problems)
    {
        var root = ConfigPath.Root("cluster");
        if (cluster is null)
        {
            const string Why = "without it pulumi up deploys to whatever kube context is current, and records that cluster in this stack's state";
            var fix = root.Property("context").SetCommand("<kube-context>");
            if (production)
            {
                problems.Error(root, $"is required in production: {Why}", "(not set)", fix);
            }
            else
            {
                problems.Warning(root, $"names no cluster: {Why}", "(not set)", fix);
            }

            return;
        }

        Name(root.Property("context"), cluster.Context, problems);
        if (cluster.Identifier is { } identifier)
        {
            Name(root.Property("identifier"), identifier, problems);
        }
    }

    /// <summary>Kube context names are free-form (<c>arn:aws:eks:...</c>, <c>gke_project_zone_name</c>), but never blank or padded.</summary>
    private static void Name(ConfigPath path, string value, Problems problems)
    {
        if (value.Length == 0 || value.Trim().Length != value.Length || value.Any(char.IsControl))
        {
            problems.Error(path, "must be a kubeconfig context name: not empty, no leading or trailing spaces, no control characters", ConfigValue.Show(value), path.SetCommand(value.Trim().Length > 0 ? $"'{value.Trim()}'" : "<kube-context>"));
        }
    }
}
