using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Frontend.Infra.Configuration;

/// <summary>
/// The range a whole-number key accepts, so a number too large for the binder to read at all (<c>1e12</c>)
/// is refused with that key's own range, as the key's rule would refuse a smaller one.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class ConfigRangeAttribute(int min, int max) : Attribute
{
    public int Min { get; } = min;

    public int Max { get; } = max;
}

/// <summary>
/// A string key that holds an Istio duration (<c>10s</c>): a bare number there is a duration without its unit,
/// and the binder says so instead of "must be a string".
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class IstioDurationFormatAttribute : Attribute
{
    /// <summary>The unit a fix gives a bare number: seconds for timeouts, milliseconds for a latency.</summary>
    public string Unit { get; init; } = "s";
}

/// <summary>
/// Reads a Kubernetes quantity written as a string (<c>250m</c>, <c>128Mi</c>) or, as Kubernetes also accepts,
/// as a number (<c>0.25</c>, <c>1</c>, <c>134217728</c>). A number becomes its canonical quantity text
/// (<see cref="Quantity.Canonical"/>), so the same value always renders the same bytes; a string stays as typed.
/// The property keeps its string type.
/// </summary>
internal sealed class QuantityJsonConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Number when reader.TryGetDecimal(out var number) => Quantity.Canonical(number),
        // Too large for a decimal: the text is kept, and the quantity rule refuses it with the value as written.
        JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(reader.ValueSpan),
        _ => throw new JsonException($"A quantity is a string or a number, not {reader.TokenType}."),
    };

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
