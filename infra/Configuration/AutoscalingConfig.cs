using System.ComponentModel;
namespace Frontend.Infra.Configuration;

/// <summary>
/// A HorizontalPodAutoscaler per version: <c>frontend:autoscaling</c> for every version, and
/// <c>versions[i].autoscaling</c> over it for one (a key set there wins; one left out comes from the
/// stack's block, then from the defaults below). An autoscaled version's Deployment leaves
/// <c>spec.replicas</c> to the autoscaler, so a <c>pulumi up</c> never resets the count it chose.
/// </summary>
internal sealed record AutoscalingConfig
{
    public const int DefaultMinReplicas = 2;
    public const int DefaultMaxReplicas = 10;
    public const int DefaultTargetCpuUtilization = 70;

    [Description("Unset means on wherever a block applies; false in a version's block keeps that version at fixed replicas.")]
    public bool? Enabled { get; init; }

    [Description("At least 1 (Kubernetes refuses 0 unless the alpha HPAScaleToZero gate is on). Default 2.")]
    [ConfigRange(1, StackConfigValidator.MaxReplicas)]
    public int? MinReplicas { get; init; }

    [Description("The most pods the autoscaler may run. Default 10.")]
    [ConfigRange(1, StackConfigValidator.MaxReplicas)]
    public int? MaxReplicas { get; init; }

    [Description("Average CPU use as a percentage of the pods' CPU request, 1-100. Default 70.")]
    [ConfigRange(1, 100)]
    public int? TargetCpuUtilization { get; init; }

    [Description("Average memory use as a percentage of the pods' memory request, 1-100; unset scales on CPU only.")]
    [ConfigRange(1, 100)]
    public int? TargetMemoryUtilization { get; init; }
}

/// <summary>How one version is scaled, with the stack's and the version's autoscaling blocks merged.</summary>
internal sealed record VersionScaling(bool Autoscaled, int MinReplicas, int MaxReplicas, int TargetCpuUtilization, int? TargetMemoryUtilization, bool MinReplicasFromStack = false)
{
    /// <summary>A version that runs no pods (see <see cref="RolloutRules.ParkedCanary"/>): no count to keep, no autoscaler.</summary>
    public static readonly VersionScaling Parked = new(false, 0, 0, 0, null);

    /// <summary>The replicas a version is sure to run: its fixed count, or its autoscaler's minimum.</summary>
    public int Floor => MinReplicas;

    public static VersionScaling For(AutoscalingConfig? stack, VersionConfig version)
    {
        var own = version.Autoscaling;
        var autoscaled = (stack is not null || own is not null) && (own?.Enabled ?? stack?.Enabled ?? true);
        if (!autoscaled)
        {
            return new VersionScaling(false, version.Replicas, version.Replicas, 0, null);
        }

        return new VersionScaling(
            true,
            own?.MinReplicas ?? stack?.MinReplicas ?? AutoscalingConfig.DefaultMinReplicas,
            own?.MaxReplicas ?? stack?.MaxReplicas ?? AutoscalingConfig.DefaultMaxReplicas,
            own?.TargetCpuUtilization ?? stack?.TargetCpuUtilization ?? AutoscalingConfig.DefaultTargetCpuUtilization,
            own?.TargetMemoryUtilization ?? stack?.TargetMemoryUtilization,
            MinReplicasFromStack: own?.MinReplicas is null && stack?.MinReplicas is not null);
    }

    /// <summary>
    /// The key that sets this version's floor, where the stack file sets it: its <c>replicas</c>, the stack-wide
    /// <c>autoscaling.minReplicas</c> it inherits, or else its own <c>autoscaling.minReplicas</c> (the narrowest key,
    /// which leaves the other versions alone).
    /// </summary>
    public ConfigPath FloorPath(int versionIndex)
    {
        var version = ConfigPath.Root("versions").Index(versionIndex);
        return !Autoscaled ? version.Property("replicas")
            : MinReplicasFromStack ? ConfigPath.Root("autoscaling").Property("minReplicas")
            : version.Property("autoscaling").Property("minReplicas");
    }
}

/// <summary>The rules for autoscaling, at the stack's level and per version.</summary>
internal static class AutoscalingRules
{
    public static void Validate(StackConfig config, Problems problems)
    {
        if (config.Autoscaling is { } stack)
        {
            ValidateBlock(ConfigPath.Root("autoscaling"), stack, problems);
        }

        var cpu = false;
        var memory = false;
        for (var i = 0; i < config.Versions.Count; i++)
        {
            var version = config.Versions[i];
            var path = ConfigPath.Root("versions").Index(i).Property("autoscaling");
            if (version.Autoscaling is { } own)
            {
                ValidateBlock(path, own, problems);
            }

            var scaling = VersionScaling.For(config.Autoscaling, version);
            if (!scaling.Autoscaled)
            {
                continue;
            }

            cpu = true;
            memory |= scaling.TargetMemoryUtilization is not null;
            // A min above max from the stack's block alone is reported once, there; here only what this version changed.
            if (scaling.MinReplicas > scaling.MaxReplicas && (version.Autoscaling?.MinReplicas ?? version.Autoscaling?.MaxReplicas) is not null)
            {
                var maxPath = path.Property("maxReplicas");
                problems.Error(path.Property("minReplicas"), $"must not exceed maxReplicas ({scaling.MaxReplicas}) of version '{version.Name}'; Kubernetes refuses such an autoscaler", ConfigValue.Show(scaling.MinReplicas), maxPath.SetCommand(ConfigValue.Show(scaling.MinReplicas)));
            }
        }

        RequestSet(config, cpu, "cpuRequest", "CPU", "100m", problems);
        RequestSet(config, memory, "memoryRequest", "memory", "128Mi", problems);
    }

    private static void ValidateBlock(ConfigPath path, AutoscalingConfig block, Problems problems)
    {
        if (block.MinReplicas is { } min)
        {
            problems.InRange(path.Property("minReplicas"), min, 1, StackConfigValidator.MaxReplicas, "0 needs Kubernetes' alpha HPAScaleToZero feature");
        }

        if (block.MaxReplicas is { } max)
        {
            problems.InRange(path.Property("maxReplicas"), max, 1, StackConfigValidator.MaxReplicas);
        }

        if (block.MinReplicas is { } lower && block.MaxReplicas is { } upper && lower > upper && lower >= 1)
        {
            problems.Error(path.Property("minReplicas"), $"must not exceed {path.Property("maxReplicas").Path} ({upper}); Kubernetes refuses such an autoscaler", ConfigValue.Show(lower), path.Property("maxReplicas").SetCommand(ConfigValue.Show(lower)));
        }

        if (block.TargetCpuUtilization is { } cpu)
        {
            problems.InRange(path.Property("targetCpuUtilization"), cpu, 1, 100, "a percentage of the CPU request");
        }

        if (block.TargetMemoryUtilization is { } memory)
        {
            problems.InRange(path.Property("targetMemoryUtilization"), memory, 1, 100, "a percentage of the memory request");
        }
    }

    /// <summary>Utilisation is measured against the request: without one the autoscaler cannot compute it and never scales.</summary>
    private static void RequestSet(StackConfig config, bool needed, string key, string resource, string example, Problems problems)
    {
        var value = key == "cpuRequest" ? config.App.Resources.CpuRequest : config.App.Resources.MemoryRequest;
        if (needed && Quantity.TryParse(value, out var amount) && amount <= 0)
        {
            var path = ConfigPath.Root("app").Property("resources").Property(key);
            problems.Error(path, $"must be above 0 while a version autoscales on {resource}: utilisation is measured against the request", ConfigValue.Show(value), path.SetCommand(example));
        }
    }
}
