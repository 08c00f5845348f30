using Frontend.Infra.Configuration;

namespace Frontend.Infra.Tests.Audit;

/// <summary>RE2's grammar as Istio checks it (Go's regexp): what it accepts, and what it refuses with a reason.</summary>
public sealed class Re2SyntaxTests
{
    [Theory]
    [InlineData("^(beta|canary)-.*$")]
    [InlineData(".*Mobile.*")]
    [InlineData("(?i)chrome/[0-9]+")]
    [InlineData("(?P<major>\\d+)\\.(?<minor>\\d+)")]
    [InlineData("[[:alpha:]_-]+")]
    [InlineData("[^\\]a-z]{2,5}?")]
    [InlineData("\\Qa.b\\E+")]
    [InlineData("\\p{Greek}\\pL\\x{1F600}\\x41\\012")]
    [InlineData("a{,3}")]
    [InlineData("(?s:.)|(?-i:x)|(?U)a*")]
    [InlineData("a{1000}")]
    [InlineData("[]a]")]
    [InlineData("\\b\\B\\A\\z")]
    public void Check_Re2Syntax_Accepted(string pattern)
    {
        Assert.Null(Re2Syntax.Check(pattern));
    }

    [Theory]
    [InlineData("(a", "has a '(' that is never closed (unbalanced parentheses)")]
    [InlineData("a)", "has a ')' at position 2 that closes no '(' (unbalanced parentheses)")]
    [InlineData("(?=a)", "uses a lookaround '(?=a' at position 1: RE2 has no lookahead or lookbehind")]
    [InlineData("(?<!a)b", "uses a lookaround '(?<!' at position 1: RE2 has no lookahead or lookbehind")]
    [InlineData("(a)\\1", "uses a backreference '\\1' at position 4: RE2 has no backreferences")]
    [InlineData("(?<n>a)\\k<n>", "uses a backreference '\\k' at position 8: RE2 has no backreferences")]
    [InlineData("(?>a)", "uses an atomic group '(?>' at position 1, which RE2 does not support (its flags are i, m, s and U)")]
    [InlineData("a*+", "repeats a repetition ('+' right after another repetition operator): RE2 has no possessive quantifiers and refuses nested repetition")]
    [InlineData("*a", "has '*' with nothing before it to repeat")]
    [InlineData("a{1001}", "has the repeat count {1001}: RE2 allows counts of at most 1000, the smaller first")]
    [InlineData("a{3,2}", "has the repeat count {3,2}: RE2 allows counts of at most 1000, the smaller first")]
    [InlineData("[a-", "has a '[' at position 1 that is never closed (missing ']')")]
    [InlineData("[z-a]", "has a range that runs backwards ('z-a') inside '[...]' starting at position 1")]
    [InlineData("[[:alfa:]]", "names an unknown character class '[:alfa:]' (RE2 knows alnum, alpha, ascii, blank, cntrl, digit, graph, lower, print, punct, space, upper, word, xdigit)")]
    [InlineData("a\\Z", "uses the escape '\\Z' at position 2, which RE2 does not know: RE2 has no \\Z; use \\z (end of text) or $")]
    [InlineData("\\e", "uses the escape '\\e' at position 1, which RE2 does not know: write \\x1b for escape")]
    [InlineData("\\pX", "names an unknown Unicode class 'X' at position 1 (a general category such as L or Lu, or a script such as Greek)")]
    [InlineData("(?P<a>x)(?P<a>y)", "names two groups 'a'")]
    [InlineData("(?#note)", "uses a comment '(?#' at position 1, which RE2 does not support (its flags are i, m, s and U)")]
    public void Check_NotRe2_RefusedWithTheReason(string pattern, string reason)
    {
        Assert.Equal(reason, Re2Syntax.Check(pattern));
    }

    [Fact]
    public void Check_LongerThanIstiosLimit_Refused()
    {
        Assert.Equal("is longer than 1024 characters, which Istio refuses", Re2Syntax.Check(new string('a', 1025)));
    }
}
