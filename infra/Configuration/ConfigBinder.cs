using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Frontend.Infra.Configuration;

/// <summary>
/// Binds a config key's JSON text to its record. Before deserializing, it walks the value against the
/// very contract the serializer will use, so every unknown key, wrong type and missing required key is
/// reported at once, each with its path, instead of the serializer stopping at the first.
/// </summary>
internal static class ConfigBinder
{
    /// <summary>JsonDocument's default limit, which no real config comes near.</summary>
    private const int DefaultMaxDepth = 64;

    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <returns>The bound value, or default when a problem was added.</returns>
    public static T? Bind<T>(ConfigPath key, string json, ICollection<ConfigProblem> problems)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(json);
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            // Pulumi passes a plain (non-structured) value as raw text; quote it so it reads as what it is.
            var problem = WrongType(key, typeof(T), JsonSerializer.SerializeToElement(json));
            problems.Add(LooksStructured(json) ? problem with { Rule = $"{problem.Rule}, and this value cannot be read as one: {Unreadable(e)}" } : problem);
            return default;
        }

        var before = problems.Count;
        Check(root, typeof(T), key, problems);
        return problems.Count > before ? default : root.Deserialize<T>(Options);
    }

    private static bool LooksStructured(string text) => text.TrimStart() is ['[' or '{', ..];

    /// <summary>Why structured text did not parse, without the parser's byte offsets.</summary>
    private static string Unreadable(JsonException e) =>
        e.Message.Contains("depth", StringComparison.OrdinalIgnoreCase)
            ? $"it is nested more than {DefaultMaxDepth} levels deep"
            : $"it is not valid JSON (line {e.LineNumber + 1}, position {e.BytePositionInLine + 1})";

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
            NumberHandling = JsonNumberHandling.Strict,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        };
        options.MakeReadOnly();
        return options;
    }

    /// <param name="property">The record property the value binds to, when it is one: its attributes say what a mismatch means.</param>
    private static void Check(JsonElement value, Type type, ConfigPath path, ICollection<ConfigProblem> problems, JsonPropertyInfo? property = null)
    {
        var contract = Options.GetTypeInfo(type);
        switch (contract.Kind)
        {
            case JsonTypeInfoKind.Object:
                CheckObject(value, contract, path, problems);
                break;
            case JsonTypeInfoKind.Enumerable when value.ValueKind == JsonValueKind.Array:
                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    CheckMember(item, contract.ElementType!, isNullable: false, path.Index(index++), problems);
                }

                break;
            case JsonTypeInfoKind.Dictionary when value.ValueKind == JsonValueKind.Object:
                foreach (var entry in value.EnumerateObject())
                {
                    CheckMember(entry.Value, contract.ElementType!, isNullable: false, path.Property(entry.Name), problems);
                }

                break;
            case JsonTypeInfoKind.None when IsScalarOf(value, Nullable.GetUnderlyingType(type) ?? type):
                break;
            case JsonTypeInfoKind.None when property?.CustomConverter is QuantityJsonConverter && value.ValueKind == JsonValueKind.Number:
                // Kubernetes takes a quantity as a number too (cpu 0.25, memory in bytes); the converter canonicalises it.
                break;
            default:
                problems.Add(WrongType(path, type, value, property));
                break;
        }
    }

    private static void CheckObject(JsonElement value, JsonTypeInfo contract, ConfigPath path, ICollection<ConfigProblem> problems)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            problems.Add(WrongType(path, contract.Type, value));
            return;
        }

        var known = contract.Properties.ToDictionary(p => p.Name, StringComparer.Ordinal);
        var present = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in value.EnumerateObject())
        {
            var memberPath = path.Property(ConfigValue.Name(member.Name));
            if (!known.TryGetValue(member.Name, out var property))
            {
                problems.Add(UnknownKey(memberPath, member.Name, member.Value, known.Keys));
                continue;
            }

            present.Add(member.Name);
            CheckMember(member.Value, property.PropertyType, property.IsSetNullable, memberPath, problems, property);
        }

        foreach (var missing in contract.Properties.Where(p => p.IsRequired && !present.Contains(p.Name)))
        {
            var missingPath = path.Property(missing.Name);
            problems.Add(new ConfigProblem(
                missingPath,
                $"'{missing.Name}' is required",
                "(not set)",
                missingPath.SetCommand($"<{Describe(missing.PropertyType)}>")));
        }
    }

    private static void CheckMember(JsonElement value, Type type, bool isNullable, ConfigPath path, ICollection<ConfigProblem> problems, JsonPropertyInfo? property = null)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            if (!isNullable && Nullable.GetUnderlyingType(type) is null)
            {
                problems.Add(new ConfigProblem(path, $"must be {Describe(type)}, not null", "null", $"set a value ({path.SetCommand($"<{Describe(type)}>")}) or remove the key ({path.RemoveCommand()})"));
            }

            return;
        }

        Check(value, type, path, problems, property);
    }

    private static bool IsScalarOf(JsonElement value, Type type) => value.ValueKind switch
    {
        JsonValueKind.String => type == typeof(string),
        JsonValueKind.True or JsonValueKind.False => type == typeof(bool),
        JsonValueKind.Number when type == typeof(int) => value.TryGetInt32(out _),
        JsonValueKind.Number => type == typeof(double),
        _ => false,
    };

    /// <summary>What the person got wrong, in the key's own terms where its property says more than its type.</summary>
    private static ConfigProblem WrongType(ConfigPath path, Type expected, JsonElement value, JsonPropertyInfo? property = null)
    {
        var scalar = Nullable.GetUnderlyingType(expected) ?? expected;
        var shown = ConfigValue.Show(value);
        var attributes = property?.AttributeProvider;
        if (scalar == typeof(int) && value.ValueKind == JsonValueKind.Number && IsWhole(value, out var number))
        {
            // A whole number the binder cannot hold is past the key's range, whatever that range is.
            var range = attributes?.GetCustomAttributes(typeof(ConfigRangeAttribute), inherit: false).OfType<ConfigRangeAttribute>().FirstOrDefault();
            var (min, max) = range is null ? (int.MinValue, int.MaxValue) : (range.Min, range.Max);
            var rule = range is null ? $"must be a whole number between {min} and {max}" : $"must be between {min} and {max}";
            return new ConfigProblem(path, rule, shown, path.SetCommand(ConfigValue.Show(number > max ? max : min)));
        }

        if (scalar == typeof(string) && value.ValueKind is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False)
        {
            var raw = value.GetRawText();
            if (value.ValueKind == JsonValueKind.Number && attributes?.GetCustomAttributes(typeof(IstioDurationFormatAttribute), inherit: false).OfType<IstioDurationFormatAttribute>().FirstOrDefault() is { } duration)
            {
                return new ConfigProblem(path, $"must be an Istio duration with a unit: a bare number has none ({raw}s is {raw} seconds, {raw}ms {raw} milliseconds)", shown, path.SetCommand($"{raw}{duration.Unit}"));
            }

            var kind = value.ValueKind == JsonValueKind.Number ? "a number" : "a boolean";
            return new ConfigProblem(path, $"must be a string, not {kind}: pulumi config set --path stores a bare {raw} as {kind}, so set it with --type string", shown, path.SetStringCommand(raw));
        }

        return new ConfigProblem(path, $"must be {Describe(expected)}", shown, Suggest(path, expected, value));
    }

    /// <summary>A number without a fraction, however large; one past a double's range (<c>1e400</c>) counts as whole.</summary>
    private static bool IsWhole(JsonElement value, out double number)
    {
        if (!value.TryGetDouble(out number) || !double.IsFinite(number))
        {
            number = value.GetRawText().TrimStart().StartsWith('-') ? double.NegativeInfinity : double.PositiveInfinity;
            return true;
        }

        return Math.Floor(number) == number;
    }

    /// <summary>The command that sets a value of the expected shape: the unquoted number for "3", key by key for maps.</summary>
    private static string Suggest(ConfigPath path, Type expected, JsonElement value)
    {
        var contract = Options.GetTypeInfo(expected);
        switch (contract.Kind)
        {
            case JsonTypeInfoKind.Object:
                var first = contract.Properties.OrderByDescending(p => p.IsRequired).First();
                return Suggest(path.Property(first.Name), first.PropertyType, default);
            case JsonTypeInfoKind.Enumerable:
                return Suggest(path.Index(0), contract.ElementType!, default);
            default:
                var typed = value.ValueKind == JsonValueKind.String && ConfigValue.TryParse(value.GetString()!, out var reparsed) && IsScalarOf(reparsed, expected);
                return path.SetCommand(typed ? value.GetString()! : $"<{Describe(expected)}>");
        }
    }

    private static ConfigProblem UnknownKey(ConfigPath path, string name, JsonElement value, IEnumerable<string> known)
    {
        var candidates = known.Order(StringComparer.Ordinal).ToList();
        var closest = Spelling.Closest(name, candidates);
        var fix = closest is null
            ? $"remove it ({path.RemoveCommand()}); known keys here: {string.Join(", ", candidates)}"
            : $"did you mean '{closest}'? Rename the key in the stack file, or {path.RemoveCommand()}";
        return new ConfigProblem(path, "unknown key", ConfigValue.Show(value), fix);
    }

    private static string Describe(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string))
        {
            return "a string";
        }

        if (type == typeof(int))
        {
            return "a whole number";
        }

        if (type == typeof(double))
        {
            return "a number";
        }

        if (type == typeof(bool))
        {
            return "true or false";
        }

        return Options.GetTypeInfo(type).Kind switch
        {
            JsonTypeInfoKind.Enumerable => "a list",
            _ => "a map of keys",
        };
    }
}
