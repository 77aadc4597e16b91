using DrugTrace.Domain.Gs1;

namespace DrugTrace.Domain.Tests.Gs1;

/// <summary>What a wrong GS1 date is told as: the words a scan's error shows.</summary>
public class Gs1DateProblemTests
{
    private static readonly DateOnly Today = new(2026, 12, 2);

    [Theory]
    [InlineData("270132", "day 32 does not exist in January 2027")]
    [InlineData("270229", "day 29 does not exist in February 2027")]
    [InlineData("270332", "day 32 does not exist in March 2027")]
    [InlineData("270431", "day 31 does not exist in April 2027")]
    [InlineData("270532", "day 32 does not exist in May 2027")]
    [InlineData("270631", "day 31 does not exist in June 2027")]
    [InlineData("270732", "day 32 does not exist in July 2027")]
    [InlineData("270832", "day 32 does not exist in August 2027")]
    [InlineData("270931", "day 31 does not exist in September 2027")]
    [InlineData("271032", "day 32 does not exist in October 2027")]
    [InlineData("271131", "day 31 does not exist in November 2027")]
    [InlineData("271232", "day 32 does not exist in December 2027")]
    [InlineData("271300", "month 13 does not exist")]
    [InlineData("270000", "month 00 does not exist")]
    [InlineData("27010", "a date is 6 digits, YYMMDD")]
    [InlineData("2701011", "a date is 6 digits, YYMMDD")]
    [InlineData("27O101", "a date is 6 digits, YYMMDD")]
    public void A_wrong_yymmdd_says_what_is_wrong(string text, string problem)
    {
        Assert.False(Gs1Date.TryParseYymmdd(text, Today, allowDayZero: true, out var date, out var said));
        Assert.Equal(problem, said);
        Assert.Equal(default, date);
    }

    [Fact]
    public void Day_zero_is_the_last_day_only_where_the_rule_allows_it()
    {
        Assert.True(Gs1Date.TryParseYymmdd("280200", Today, allowDayZero: true, out var leap, out var none));
        Assert.Equal(new DateOnly(2028, 2, 29), leap);
        Assert.Equal("", none);
        Assert.False(Gs1Date.TryParseYymmdd("280200", Today, allowDayZero: false, out _, out var problem));
        Assert.Equal("day 00 is not allowed in this date", problem);
        Assert.True(Gs1Date.TryParseYymmdd("280101", Today, allowDayZero: false, out var first, out _));
        Assert.Equal(new DateOnly(2028, 1, 1), first);
    }

    [Theory]
    [InlineData("20270229", "day 29 does not exist in February 2027")]
    [InlineData("20271301", "month 13 does not exist")]
    [InlineData("20270100", "day 00 is not allowed in this date")]
    [InlineData("00000101", "year 0000 does not exist")]
    [InlineData("2027010", "a date is 8 digits, YYYYMMDD")]
    [InlineData("202701011", "a date is 8 digits, YYYYMMDD")]
    [InlineData("2027-101", "a date is 8 digits, YYYYMMDD")]
    public void A_wrong_yyyymmdd_says_what_is_wrong(string text, string problem)
    {
        Assert.False(Gs1Date.TryParseYyyymmdd(text, out _, out var said));
        Assert.Equal(problem, said);
    }

    [Fact]
    public void A_four_digit_year_is_read_whole()
    {
        Assert.True(Gs1Date.TryParseYyyymmdd("19991231", out var date, out _));
        Assert.Equal(new DateOnly(1999, 12, 31), date);
        Assert.True(Gs1Date.TryParseYyyymmdd("00010101", out var first, out _));
        Assert.Equal(new DateOnly(1, 1, 1), first);
    }

    [Fact]
    public void A_year_of_more_than_two_digits_is_refused()
    {
        Assert.Equal("yy", Assert.Throws<ArgumentOutOfRangeException>(() => Gs1Date.ResolveYear(100, Today)).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => Gs1Date.ResolveYear(-1, Today));
        Assert.Equal(2099, Gs1Date.ResolveYear(99, new DateOnly(2049, 1, 1)));
        Assert.Equal(1999, Gs1Date.ResolveYear(99, new DateOnly(2048, 1, 1)));
        Assert.Equal(2100, Gs1Date.ResolveYear(0, new DateOnly(2050, 1, 1)));
        Assert.Equal(2000, Gs1Date.ResolveYear(0, new DateOnly(2049, 1, 1)));
    }
}
