using Frontend.Infra.Configuration;

namespace Frontend.Infra.Tests.Configuration;

/// <summary>One parser serves the range checks (to the tick) and the millisecond rule (to the nanosecond).</summary>
public sealed class IstioDurationTests
{
    [Theory]
    [InlineData("10s", 100_000_000L)]
    [InlineData("1m30s", 900_000_000L)]
    [InlineData("0.3s", 3_000_000L)]
    [InlineData("1500us", 15_000L)]
    [InlineData("1500µs", 15_000L)]
    [InlineData("150ns", 1L)]
    public void TryParse_Duration_IsTruncatedToTheTick(string text, long ticks)
    {
        var parsed = IstioDuration.TryParse(text, out var duration);

        Assert.True(parsed);
        Assert.Equal(ticks, duration.Ticks);
    }

    [Theory]
    [InlineData("10")]
    [InlineData("10 s")]
    [InlineData("-1s")]
    [InlineData("1d")]
    [InlineData("999999999999h")]
    public void TryParse_NoDurationOrPastTimeSpan_IsFalse(string text)
    {
        Assert.False(IstioDuration.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.Zero, duration);
    }

    [Fact]
    public void TryParse_ManyRepeatedParts_IsFalseWithoutOverflowing()
    {
        var text = string.Concat(Enumerable.Repeat("999999999999h", 50_000));

        Assert.False(IstioDuration.TryParse(text, out _));
        Assert.False(IstioDuration.IsWholeMilliseconds(text));
    }

    [Theory]
    [InlineData("2s", true)]
    [InlineData("1000000ns", true)]
    [InlineData("1000001ns", false)]
    [InlineData("1.5ms", false)]
    public void IsWholeMilliseconds_CountsNanoseconds(string text, bool whole) =>
        Assert.Equal(whole, IstioDuration.IsWholeMilliseconds(text));

    [Theory]
    [InlineData("1500us", 2)]
    [InlineData("1ms", 1)]
    [InlineData("1000001ns", 2)]
    public void CeilingMilliseconds_RoundsUpToTheNextWholeMillisecond(string text, int milliseconds) =>
        Assert.Equal(milliseconds, IstioDuration.CeilingMilliseconds(text));
}
