using System.Collections.Generic;

namespace Pulumi;

public abstract class ResourceOptions
{
    private InputList<Resource>? _dependsOn;

    protected ResourceOptions()
    {
    }

    public Input<string>? Id { get; set; }

    public Resource? Parent { get; set; }

    public InputList<Resource> DependsOn
    {
        get => _dependsOn ??= [];
        set => _dependsOn = value;
    }

    public bool? Protect { get; set; }

    public List<string> IgnoreChanges { get; set; } = [];

    public List<string> ReplaceOnChanges { get; set; } = [];

    public List<string> HideDiffs { get; set; } = [];

    public string? Version { get; set; }

    public string? PluginDownloadURL { get; set; }

    public ProviderResource? Provider { get; set; }

    public bool? RetainOnDelete { get; set; }

    public Resource? DeletedWith { get; set; }

    public string? Urn { get; set; }

    public List<Input<Alias>> Aliases { get; set; } = [];

    public List<ResourceTransformation> ResourceTransformations { get; set; } = [];

    internal InputList<Resource>? DependsOnIfSet => _dependsOn;

    private protected void MergeCommon(ResourceOptions merged, ResourceOptions? other)
    {
        merged.Id = Id;
        merged.Parent = Parent;
        merged.DependsOn = DependsOn.Concat(other?._dependsOn ?? []);
        merged.Protect = Protect;
        merged.IgnoreChanges = [.. IgnoreChanges, .. other?.IgnoreChanges ?? []];
        merged.ReplaceOnChanges = [.. ReplaceOnChanges, .. other?.ReplaceOnChanges ?? []];
        merged.HideDiffs = [.. HideDiffs, .. other?.HideDiffs ?? []];
        merged.Aliases = [.. Aliases, .. other?.Aliases ?? []];
        merged.ResourceTransformations = [.. ResourceTransformations, .. other?.ResourceTransformations ?? []];
        merged.Version = Version;
        merged.PluginDownloadURL = PluginDownloadURL;
        merged.Provider = Provider;
        merged.RetainOnDelete = RetainOnDelete;
        merged.DeletedWith = DeletedWith;
        merged.Urn = Urn;
        if (other is null)
        {
            return;
        }

        merged.Id = other.Id ?? merged.Id;
        merged.Parent = other.Parent ?? merged.Parent;
        merged.Protect = other.Protect ?? merged.Protect;
        merged.Version = other.Version ?? merged.Version;
        merged.PluginDownloadURL = other.PluginDownloadURL ?? merged.PluginDownloadURL;
        merged.Provider = other.Provider ?? merged.Provider;
        merged.RetainOnDelete = other.RetainOnDelete ?? merged.RetainOnDelete;
        merged.DeletedWith = other.DeletedWith ?? merged.DeletedWith;
        merged.Urn = other.Urn ?? merged.Urn;
    }
}
