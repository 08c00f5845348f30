using System.Globalization;
using System.Text.RegularExpressions;
using Cel;
using Google.Protobuf.WellKnownTypes;

namespace Frontend.Analysis.Schema;

/// <summary>
/// The CEL rules <see cref="CelRules"/> does not recognise by text (the Gateway API's, for one), run by the <c>Cel</c>
/// package with Kubernetes' semantics restored where the package differs (analysis/README.md):
/// <list type="bullet">
/// <item><c>has(x.f)</c> is rewritten to <c>'f' in x</c>, key presence, as Kubernetes reads <c>has()</c> on an object
/// (the package would count an empty string, list or map as absent);</item>
/// <item>declared property names are escaped as Kubernetes escapes them (<c>namespace</c> is <c>__namespace__</c>,
/// <c>a-b</c> is <c>a__dash__b</c>), map keys are not;</item>
/// <item><c>duration()</c> is Go's (<see cref="GoDuration"/>), <c>int()</c> of a string base 10 only, and
/// <c>split()</c>, from Kubernetes' strings library, is added.</item>
/// </list>
/// A rule the package cannot compile, a failure while it evaluates (including Kubernetes' absorbing of an error by
/// the other side of <c>||</c> and <c>&amp;&amp;</c>, which the package does not do) and a result that is not a
/// boolean are reported as not evaluated, with the reason: never as a pass.
/// </summary>
internal static partial class CelInterpreter
{
    private static readonly HashSet<string> ReservedWords = new(StringComparer.Ordinal)
    {
        "true", "false", "null", "in", "as", "break", "const", "continue", "else", "for", "function", "if", "import", "let",
        "loop", "package", "namespace", "return", "var", "void", "while",
    };

    private static readonly Lock Gate = new();
    private static readonly CelEnvironment Environment = CreateEnvironment();
    private static readonly Dictionary<string, (CelProgramDelegate? Program, string? Error)> Programs = new(StringComparer.Ordinal);

    /// <summary>True or false when the rule evaluated to a boolean; otherwise null and why.</summary>
    public static (bool? Holds, string? Reason) Evaluate(string rule, object? self, IReadOnlyDictionary<string, object?>? schema)
    {
        lock (Gate)
        {
            var (program, error) = Compile(rule);
            if (program is null)
            {
                return (null, error);
            }

            object? result;
            try
            {
                result = program.Invoke(new Dictionary<string, object?> { ["self"] = ToCel(schema, self) });
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                return (null, $"evaluation failed: {FirstLine(exception.Message)}");
            }

            return result is bool holds ? (holds, null) : (null, $"evaluated to {(result is null ? "no value" : result.GetType().Name)}, not a boolean");
        }
    }

    /// <summary>The rule as the package runs it: every <c>has(x.f)</c> as <c>'f' in x</c>.</summary>
    public static string Rewrite(string rule) => HasField().Replace(rule, match => $"('{match.Groups["field"].Value}' in {match.Groups["target"].Value})");

    /// <summary>A property name as Kubernetes' CEL sees it, or null when it cannot be named in CEL.</summary>
    public static string? Escape(string name)
    {
        if (ReservedWords.Contains(name))
        {
            return $"__{name}__";
        }

        if (!EscapableName().IsMatch(name))
        {
            return null;
        }

        return name.Replace("__", "__underscores__", StringComparison.Ordinal)
            .Replace(".", "__dot__", StringComparison.Ordinal)
            .Replace("-", "__dash__", StringComparison.Ordinal)
            .Replace("/", "__slash__", StringComparison.Ordinal);
    }

    private static (CelProgramDelegate? Program, string? Error) Compile(string rule)
    {
        if (!Programs.TryGetValue(rule, out var compiled))
        {
            try
            {
                compiled = (Environment.Compile(Rewrite(rule)), null);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                compiled = (null, $"does not compile: {FirstLine(exception.Message)}");
            }

            Programs[rule] = compiled;
        }

        return compiled;
    }

    private static CelEnvironment CreateEnvironment()
    {
        var environment = new CelEnvironment([], "");
        environment.RegisterFunction("duration", [typeof(string)], arguments =>
            GoDuration.TryParseNanoseconds((string)arguments[0]!) is { } nanoseconds
                ? new Duration { Seconds = (long)decimal.Truncate(nanoseconds / 1_000_000_000m), Nanos = (int)(nanoseconds % 1_000_000_000m) }
                : throw new FormatException($"duration(\"{arguments[0]}\"): not a Go duration"));
        environment.RegisterFunction("int", [typeof(string)], arguments =>
            long.TryParse((string)arguments[0]!, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
                ? number
                : throw new FormatException($"int(\"{arguments[0]}\"): not a base-10 integer"));
        environment.RegisterFunction("split", [typeof(string), typeof(string)], arguments =>
            ((string)arguments[0]!).Split((string)arguments[1]!).Cast<object?>().ToList());
        return environment;
    }

    // The package reads maps and lists through the mutable collection interfaces, which the analysis' trees lack.
    private static object? ToCel(IReadOnlyDictionary<string, object?>? schema, object? value)
    {
        switch (value)
        {
            case IReadOnlyDictionary<string, object?> map:
                var properties = schema?.GetValueOrDefault("properties") as IReadOnlyDictionary<string, object?>;
                var additional = schema?.GetValueOrDefault("additionalProperties") as IReadOnlyDictionary<string, object?>;
                var result = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var (key, child) in map)
                {
                    if (properties?.GetValueOrDefault(key) is IReadOnlyDictionary<string, object?> property)
                    {
                        if (Escape(key) is { } escaped)
                        {
                            result[escaped] = ToCel(property, child);
                        }
                    }
                    else
                    {
                        result[key] = ToCel(additional, child);
                    }
                }

                return result;
            case IReadOnlyList<object?> list:
                var items = schema?.GetValueOrDefault("items") as IReadOnlyDictionary<string, object?>;
                return list.Select(item => ToCel(items, item)).ToList();
            default:
                return value;
        }
    }

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();

    [GeneratedRegex(@"has\(\s*(?<target>[A-Za-z_][A-Za-z0-9_]*(?:\s*(?:\.\s*[A-Za-z_][A-Za-z0-9_]*|\[[^\[\]()]*\]))*)\s*\.\s*(?<field>[A-Za-z_][A-Za-z0-9_]*)\s*\)", RegexOptions.CultureInvariant)]
    private static partial Regex HasField();

    [GeneratedRegex(@"^[A-Za-z_./\-][A-Za-z0-9_./\-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex EscapableName();
}
