namespace Frontend.Analysis.Schema;

/// <summary>
/// A structural schema's <c>default</c>s applied to a tree as the API server applies them before it validates: a
/// property that is absent (or null where null is not allowed) takes its default, then every field, defaulted or
/// not, gets its own schema's defaults, down to the leaves. CEL rules depend on it: the Gateway API's rules read
/// fields such as a backendRef's <c>group</c> and <c>kind</c>, or a rule's <c>matches</c>, that users leave out.
/// </summary>
internal static class SchemaDefaults
{
    public static object? Apply(IReadOnlyDictionary<string, object?>? schema, object? value)
    {
        if (schema is null)
        {
            return value;
        }

        switch (value)
        {
            case IReadOnlyDictionary<string, object?> map:
                var properties = schema.GetValueOrDefault("properties") as IReadOnlyDictionary<string, object?>;
                var additional = schema.GetValueOrDefault("additionalProperties") as IReadOnlyDictionary<string, object?>;
                var result = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var (key, child) in map)
                {
                    var childSchema = properties?.GetValueOrDefault(key) as IReadOnlyDictionary<string, object?> ?? additional;
                    result[key] = child is null && childSchema is not null && childSchema.GetValueOrDefault("nullable") is not true && childSchema.ContainsKey("default")
                        ? Apply(childSchema, childSchema["default"])
                        : Apply(childSchema, child);
                }

                foreach (var (key, property) in properties ?? new Dictionary<string, object?>())
                {
                    if (!map.ContainsKey(key) && property is IReadOnlyDictionary<string, object?> propertySchema && propertySchema.TryGetValue("default", out var fallback))
                    {
                        result[key] = Apply(propertySchema, fallback);
                    }
                }

                return result;
            case IReadOnlyList<object?> list:
                var items = schema.GetValueOrDefault("items") as IReadOnlyDictionary<string, object?>;
                return items is null ? list : list.Select(item => Apply(items, item)).ToList();
            default:
                return value;
        }
    }
}
