using System.Text.Json;

namespace Frontend.Infra.Configuration;

/// <summary>Shows a config value in a message: as JSON, shortened so a huge value cannot flood the output.</summary>
internal static class ConfigValue
{
    private const int MaxLength = 80;

    public static string Show(JsonElement value) => Shorten(value.GetRawText());

    public static string Show(string? value) => value is null ? "(not set)" : Shorten(JsonSerializer.Serialize(value));

    public static string Show(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A key name as it appears in a path: a pasted blob as a key must not flood the message either.</summary>
    public static string Name(string name) => name.Length <= 40 ? name : $"{name[..40]}...";

    private static string Shorten(string text) =>
        text.Length <= MaxLength ? text : $"{text[..MaxLength]}... ({text.Length} characters)";
}
