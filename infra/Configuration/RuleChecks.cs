namespace Frontend.Infra.Configuration;

/// <summary>Checks several concepts' rules share, so each rule reads and words them the same way.</summary>
internal static class RuleChecks
{
    /// <summary>An empty block is refused: Istio rejects empty policies, and an empty block is usually a half-finished edit.</summary>
    public static bool IsEmpty(ConfigPath path, Problems problems, params object?[] members)
    {
        if (members.Any(m => m is not null))
        {
            return false;
        }

        problems.Error(path, "must not be empty: set at least one of its keys, or remove it", "{}", problems.RemovalTarget(path).RemoveCommand());
        return true;
    }

    /// <summary>
    /// One of <paramref name="allowed"/>, compared exactly. The fix is the value it begins (<c>gateway</c> for
    /// <c>gateway-api</c>), else the closest spelling, else the first allowed value; <paramref name="alsoFix"/> adds
    /// what that value needs set with it, so the fix does not trade one refusal for another.
    /// </summary>
    public static bool OneOf(ConfigPath path, string value, IReadOnlyList<string> allowed, Problems problems, Func<string, string>? alsoFix = null)
    {
        if (allowed.Contains(value))
        {
            return true;
        }

        var closest = allowed.FirstOrDefault(a => value.Length > 0 && a.StartsWith(value, StringComparison.OrdinalIgnoreCase))
            ?? Spelling.Closest(value, allowed)
            ?? allowed[0];
        problems.Error(path, $"must be one of {string.Join(", ", allowed)}", ConfigValue.Show(value), path.SetCommand(closest) + (alsoFix?.Invoke(closest) ?? ""));
        return false;
    }

    public static void AtLeast(ConfigPath path, int? value, int min, Problems problems)
    {
        if (value is { } v)
        {
            problems.InRange(path, v, min, int.MaxValue);
        }
    }

    public static void OptionalDuration(ConfigPath path, string? value, Problems problems)
    {
        if (value is not null)
        {
            Duration(path, value, problems);
        }
    }

    /// <summary>
    /// As Istio's webhook checks every duration it takes: a protobuf duration of at least 1ms, to whole
    /// milliseconds ("only durations to ms precision are supported").
    /// </summary>
    public static void Duration(ConfigPath path, string value, Problems problems)
    {
        if (!IstioDuration.TryParse(value, out var duration))
        {
            problems.Error(path, "must be an Istio duration: a number and a unit (h, m, s, ms), such as 10s, 1m30s or 500ms", ConfigValue.Show(value), path.SetCommand("10s"));
        }
        else if (duration < IstioDuration.Minimum)
        {
            problems.Error(path, "must be at least 1ms (Istio rejects shorter durations)", ConfigValue.Show(value), path.SetCommand("1ms"));
        }
        else if (!IstioDuration.IsWholeMilliseconds(value))
        {
            var rounded = $"{IstioDuration.CeilingMilliseconds(value)?.ToString(System.Globalization.CultureInfo.InvariantCulture)}ms";
            problems.Error(path, "must be a whole number of milliseconds (Istio supports durations only to ms precision)", ConfigValue.Show(value), path.SetCommand(rounded));
        }
    }

    public static string ShowAny(object? value) => value switch
    {
        string s => ConfigValue.Show(s),
        IEnumerable<string> list => $"[{string.Join(", ", list)}]",
        _ => ConfigValue.Show(value?.ToString()),
    };
}
