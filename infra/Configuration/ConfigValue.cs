using System.Text.Encodings.Web;
using System.Text.Json;

namespace Frontend.Infra.Configuration;

/// <summary>Shows a config value in a message: as JSON, shortened so a huge value cannot flood the output.</summary>
internal static class ConfigValue
{
    private const int MaxLength = 80;

    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Show(JsonElement value) => Shorten(value.GetRawText());

    /// <summary>Quoted and escaped as JSON, but non-ASCII letters stay readable (<c>"vé"</c>, not <c>"v\u00E9"</c>).</summary>
    public static string Show(string? value) => value is null ? "(not set)" : Shorten(JsonSerializer.Serialize(value, Readable));

    /// <summary>A value as Pulumi passes it: structured values are JSON text, plain ones are shown quoted.</summary>
    public static string ShowRaw(string? value)
    {
        if (value is null)
        {
            return "(not set)";
        }

        return TryParse(value, out var structured) ? Show(structured) : Show(value);
    }

    /// <summary>Reads config text as JSON; false for text that is not JSON (a plain value, or a typo).</summary>
    public static bool TryParse(string text, out JsonElement value)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            value = document.RootElement.Clone();
            return true;
        }
        catch (JsonException)
        {
            value = default;
            return false;
        }
    }

    public static string Show(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The shortest text that reads back as the same number (<c>99.5</c>, <c>99</c>).</summary>
    public static string Show(double value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A key name as it appears in a path: a pasted blob as a key must not flood the message either.</summary>
    public static string Name(string name) => name.Length <= 40 ? name : $"{name[..40]}...";

    /// <summary>A value already written for a message (a list of weights, say), bounded like the others.</summary>
    public static string Shorten(string text) =>
        text.Length <= MaxLength ? text : $"{text[..MaxLength]}... ({text.Length} characters)";
}
