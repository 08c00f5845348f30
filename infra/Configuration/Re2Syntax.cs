using System.Globalization;

namespace Frontend.Infra.Configuration;

/// <summary>
/// Whether a regex is one RE2 accepts, in the syntax Istio's webhook checks (Go's <c>regexp</c>, RE2 syntax
/// with Perl flags) and Envoy then compiles (RE2). A parser of that grammar rather than a .NET regex
/// engine: .NET, even with <c>RegexOptions.NonBacktracking</c>, accepts constructs RE2 refuses (<c>\Z</c>,
/// <c>\e</c>, <c>\cX</c>, class subtraction <c>[a-z-[aeiou]]</c>, <c>\p{IsGreek}</c>) and refuses some RE2
/// accepts (<c>\Q...\E</c>, <c>(?U)</c>, <c>[[:alpha:]]</c> as a class). docs/istio-audit.md lists what is
/// still not exactly RE2.
/// </summary>
internal static class Re2Syntax
{
    /// <summary>Istio refuses longer regexes (it approximates RE2's program-size limit by length).</summary>
    public const int MaxLength = 1024;

    /// <summary>RE2's and Go's limit on a counted repetition (<c>a{1001}</c> is refused).</summary>
    private const int MaxRepeat = 1000;

    private static readonly HashSet<string> AsciiClasses = new(StringComparer.Ordinal)
    {
        "alnum", "alpha", "ascii", "blank", "cntrl", "digit", "graph", "lower", "print", "punct", "space", "upper", "word", "xdigit",
    };

    /// <summary>Unicode general categories, as <c>\pL</c> or <c>\p{Lu}</c>; scripts (<c>\p{Greek}</c>) are checked for shape only.</summary>
    private static readonly HashSet<string> Categories = new(StringComparer.Ordinal)
    {
        "Any", "C", "Cc", "Cf", "Co", "Cs", "L", "Ll", "Lm", "Lo", "Lt", "Lu", "M", "Mc", "Me", "Mn", "N", "Nd", "Nl", "No",
        "P", "Pc", "Pd", "Pe", "Pf", "Pi", "Po", "Ps", "S", "Sc", "Sk", "Sm", "So", "Z", "Zl", "Zp", "Zs",
    };

    /// <summary>
    /// A regex that matches <paramref name="text"/> literally, escaping what Go's <c>regexp.QuoteMeta</c> escapes: .NET's
    /// <c>Regex.Escape</c> also escapes spaces and '#', which RE2 refuses as escapes.
    /// </summary>
    public static string Quote(string text)
    {
        var quoted = new System.Text.StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (@"\.+*?()|[]{}^$".Contains(c, StringComparison.Ordinal))
            {
                quoted.Append('\\');
            }

            quoted.Append(c);
        }

        return quoted.ToString();
    }

    /// <returns>Null when RE2 accepts <paramref name="pattern"/>; otherwise why it does not, in words for a person.</returns>
    public static string? Check(string pattern)
    {
        if (pattern.Length > MaxLength)
        {
            return $"is longer than {MaxLength} characters, which Istio refuses";
        }

        return new Parser(pattern).Parse();
    }

    private sealed class Parser(string text)
    {
        private readonly HashSet<string> _names = new(StringComparer.Ordinal);
        private int _pos;

        public string? Parse()
        {
            var depth = 0;
            // Whether the last item can take a repetition operator, and whether it already is one.
            var canRepeat = false;
            var repeated = false;
            while (_pos < text.Length)
            {
                var c = text[_pos];
                switch (c)
                {
                    case '(':
                        if (Group() is { } groupError)
                        {
                            return groupError;
                        }

                        if (text[_pos - 1] == ')')
                        {
                            // A flag group such as (?i) is not an item; anything else opened a group.
                            canRepeat = false;
                            repeated = false;
                        }
                        else
                        {
                            depth++;
                            canRepeat = false;
                            repeated = false;
                        }

                        break;
                    case ')':
                        if (depth == 0)
                        {
                            return $"has a ')' at position {_pos + 1} that closes no '(' (unbalanced parentheses)";
                        }

                        depth--;
                        _pos++;
                        canRepeat = true;
                        repeated = false;
                        break;
                    case '|':
                        _pos++;
                        canRepeat = false;
                        repeated = false;
                        break;
                    case '*' or '+' or '?':
                        if (Repeat(c.ToString(), canRepeat, repeated) is { } starError)
                        {
                            return starError;
                        }

                        _pos++;
                        if (_pos < text.Length && text[_pos] == '?')
                        {
                            _pos++;
                        }

                        repeated = true;
                        break;
                    case '{' when CountedRepeat() is { } counted:
                        if (counted.Error is { } countError)
                        {
                            return countError;
                        }

                        if (Repeat(text[_pos..counted.End], canRepeat, repeated) is { } braceError)
                        {
                            return braceError;
                        }

                        _pos = counted.End;
                        if (_pos < text.Length && text[_pos] == '?')
                        {
                            _pos++;
                        }

                        repeated = true;
                        break;
                    case '[':
                        if (Class() is { } classError)
                        {
                            return classError;
                        }

                        canRepeat = true;
                        repeated = false;
                        break;
                    case '\\':
                        var (escapeError, isItem) = Escape();
                        if (escapeError is not null)
                        {
                            return escapeError;
                        }

                        canRepeat = isItem;
                        repeated = false;
                        break;
                    case '^' or '$':
                        _pos++;
                        canRepeat = true;
                        repeated = false;
                        break;
                    default:
                        _pos += char.IsSurrogatePair(text, _pos) ? 2 : 1;
                        canRepeat = true;
                        repeated = false;
                        break;
                }
            }

            return depth > 0 ? "has a '(' that is never closed (unbalanced parentheses)" : null;
        }

        private static string? Repeat(string op, bool canRepeat, bool repeated)
        {
            if (repeated)
            {
                return $"repeats a repetition ('{op}' right after another repetition operator): RE2 has no possessive quantifiers and refuses nested repetition";
            }

            return canRepeat ? null : $"has '{op}' with nothing before it to repeat";
        }

        /// <summary><c>{n}</c>, <c>{n,}</c> or <c>{n,m}</c> at the current position; null when the brace is a literal, as in RE2.</summary>
        private (int End, string? Error)? CountedRepeat()
        {
            var close = text.IndexOf('}', _pos);
            if (close < 0)
            {
                return null;
            }

            var body = text[(_pos + 1)..close];
            var parts = body.Split(',');
            if (parts.Length > 2 || parts[0].Length == 0 || !parts.All(p => p.All(char.IsAsciiDigit)))
            {
                return null;
            }

            var min = Count(parts[0]);
            var max = parts.Length == 1 ? min : parts[1].Length == 0 ? -1 : Count(parts[1]);
            if (min > MaxRepeat || max > MaxRepeat || (max >= 0 && max < min))
            {
                return (close + 1, $"has the repeat count {{{body}}}: RE2 allows counts of at most {MaxRepeat}, the smaller first");
            }

            return (close + 1, null);
        }

        private static int Count(string digits) =>
            digits.Length > 4 ? int.MaxValue : int.Parse(digits, CultureInfo.InvariantCulture);

        private string? Group()
        {
            if (!At(1, '?'))
            {
                _pos++;
                return null;
            }

            var rest = text[(_pos + 2)..];
            if (rest.StartsWith('=') || rest.StartsWith('!') || rest.StartsWith("<=", StringComparison.Ordinal) || rest.StartsWith("<!", StringComparison.Ordinal))
            {
                return $"uses a lookaround '{text[_pos..Math.Min(text.Length, _pos + 4)]}' at position {_pos + 1}: RE2 has no lookahead or lookbehind";
            }

            if (rest.StartsWith("P=", StringComparison.Ordinal))
            {
                return $"uses a backreference '(?P=' at position {_pos + 1}: RE2 has no backreferences";
            }

            if (rest.StartsWith("P<", StringComparison.Ordinal) || rest.StartsWith('<'))
            {
                var start = _pos + 2 + (rest[0] == 'P' ? 2 : 1);
                var end = text.IndexOf('>', start);
                var name = end < 0 ? "" : text[start..end];
                if (end < 0 || name.Length == 0 || !name.All(ch => char.IsAsciiLetterOrDigit(ch) || ch == '_'))
                {
                    return $"has an invalid group name at position {_pos + 1} (letters, digits and '_' between '<' and '>')";
                }

                if (!_names.Add(name))
                {
                    return $"names two groups '{name}'";
                }

                _pos = end + 1;
                return null;
            }

            // Flags: (?imsU) or (?i-s:...), nothing else.
            var i = _pos + 2;
            var sawMinus = false;
            var sawFlag = false;
            for (; i < text.Length && text[i] is not (')' or ':'); i++)
            {
                if (text[i] == '-' && !sawMinus)
                {
                    sawMinus = true;
                    sawFlag = false;
                }
                else if (text[i] is 'i' or 'm' or 's' or 'U')
                {
                    sawFlag = true;
                }
                else
                {
                    var construct = text[i] switch
                    {
                        '>' => "an atomic group '(?>'",
                        '#' => "a comment '(?#'",
                        '(' => "a conditional '(?('",
                        _ => $"'(?{text[(_pos + 2)..(i + 1)]}'",
                    };
                    return $"uses {construct} at position {_pos + 1}, which RE2 does not support (its flags are i, m, s and U)";
                }
            }

            if (i >= text.Length || !sawFlag)
            {
                return $"has an incomplete group '{text[_pos..Math.Min(text.Length, i + 1)]}' at position {_pos + 1}";
            }

            // "(?i)" sets flags and is not a group; "(?i:" opens one.
            _pos = i + 1;
            return null;
        }

        private string? Class()
        {
            var start = _pos;
            _pos++;
            if (At(0, '^'))
            {
                _pos++;
            }

            var first = true;
            while (_pos < text.Length)
            {
                var c = text[_pos];
                if (c == ']' && !first)
                {
                    _pos++;
                    return null;
                }

                first = false;
                if (c == '[' && At(1, ':'))
                {
                    var close = text.IndexOf(":]", _pos + 2, StringComparison.Ordinal);
                    var name = close < 0 ? null : text[(_pos + 2)..close].TrimStart('^');
                    if (name is not null && AsciiClasses.Contains(name))
                    {
                        _pos = close + 2;
                        continue;
                    }

                    if (name is not null && name.All(char.IsAsciiLetter))
                    {
                        return $"names an unknown character class '[:{name}:]' (RE2 knows {string.Join(", ", AsciiClasses.Order(StringComparer.Ordinal))})";
                    }
                }

                int? single;
                if (c == '\\')
                {
                    var (error, literal) = ClassEscape();
                    if (error is not null)
                    {
                        return error;
                    }

                    single = literal;
                }
                else
                {
                    single = char.ConvertToUtf32(text, _pos);
                    _pos += char.IsSurrogatePair(text, _pos) ? 2 : 1;
                }

                if (single is { } low && At(0, '-') && _pos + 1 < text.Length && text[_pos + 1] != ']')
                {
                    _pos++;
                    int high;
                    if (text[_pos] == '\\')
                    {
                        var (error, literal) = ClassEscape();
                        if (error is not null)
                        {
                            return error;
                        }

                        if (literal is not { } value)
                        {
                            return $"has a range ending in a class escape inside '[...]' starting at position {start + 1}";
                        }

                        high = value;
                    }
                    else
                    {
                        high = char.ConvertToUtf32(text, _pos);
                        _pos += char.IsSurrogatePair(text, _pos) ? 2 : 1;
                    }

                    if (high < low)
                    {
                        return $"has a range that runs backwards ('{char.ConvertFromUtf32(low)}-{char.ConvertFromUtf32(high)}') inside '[...]' starting at position {start + 1}";
                    }

                }
            }

            return $"has a '[' at position {start + 1} that is never closed (missing ']')";
        }

        /// <returns>An error, or the code point an escape stands for inside a class (null for \d, \pL and the like).</returns>
        private (string? Error, int? Literal) ClassEscape()
        {
            var (error, literal, _) = EscapeAt(insideClass: true);
            return (error, literal);
        }

        private (string? Error, bool IsItem) Escape()
        {
            var (error, _, isItem) = EscapeAt(insideClass: false);
            return (error, isItem);
        }

        private (string? Error, int? Literal, bool IsItem) EscapeAt(bool insideClass)
        {
            var at = _pos;
            if (_pos + 1 >= text.Length)
            {
                return ("ends with a lone '\\'", null, false);
            }

            var c = text[_pos + 1];
            _pos += 2;
            switch (c)
            {
                case 'a': return (null, 7, true);
                case 'f': return (null, 12, true);
                case 'n': return (null, 10, true);
                case 'r': return (null, 13, true);
                case 't': return (null, 9, true);
                case 'v': return (null, 11, true);
                case 'd' or 'D' or 's' or 'S' or 'w' or 'W':
                    return (null, null, true);
                case 'b' or 'B' or 'A' or 'z' when !insideClass:
                    // Assertions: RE2 lets them take no repetition in Go's parser only by accident; treat as items.
                    return (null, null, true);
                case 'Q' when !insideClass:
                    var end = text.IndexOf("\\E", _pos, StringComparison.Ordinal);
                    _pos = end < 0 ? text.Length : end + 2;
                    return (null, null, true);
                case 'p' or 'P':
                    return (UnicodeClass(at), null, true);
                case 'x':
                    return Hex(at);
                case >= '0' and <= '7' when c == '0' || (_pos < text.Length && text[_pos] is >= '0' and <= '7'):
                    var value = c - '0';
                    for (var n = 0; n < 2 && _pos < text.Length && text[_pos] is >= '0' and <= '7'; n++)
                    {
                        value = (value * 8) + (text[_pos++] - '0');
                    }

                    return (null, value, true);
                case >= '1' and <= '9':
                    return ($"uses a backreference '\\{c}' at position {at + 1}: RE2 has no backreferences", null, false);
                case 'k' when _pos < text.Length && text[_pos] is '<' or '{' or '\'':
                    return ($"uses a backreference '\\k' at position {at + 1}: RE2 has no backreferences", null, false);
                case < (char)0x80 when !char.IsAsciiLetterOrDigit(c):
                    return (null, c, true);
                default:
                    var known = c switch
                    {
                        'Z' => ": RE2 has no \\Z; use \\z (end of text) or $",
                        'G' => ": RE2 has no \\G",
                        'K' => ": RE2 has no \\K",
                        'C' => ": Istio's check (Go's regexp) refuses \\C",
                        'e' => ": write \\x1b for escape",
                        'b' or 'B' or 'A' or 'z' or 'Q' => " inside '[...]'",
                        _ => "",
                    };
                    return ($"uses the escape '\\{c}' at position {at + 1}, which RE2 does not know{known}", null, false);
            }
        }

        private string? UnicodeClass(int at)
        {
            if (_pos >= text.Length)
            {
                return $"has an incomplete Unicode class '\\{text[at + 1]}' at position {at + 1}";
            }

            string name;
            if (text[_pos] == '{')
            {
                var close = text.IndexOf('}', _pos);
                if (close < 0)
                {
                    return $"has a Unicode class at position {at + 1} without its closing '}}'";
                }

                name = text[(_pos + 1)..close].TrimStart('^');
                _pos = close + 1;
            }
            else
            {
                name = text[_pos].ToString();
                _pos++;
            }

            var known = Categories.Contains(name) || (name.Length > 2 && char.IsAsciiLetterUpper(name[0]) && name.All(ch => char.IsAsciiLetter(ch) || ch == '_'));
            return known ? null : $"names an unknown Unicode class '{name}' at position {at + 1} (a general category such as L or Lu, or a script such as Greek)";
        }

        private (string? Error, int? Literal, bool IsItem) Hex(int at)
        {
            string digits;
            if (_pos < text.Length && text[_pos] == '{')
            {
                var close = text.IndexOf('}', _pos);
                digits = close < 0 ? "" : text[(_pos + 1)..close];
                _pos = close < 0 ? text.Length : close + 1;
            }
            else
            {
                digits = _pos + 2 <= text.Length ? text[_pos..(_pos + 2)] : "";
                _pos = Math.Min(text.Length, _pos + 2);
            }

            var value = digits.Length is > 0 and <= 8 && digits.All(char.IsAsciiHexDigit)
                ? long.Parse(digits, NumberStyles.HexNumber, CultureInfo.InvariantCulture)
                : -1;
            if (value is < 0 or > 0x10FFFF)
            {
                return ($"has an invalid hex escape at position {at + 1} (\\xhh or \\x{{h...}} up to 10FFFF)", null, false);
            }

            return (null, (int)value, true);
        }

        private bool At(int offset, char c) => _pos + offset < text.Length && text[_pos + offset] == c;
    }
}
