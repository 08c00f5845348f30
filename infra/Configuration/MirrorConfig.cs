using System.ComponentModel;

namespace Frontend.Infra.Configuration;

/// <summary>
/// Shadow traffic (<c>routing.mirror</c>): a copy of a share of the split's requests goes to a version, whose
/// responses Istio discards. The version may have weight 0: a dark launch before any visitor sees it.
/// </summary>
internal sealed record MirrorConfig
{
    [Description("The version that gets the copies.")]
    public required string Version { get; init; }

    [Description("Share of the split's requests copied, above 0 and at most 100 (fractions allowed, as in Istio's Percent).")]
    public double Percent { get; init; } = 100;
}

/// <summary>The rules for <see cref="MirrorConfig"/>.</summary>
internal static class MirrorRules
{
    public static void Validate(StackConfig config, Problems problems)
    {
        if (config.Routing.Mirror is not { } mirror)
        {
            return;
        }

        var root = ConfigPath.Root("routing").Property("mirror");
        if (mirror.Percent is not (> 0 and <= 100) || double.IsNaN(mirror.Percent))
        {
            problems.Error(root.Property("percent"), "must be above 0 and at most 100 (a percentage of the split's requests)", ConfigValue.Show(mirror.Percent.ToString(System.Globalization.CultureInfo.InvariantCulture)).Trim('"'), root.Property("percent").SetCommand("10"));
        }

        var index = config.Versions.Select((v, i) => (v, i)).FirstOrDefault(x => x.v.Name == mirror.Version, (null!, -1)).Item2;
        if (index < 0)
        {
            problems.Error(root.Property("version"), $"must name a version in 'versions' ({string.Join(", ", config.Versions.Select(v => v.Name))})", ConfigValue.Show(mirror.Version), root.Property("version").SetCommand(Spelling.Closest(mirror.Version, config.Versions.Select(v => v.Name)) ?? config.Versions[^1].Name));
            return;
        }

        var version = config.Versions[index];
        if (VersionScaling.For(config.Autoscaling, version).Floor == 0)
        {
            var replicas = ConfigPath.Root("versions").Index(index).Property("replicas");
            problems.Error(root.Property("version"), $"mirrors to '{version.Name}', which has no replicas: the copies would fail", ConfigValue.Show(mirror.Version), replicas.SetCommand("1"));
        }
        else if (version.Weight > 0 && config.Rollout?.Canary == version.Name)
        {
            // The rollout judges the canary on Istio's request metrics at its own pods, and shadow copies land there
            // too (their responses discarded): they would dilute or fake the evidence a step is promoted on.
            problems.Error(
                root.Property("version"),
                $"mirrors to '{version.Name}', the rollout plan's canary, while it serves {version.Weight}% of the split: the shadow copies would count in the metrics the rollout judges it by",
                ConfigValue.Show(mirror.Version),
                $"{root.RemoveCommand()}, or mirror another version");
        }
        else if (version.Weight > 0)
        {
            problems.Warning(root.Property("version"), $"mirrors to '{version.Name}', which also serves {version.Weight}% of the split: it gets each of those requests twice (once served, once shadowed)", ConfigValue.Show(mirror.Version), $"mirror a version at weight 0, or {root.RemoveCommand()}");
        }
    }
}
