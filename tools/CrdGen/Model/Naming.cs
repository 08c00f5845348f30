using System.Globalization;
using System.Text;

namespace CrdGen.Model;

/// <summary>crd2pulumi's and Pulumi's .NET codegen naming rules, in one place.</summary>
internal static class Naming
{
    private static readonly HashSet<string> CSharpKeywords = new(StringComparer.Ordinal)
    {
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const",
        "continue", "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern",
        "false", "finally", "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface",
        "internal", "is", "lock", "long", "namespace", "new", "null", "object", "operator", "out", "override",
        "params", "private", "protected", "public", "readonly", "ref", "return", "sbyte", "sealed", "short",
        "sizeof", "stackalloc", "static", "string", "struct", "switch", "this", "throw", "true", "try", "typeof",
        "uint", "ulong", "unchecked", "unsafe", "ushort", "using", "virtual", "void", "volatile", "while",
    };

    /// <summary><c>networking.istio.io</c> + <c>v1beta1</c> becomes <c>Networking.V1Beta1</c>.</summary>
    public static string NamespaceSuffix(string group, string version)
    {
        var prefix = group.Split('.')[0];
        return $"{UppercaseFirst(prefix)}.{VersionToUpper(version)}";
    }

    /// <summary>crd2pulumi's <c>VersionToUpper</c>: a capital at the start and after each digit run (<c>v1alpha3</c> to <c>V1Alpha3</c>).</summary>
    public static string VersionToUpper(string version)
    {
        var builder = new StringBuilder(version.Length);
        var upperNext = true;
        foreach (var character in version)
        {
            builder.Append(upperNext ? char.ToUpperInvariant(character) : character);
            upperNext = char.IsDigit(character);
        }

        return builder.ToString();
    }

    /// <summary>
    /// The segment a property adds to a nested type's name (crd2pulumi's <c>sanitizeReferenceName</c>):
    /// <c>args</c> becomes <c>Arguments</c>, hyphens and underscores vanish and capitalise what follows.
    /// </summary>
    public static string TypeNameSegment(string propertyName)
    {
        var lower = propertyName.ToLowerInvariant();
        if (lower is "arg" or "args")
        {
            return "Arguments";
        }

        return UppercaseFirst(CapitaliseAfter(CapitaliseAfter(propertyName, '-'), '_'));
    }

    /// <summary>Pulumi's .NET property name: the wire name with a capital first letter, made a valid identifier.</summary>
    public static string PropertyName(string wireName) => ValidIdentifier(UppercaseFirst(wireName.TrimStart('$')));

    /// <summary>An output constructor's parameter: the wire name with a small first letter, keywords escaped.</summary>
    public static string ParameterName(string wireName)
    {
        var identifier = ValidIdentifier(LowercaseFirst(wireName.TrimStart('$')));
        return CSharpKeywords.Contains(identifier) ? "@" + identifier : identifier;
    }

    /// <summary>The backing field of a list or map property: <c>ExportTo</c> is stored in <c>_exportTo</c>.</summary>
    public static string BackingFieldName(string propertyName) => "_" + LowercaseFirst(propertyName);

    public static string UppercaseFirst(string text) =>
        text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    public static string LowercaseFirst(string text) =>
        text.Length == 0 ? text : char.ToLowerInvariant(text[0]) + text[1..];

    private static string CapitaliseAfter(string text, char delimiter)
    {
        var parts = text.Split(delimiter);
        return parts[0] + string.Concat(parts.Skip(1).Select(UppercaseFirst));
    }

    private static string ValidIdentifier(string text)
    {
        var builder = new StringBuilder(text.Length + 1);
        foreach (var character in text)
        {
            var category = char.GetUnicodeCategory(character);
            var valid = char.IsLetterOrDigit(character) || character == '_'
                || category is UnicodeCategory.ConnectorPunctuation or UnicodeCategory.NonSpacingMark;
            builder.Append(valid ? character : '_');
        }

        if (builder.Length == 0 || char.IsDigit(builder[0]))
        {
            builder.Insert(0, '_');
        }

        return builder.ToString();
    }
}
