using System.Collections.Immutable;
using Frontend.Analysis.Manifests;

namespace Frontend.Analysis.Tests.Support;

/// <summary>Builds object trees the way Pulumi's MockResourceArgs.Inputs holds them.</summary>
internal static class Trees
{
    public static ImmutableDictionary<string, object> Map(params (string Key, object Value)[] entries) =>
        entries.ToImmutableDictionary(entry => entry.Key, entry => entry.Value);

    public static ImmutableArray<object> List(params object[] items) => [.. items];

    public static Manifest BuildManifest(string apiVersion, string kind, string name, string? ns, params (string Key, object Value)[] rest)
    {
        var metadata = ns is null ? Map(("name", name)) : Map(("name", name), ("namespace", ns));
        var entries = new List<(string, object)> { ("apiVersion", apiVersion), ("kind", kind), ("metadata", metadata) };
        entries.AddRange(rest);
        return Frontend.Analysis.Manifests.Manifest.FromObjectTree(Map([.. entries]));
    }

    public static Manifest FromYaml(string yaml) => Frontend.Analysis.Yaml.ManifestYaml.Read(yaml).Single();
}
