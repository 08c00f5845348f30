using System.Globalization;

namespace Frontend.Cli.Rollout;

/// <summary>How the rollout writes an instant everywhere it shows one: RFC 3339 in UTC, the form --time and --deployed-at take.</summary>
internal static class Instants
{
    public static string Text(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
