namespace Frontend.Infra.Configuration;

/// <summary>Collects the problems of one validation pass, in the order the rules found them.</summary>
internal sealed class Problems
{
    private readonly List<ConfigProblem> _all = [];

    public IReadOnlyList<ConfigProblem> All => _all;

    public void Error(ConfigPath path, string rule, string value, string fix) =>
        _all.Add(new ConfigProblem(path, rule, value, fix));

    public void Warning(ConfigPath path, string rule, string value, string fix) =>
        _all.Add(new ConfigProblem(path, rule, value, fix, ProblemSeverity.Warning));

    /// <summary>Checks a whole number against an inclusive range; the fix suggests the nearest allowed value.</summary>
    public void InRange(ConfigPath path, int value, int min, int max, string? why = null)
    {
        if (value < min || value > max)
        {
            var nearest = Math.Clamp(value, min, max);
            Error(path, $"must be between {min} and {max}{(why is null ? "" : $" ({why})")}", ConfigValue.Show(value), path.SetCommand(ConfigValue.Show(nearest)));
        }
    }
}
