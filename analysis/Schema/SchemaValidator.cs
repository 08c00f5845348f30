using System.Globalization;
using System.Text.RegularExpressions;

namespace Frontend.Analysis.Schema;

/// <summary>
/// Validates a tree value against a Kubernetes structural OpenAPI v3 schema, collecting every finding.
/// "Structural" mode is the schema proper, where a field no schema names is unknown; inside oneOf/anyOf/allOf/not
/// the branches only constrain values, as Kubernetes treats them, so unknown fields are not judged there.
/// </summary>
internal sealed class SchemaValidator
{
    private static readonly TimeSpan PatternTimeout = TimeSpan.FromSeconds(1);
    private readonly List<SchemaFinding> findings = [];

    private SchemaValidator()
    {
    }

    public static IReadOnlyList<SchemaFinding> Validate(IReadOnlyDictionary<string, object?> schema, object? value, string path)
    {
        var validator = new SchemaValidator();
        validator.Check(schema, value, path, structural: true);
        return validator.findings;
    }

    private static bool Passes(IReadOnlyDictionary<string, object?> schema, object? value, string path)
    {
        var validator = new SchemaValidator();
        validator.Check(schema, value, path, structural: false);
        return validator.findings.TrueForAll(finding => finding.Kind == SchemaFindingKind.NotChecked);
    }

    private void Check(IReadOnlyDictionary<string, object?> schema, object? value, string path, bool structural)
    {
        if (value is null)
        {
            if (schema.GetValueOrDefault("nullable") is not true)
            {
                Violation(path, "nullable", value, $"{Show(path)}: null is not allowed");
            }

            return;
        }

        if (!CheckType(schema, value, path))
        {
            return;
        }

        CheckEnum(schema, value, path);
        switch (value)
        {
            case string text:
                CheckString(schema, text, path);
                break;
            case long or double:
                CheckNumber(schema, value, path);
                break;
            case IReadOnlyList<object?> list:
                CheckArray(schema, list, path, structural);
                break;
            case IReadOnlyDictionary<string, object?> map:
                CheckObject(schema, map, path, structural);
                break;
        }

        CheckCombinators(schema, value, path);
        CheckCelRules(schema, value, path);
    }

    private bool CheckType(IReadOnlyDictionary<string, object?> schema, object value, string path)
    {
        if (schema.GetValueOrDefault("x-kubernetes-int-or-string") is true)
        {
            if (value is long or string)
            {
                return true;
            }

            Violation(path, "x-kubernetes-int-or-string", value, $"{Show(path)}: expected an integer or a string, got {ValueText.TypeName(value)}");
            return false;
        }

        if (schema.GetValueOrDefault("type") is not string type)
        {
            return true;
        }

        var matches = type switch
        {
            "object" => value is IReadOnlyDictionary<string, object?>,
            "array" => value is IReadOnlyList<object?>,
            "string" => value is string,
            "integer" => value is long,
            "number" => value is long or double,
            "boolean" => value is bool,
            _ => true,
        };
        if (!matches)
        {
            Violation(path, $"type: {type}", value, $"{Show(path)}: expected {type}, got {ValueText.TypeName(value)}");
        }

        return matches;
    }

    private void CheckEnum(IReadOnlyDictionary<string, object?> schema, object value, string path)
    {
        if (schema.GetValueOrDefault("enum") is not IReadOnlyList<object?> allowed || allowed.Any(option => SameScalar(option, value)))
        {
            return;
        }

        Violation(path, "enum", value, $"{Show(path)}: {ValueText.Of(value)} is not one of [{string.Join(", ", allowed.Select(option => Convert.ToString(option, CultureInfo.InvariantCulture)))}]");
    }

    private void CheckString(IReadOnlyDictionary<string, object?> schema, string text, string path)
    {
        if (Number(schema, "minLength") is { } minLength && text.Length < minLength)
        {
            Violation(path, $"minLength: {minLength}", text, $"{Show(path)}: must be at least {minLength} characters long");
        }

        if (Number(schema, "maxLength") is { } maxLength && text.Length > maxLength)
        {
            Violation(path, $"maxLength: {maxLength}", text, $"{Show(path)}: must be at most {maxLength} characters long");
        }

        if (schema.GetValueOrDefault("pattern") is string pattern)
        {
            CheckPattern(pattern, text, path);
        }

        var formatValid = schema.GetValueOrDefault("format") switch
        {
            "date-time" => DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
            "byte" => IsBase64(text),
            _ => true,
        };
        if (!formatValid)
        {
            Violation(path, $"format: {schema["format"]}", text, $"{Show(path)}: {ValueText.Of(text)} is not a valid {schema["format"]}");
        }
    }

    private void CheckPattern(string pattern, string text, string path)
    {
        bool matches;
        try
        {
            matches = Regex.IsMatch(text, pattern, RegexOptions.CultureInvariant, PatternTimeout);
        }
        catch (Exception exception) when (exception is ArgumentException or RegexMatchTimeoutException)
        {
            // A pattern .NET cannot run is a rule this validator could not check, which must not read as a pass.
            findings.Add(new SchemaFinding(SchemaFindingKind.NotChecked, path, $"pattern: {pattern}", ValueText.Of(text), $"{Show(path)}: not checked: pattern {pattern}"));
            return;
        }

        if (!matches)
        {
            Violation(path, $"pattern: {pattern}", text, $"{Show(path)}: {ValueText.Of(text)} does not match the pattern {pattern}");
        }
    }

    private void CheckNumber(IReadOnlyDictionary<string, object?> schema, object value, string path)
    {
        var number = Convert.ToDouble(value, CultureInfo.InvariantCulture);
        if (Number(schema, "minimum") is { } minimum)
        {
            var exclusive = schema.GetValueOrDefault("exclusiveMinimum") is true;
            if (exclusive ? number <= minimum : number < minimum)
            {
                Violation(path, $"minimum: {minimum}", value, $"{Show(path)}: {ValueText.Of(value)} is less than the minimum {minimum}{(exclusive ? " (exclusive)" : "")}");
            }
        }

        if (Number(schema, "maximum") is { } maximum)
        {
            var exclusive = schema.GetValueOrDefault("exclusiveMaximum") is true;
            if (exclusive ? number >= maximum : number > maximum)
            {
                Violation(path, $"maximum: {maximum}", value, $"{Show(path)}: {ValueText.Of(value)} is greater than the maximum {maximum}{(exclusive ? " (exclusive)" : "")}");
            }
        }

        var (low, high) = schema.GetValueOrDefault("format") switch
        {
            "int32" => (int.MinValue, int.MaxValue),
            "uint32" => (0d, uint.MaxValue),
            _ => (double.NegativeInfinity, double.PositiveInfinity),
        };
        if (number < low || number > high)
        {
            Violation(path, $"format: {schema["format"]}", value, $"{Show(path)}: {ValueText.Of(value)} does not fit format {schema["format"]}");
        }
    }

    private void CheckArray(IReadOnlyDictionary<string, object?> schema, IReadOnlyList<object?> list, string path, bool structural)
    {
        if (Number(schema, "minItems") is { } minItems && list.Count < minItems)
        {
            Violation(path, $"minItems: {minItems}", list, $"{Show(path)}: must have at least {minItems} items, has {list.Count}");
        }

        if (Number(schema, "maxItems") is { } maxItems && list.Count > maxItems)
        {
            Violation(path, $"maxItems: {maxItems}", list, $"{Show(path)}: must have at most {maxItems} items, has {list.Count}");
        }

        if (schema.GetValueOrDefault("items") is IReadOnlyDictionary<string, object?> itemSchema)
        {
            for (var index = 0; index < list.Count; index++)
            {
                Check(itemSchema, list[index], $"{path}[{index}]", structural);
            }
        }
    }

    private void CheckObject(IReadOnlyDictionary<string, object?> schema, IReadOnlyDictionary<string, object?> map, string path, bool structural)
    {
        var properties = schema.GetValueOrDefault("properties") as IReadOnlyDictionary<string, object?>;
        var additional = schema.GetValueOrDefault("additionalProperties");
        var keepsUnknown = schema.GetValueOrDefault("x-kubernetes-preserve-unknown-fields") is true || additional is true;
        foreach (var (key, child) in map)
        {
            var childPath = path.Length == 0 ? key : $"{path}.{key}";
            if (properties?.GetValueOrDefault(key) is IReadOnlyDictionary<string, object?> propertySchema)
            {
                Check(propertySchema, child, childPath, structural);
            }
            else if (additional is IReadOnlyDictionary<string, object?> additionalSchema)
            {
                Check(additionalSchema, child, childPath, structural);
            }
            else if (structural && !keepsUnknown)
            {
                Violation(childPath, "properties", child, $"unknown field {childPath}");
            }
        }

        if (schema.GetValueOrDefault("required") is IReadOnlyList<object?> required)
        {
            foreach (var field in required.OfType<string>().Where(field => !map.ContainsKey(field)))
            {
                Violation(path, "required", map, $"{Show(path)}: missing required field \"{field}\"");
            }
        }

        if (Number(schema, "minProperties") is { } minProperties && map.Count < minProperties)
        {
            Violation(path, $"minProperties: {minProperties}", map, $"{Show(path)}: must have at least {minProperties} field{(minProperties == 1 ? "" : "s")}, has {map.Count}");
        }

        if (Number(schema, "maxProperties") is { } maxProperties && map.Count > maxProperties)
        {
            Violation(path, $"maxProperties: {maxProperties}", map, $"{Show(path)}: must have at most {maxProperties} fields, has {map.Count}");
        }
    }

    private void CheckCombinators(IReadOnlyDictionary<string, object?> schema, object value, string path)
    {
        if (schema.GetValueOrDefault("allOf") is IReadOnlyList<object?> allOf)
        {
            foreach (var branch in allOf.OfType<IReadOnlyDictionary<string, object?>>())
            {
                Check(branch, value, path, structural: false);
            }
        }

        if (schema.GetValueOrDefault("anyOf") is IReadOnlyList<object?> anyOf)
        {
            var branches = anyOf.OfType<IReadOnlyDictionary<string, object?>>().ToList();
            if (!branches.Exists(branch => Passes(branch, value, path)))
            {
                Violation(path, "anyOf", value, $"{Show(path)}: must match at least one of [{string.Join(" | ", branches.Select(Describe))}]");
            }
        }

        if (schema.GetValueOrDefault("oneOf") is IReadOnlyList<object?> oneOf)
        {
            CheckOneOf(oneOf.OfType<IReadOnlyDictionary<string, object?>>().ToList(), value, path);
        }

        if (schema.GetValueOrDefault("not") is IReadOnlyDictionary<string, object?> not && Passes(not, value, path))
        {
            Violation(path, "not", value, $"{Show(path)}: must not match {Describe(not)}");
        }
    }

    private void CheckOneOf(List<IReadOnlyDictionary<string, object?>> branches, object value, string path)
    {
        var matched = branches.Count(branch => Passes(branch, value, path));
        if (matched == 1)
        {
            return;
        }

        // Istio writes "at most one of these fields" as oneOf: [not anyOf [required a, required b], required a, required b].
        var exclusiveFields = branches.SelectMany(RequiredFields).Distinct(StringComparer.Ordinal).ToList();
        if (exclusiveFields.Count > 0 && value is IReadOnlyDictionary<string, object?> map)
        {
            var present = exclusiveFields.Where(map.ContainsKey).ToList();
            Violation(path, "oneOf", value, $"{Show(path)}: only one of [{string.Join(", ", exclusiveFields)}] may be set, found {string.Join(", ", present)}");
            return;
        }

        Violation(path, "oneOf", value, $"{Show(path)}: must match exactly one of [{string.Join(" | ", branches.Select(Describe))}], matched {matched}");
    }

    private void CheckCelRules(IReadOnlyDictionary<string, object?> schema, object value, string path)
    {
        if (schema.GetValueOrDefault("x-kubernetes-validations") is not IReadOnlyList<object?> rules)
        {
            return;
        }

        foreach (var rule in rules.OfType<IReadOnlyDictionary<string, object?>>())
        {
            if (rule.GetValueOrDefault("rule") is not string text)
            {
                continue;
            }

            var ruleText = CelRules.Normalise(text);
            var (holds, reason) = CelRules.Check(ruleText, value, schema);
            switch (holds)
            {
                case null:
                    findings.Add(new SchemaFinding(SchemaFindingKind.NotChecked, path, ruleText, ValueText.Of(value), $"{Show(path)}: not checked: {ruleText} ({reason})"));
                    break;
                case false:
                    var message = rule.GetValueOrDefault("message") as string ?? $"failed rule {ruleText}";
                    Violation(path, ruleText, value, $"{Show(path)}: {message}");
                    break;
            }
        }
    }

    private static IEnumerable<string> RequiredFields(IReadOnlyDictionary<string, object?> branch)
    {
        var onlyRequired = branch.Keys.All(key => key is "required" or "not" or "anyOf");
        if (!onlyRequired)
        {
            return [];
        }

        var own = branch.GetValueOrDefault("required") as IReadOnlyList<object?> ?? [];
        var nested = (branch.GetValueOrDefault("not") as IReadOnlyDictionary<string, object?>)?.GetValueOrDefault("anyOf") as IReadOnlyList<object?>
            ?? branch.GetValueOrDefault("anyOf") as IReadOnlyList<object?>
            ?? [];
        return own.OfType<string>().Concat(nested.OfType<IReadOnlyDictionary<string, object?>>().SelectMany(RequiredFields));
    }

    private static string Describe(IReadOnlyDictionary<string, object?> branch)
    {
        if (branch.Count == 1 && branch.GetValueOrDefault("required") is IReadOnlyList<object?> required)
        {
            return $"{string.Join(", ", required)} set";
        }

        if (branch.Count == 1 && branch.GetValueOrDefault("not") is IReadOnlyDictionary<string, object?> not)
        {
            return $"not ({Describe(not)})";
        }

        if (branch.Count == 1 && branch.GetValueOrDefault("anyOf") is IReadOnlyList<object?> anyOf)
        {
            return $"any of ({string.Join(" | ", anyOf.OfType<IReadOnlyDictionary<string, object?>>().Select(Describe))})";
        }

        if (branch.GetValueOrDefault("type") is string type)
        {
            return type;
        }

        return $"{{{string.Join(", ", branch.Keys)}}}";
    }

    private static bool SameScalar(object? left, object? right) => (left, right) switch
    {
        (string a, string b) => string.Equals(a, b, StringComparison.Ordinal),
        (long or double, long or double) => Convert.ToDouble(left, CultureInfo.InvariantCulture) == Convert.ToDouble(right, CultureInfo.InvariantCulture),
        _ => Equals(left, right),
    };

    private static double? Number(IReadOnlyDictionary<string, object?> schema, string key) => schema.GetValueOrDefault(key) switch
    {
        long number => number,
        double number => number,
        _ => null,
    };

    private static bool IsBase64(string text)
    {
        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text, buffer, out _);
    }

    private static string Show(string path) => path.Length == 0 ? "(root)" : path;

    private void Violation(string path, string rule, object? value, string message) =>
        findings.Add(new SchemaFinding(SchemaFindingKind.Violation, path, rule, ValueText.Of(value), message));
}
