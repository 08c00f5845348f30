using System.Globalization;
using System.Text;

namespace Frontend.Cli.Tests.Changes;

/// <summary>A version of the shop stack: its name, image tag, weight and replicas (null when an autoscaler sizes it).</summary>
internal sealed record ShopVersion(string Name, string Tag, int Weight, int? Replicas = 2);

/// <summary>
/// A stack file for the table of changes: namespace shop, v1 at 90% and v2 at 10%, two pods each, and whatever config
/// a case adds. A case states the base and the head as two of these, so each pair differs in what the case is about.
/// </summary>
internal sealed record ShopStack
{
    public string Namespace { get; init; } = "shop";

    public IReadOnlyList<ShopVersion> Versions { get; init; } = [new("v1", "1.4.2", 90), new("v2", "1.5.0", 10)];

    /// <summary>More <c>frontend:</c> keys, as YAML at the config's indent.</summary>
    public string Config { get; init; } = "";

    public ShopStack Weights(params int[] weights) =>
        this with { Versions = [.. Versions.Select((version, i) => version with { Weight = weights[i] })] };

    public ShopStack With(string config) => this with { Config = Config + config };

    public string Yaml()
    {
        var yaml = new StringBuilder()
            .Append("config:\n  frontend:namespace:\n    name: ").Append(Namespace).Append('\n')
            .Append("  frontend:versions:\n");
        foreach (var version in Versions)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"    - name: {version.Name}\n      image: ghcr.io/acme/frontend:{version.Tag}\n      weight: {version.Weight}\n");
            if (version.Replicas is { } replicas)
            {
                yaml.Append(CultureInfo.InvariantCulture, $"      replicas: {replicas}\n");
            }
        }

        return yaml.Append(Config).ToString();
    }
}
