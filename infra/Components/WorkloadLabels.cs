using System.Collections.Immutable;

namespace Frontend.Infra.Components;

/// <summary>
/// The one source of the labels that tie the pieces together: the Service selects <see cref="App"/>,
/// a DestinationRule subset selects <see cref="Subset"/>, and a version's pods carry both. Deriving all
/// three from here is what keeps a subset from drifting away from the pods it should select.
/// </summary>
internal static class WorkloadLabels
{
    public const string AppKey = "app";
    public const string VersionKey = "version";

    /// <summary>What the Service selects: every version of the app, nothing else.</summary>
    public static ImmutableDictionary<string, string> App(string appName) =>
        ImmutableDictionary<string, string>.Empty.Add(AppKey, appName);

    /// <summary>What a DestinationRule subset selects, within the Service's pods.</summary>
    public static ImmutableDictionary<string, string> Subset(string versionName) =>
        ImmutableDictionary<string, string>.Empty.Add(VersionKey, versionName);

    /// <summary>Binds a Service to an ambient waypoint, which then applies the Service's routes and policies.</summary>
    public const string UseWaypointKey = "istio.io/use-waypoint";

    /// <summary>A version's pod labels: the Service selector joined with the subset's labels.</summary>
    public static ImmutableDictionary<string, string> Pod(string appName, string versionName) =>
        App(appName).AddRange(Subset(versionName));
}
