namespace Frontend.Infra.Configuration;

/// <summary>Collects the problems of one validation pass, in the order the rules found them.</summary>
internal sealed class Problems(StackConfig? config = null)
{
    private readonly List<ConfigProblem> _all = [];

    /// <summary>Leaves the offline render replaced by a placeholder, in a key Pulumi marks secret: their content is unknown here.</summary>
    private readonly HashSet<string> _undecrypted = config is null
        ? new HashSet<string>()
        : config.UndecryptedSecrets.Where(path => config.SecretKeys.Contains(path.Split('.', '[')[0])).ToHashSet(StringComparer.Ordinal);

    /// <summary>Blocks whose removal would leave their parent empty, and what to remove instead (see <see cref="RemovalTarget"/>).</summary>
    private readonly Dictionary<string, ConfigPath> _removeInstead = new(StringComparer.Ordinal);

    public IReadOnlyList<ConfigProblem> All => _all;

    /// <summary>
    /// Says that <paramref name="child"/> is the only key of <paramref name="parent"/>: removing it would leave an
    /// empty block, which is refused in turn, so a fix that removes the child removes the parent (or further up).
    /// </summary>
    public void OnlyKeyOf(ConfigPath child, ConfigPath parent) => _removeInstead[child.Path] = RemovalTarget(parent);

    /// <summary>What a fix that removes <paramref name="path"/> should remove so that no empty block is left behind.</summary>
    public ConfigPath RemovalTarget(ConfigPath path) => _removeInstead.TryGetValue(path.Path, out var target) ? target : path;

    /// <summary>
    /// A value's rule broken. On a leaf the offline render could not decrypt, the rule judged the placeholder, not
    /// the value, so it is recorded as not checked instead: only the render path can name such leaves, so text a
    /// person types (even the placeholder's own words) is always checked.
    /// </summary>
    public void Error(ConfigPath path, string rule, string value, string fix) =>
        _all.Add(new ConfigProblem(path, rule, value, fix, _undecrypted.Contains(path.Path) ? ProblemSeverity.NotCheckedOffline : ProblemSeverity.Error));

    public void Warning(ConfigPath path, string rule, string value, string fix) =>
        _all.Add(new ConfigProblem(path, rule, value, fix, ProblemSeverity.Warning));

    /// <summary>Checks a whole number against an inclusive range; the fix suggests the nearest allowed value.</summary>
    /// <param name="lowestFix">The value a fix proposes below the range, where another rule wants more than <paramref name="min"/>.</param>
    public void InRange(ConfigPath path, int value, int min, int max, string? why = null, int? lowestFix = null)
    {
        if (value < min || value > max)
        {
            var nearest = value < min ? lowestFix ?? min : Math.Clamp(value, min, max);
            Error(path, $"must be between {min} and {max}{(why is null ? "" : $" ({why})")}", ConfigValue.Show(value), path.SetCommand(ConfigValue.Show(nearest)));
        }
    }

    /// <summary>Checks a number that may have a fraction (an Istio percentage) against an inclusive range.</summary>
    public void InRange(ConfigPath path, double value, double min, double max, string? why = null)
    {
        if (!(value >= min && value <= max))
        {
            var nearest = double.IsNaN(value) ? min : Math.Clamp(value, min, max);
            Error(path, $"must be between {ConfigValue.Show(min)} and {ConfigValue.Show(max)}{(why is null ? "" : $" ({why})")}", ConfigValue.Show(value), path.SetCommand(ConfigValue.Show(nearest)));
        }
    }
}
