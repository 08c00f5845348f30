using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Frontend.Infra.Configuration;
using Frontend.Infra.Tests.Testing;

namespace Frontend.Infra.Tests.Configuration;

/// <summary>
/// A key's range is written twice: in its <see cref="ConfigRangeAttribute"/> (which the binder reads for a number
/// too large to hold, and the generated schema shows editors) and in the rule that checks it. This ties the two, so neither can
/// change alone: every attribute the config records carry is reached from the stack's keys, set just outside its
/// range, and the rule must refuse it with exactly that range.
/// </summary>
public sealed class ConfigRangeTests
{
    [Fact]
    public void ConfigRange_EveryAttribute_IsTheRangeItsRuleRefusesWith()
    {
        var valid = JsonSerializer.SerializeToNode(EveryBlockSet(), ConfigBinder.Options)!.AsObject();
        var ranged = RangedKeys(typeof(StackConfig), []).ToList();
        var mismatches = new List<string>();

        foreach (var (segments, _, range) in ranged)
        {
            var path = PathOf(segments);
            long outside = range.Min > int.MinValue ? (long)range.Min - 1 : (long)range.Max + 1;
            var expected = $"must be between {range.Min} and {range.Max}";

            var rules = StackConfigValidator.Validate(With(valid, segments, outside), "prod")
                .Where(problem => problem.Path.Path == path)
                .Select(problem => problem.Rule)
                .ToList();

            if (!rules.Any(rule => rule == expected || rule.StartsWith(expected + " (", StringComparison.Ordinal)))
            {
                mismatches.Add($"{path} = {outside}: [ConfigRange] says '{expected}', the rules say [{string.Join("; ", rules)}]");
            }
        }

        Assert.True(mismatches.Count == 0, string.Join(Environment.NewLine, mismatches));
        var declared = typeof(StackConfig).Assembly.GetTypes()
            .SelectMany(type => type.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(property => property.IsDefined(typeof(ConfigRangeAttribute), inherit: false));
        Assert.Empty(declared.Except(ranged.Select(key => key.Property)).Select(property => $"{property.DeclaringType!.Name}.{property.Name}"));
    }

    /// <summary>The kitchen sink with the blocks it leaves out set too, so every ranged key has a parent to sit in.</summary>
    private static StackConfig EveryBlockSet() => SampleConfigs.KitchenSink() with
    {
        Autoscaling = new AutoscalingConfig(),
        Rollout = new RolloutConfig { Canary = "v2", Stable = ["v1"] },
    };

    /// <summary>Every key carrying a range, as its path from the top-level key; a list's items are reached through its first.</summary>
    private static IEnumerable<(IReadOnlyList<object> Segments, PropertyInfo Property, ConfigRangeAttribute Range)> RangedKeys(Type record, IReadOnlyList<object> parent)
    {
        foreach (var property in ConfigBinder.Options.GetTypeInfo(record).Properties.Where(p => p.Get is not null || p.Set is not null))
        {
            IReadOnlyList<object> segments = [.. parent, property.Name];
            if (property.AttributeProvider is PropertyInfo member && member.GetCustomAttribute<ConfigRangeAttribute>() is { } range)
            {
                yield return (segments, member, range);
            }

            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            var contract = ConfigBinder.Options.GetTypeInfo(type);
            var children = contract.Kind switch
            {
                JsonTypeInfoKind.Object => RangedKeys(type, segments),
                JsonTypeInfoKind.Enumerable when ConfigBinder.Options.GetTypeInfo(contract.ElementType!).Kind == JsonTypeInfoKind.Object =>
                    RangedKeys(contract.ElementType!, [.. segments, 0]),
                _ => [],
            };
            foreach (var child in children)
            {
                yield return child;
            }
        }
    }

    private static StackConfig With(JsonObject valid, IReadOnlyList<object> segments, long value)
    {
        var root = valid.DeepClone();
        var node = root;
        foreach (var segment in segments.SkipLast(1))
        {
            node = segment switch
            {
                int index => node[index]!,
                string name => node[name] ??= new JsonObject(),
                _ => throw new ArgumentException($"segment {segment}"),
            };
        }

        node[(string)segments[^1]] = value;
        return root.Deserialize<StackConfig>(ConfigBinder.Options)!;
    }

    private static string PathOf(IReadOnlyList<object> segments) =>
        segments.Skip(1).Aggregate(ConfigPath.Root((string)segments[0]), (path, segment) => segment is int index ? path.Index(index) : path.Property((string)segment)).Path;
}
