using DrugTrace.Domain.Gs1;

namespace DrugTrace.Domain.Tests.Gs1;

public class Gs1DateTests
{
    [Theory]
    // C = 26: YY − C ≥ 51 → last century.
    [InlineData(2026, 77, 1977)]
    [InlineData(2026, 76, 2076)]
    [InlineData(2026, 26, 2026)]
    [InlineData(2026, 0, 2000)]
    // C = 80: YY − C ≤ −50 → next century.
    [InlineData(2080, 30, 2130)]
    [InlineData(2080, 31, 2031)]
    [InlineData(2099, 49, 2149)]
    [InlineData(2099, 50, 2050)]
    [InlineData(2000, 51, 1951)]
    [InlineData(2000, 50, 2050)]
    public void Century_rule_follows_genspecs_7_12(int todayYear, int yy, int expected) =>
        Assert.Equal(expected, Gs1Date.ResolveYear(yy, new DateOnly(todayYear, 6, 1)));

    [Theory]
    [InlineData("271231", true, 2027, 12, 31)]
    [InlineData("270200", true, 2027, 2, 28)]
    [InlineData("280200", true, 2028, 2, 29)]
    [InlineData("270400", true, 2027, 4, 30)]
    [InlineData("271200", true, 2027, 12, 31)]
    [InlineData("280229", false, 2028, 2, 29)]
    public void Valid_dates(string text, bool dayZero, int y, int m, int d)
    {
        Assert.True(Gs1Date.TryParseYymmdd(text, new DateOnly(2026, 3, 15), dayZero, out var date, out _));
        Assert.Equal(new DateOnly(y, m, d), date);
    }

    [Theory]
    [InlineData("271332", true, "month 13 does not exist")]
    [InlineData("270230", true, "day 30 does not exist in February 2027")]
    [InlineData("270229", true, "day 29 does not exist in February 2027")]
    [InlineData("270431", true, "day 31 does not exist in April 2027")]
    [InlineData("270015", true, "month 00 does not exist")]
    [InlineData("271200", false, "day 00 is not allowed in this date")]
    [InlineData("27123", true, "a date is 6 digits, YYMMDD")]
    [InlineData("27A231", true, "a date is 6 digits, YYMMDD")]
    public void Invalid_dates_say_what_is_wrong(string text, bool dayZero, string problem)
    {
        Assert.False(Gs1Date.TryParseYymmdd(text, new DateOnly(2026, 3, 15), dayZero, out _, out var actual));
        Assert.Equal(problem, actual);
    }

    [Fact]
    public void Leap_year_depends_on_the_resolved_century()
    {
        // YY 00 with today 2026 is 2000 (leap); with today 2080 it is 2100 (not leap).
        Assert.True(Gs1Date.TryParseYymmdd("000229", new DateOnly(2026, 1, 1), false, out _, out _));
        Assert.False(Gs1Date.TryParseYymmdd("000229", new DateOnly(2080, 1, 1), false, out _, out var problem));
        Assert.Equal("day 29 does not exist in February 2100", problem);
    }

    [Theory]
    [InlineData("20240229", true)]
    [InlineData("20230229", false)]
    [InlineData("20231301", false)]
    [InlineData("00000101", false)]
    public void Full_year_dates(string text, bool valid) =>
        Assert.Equal(valid, Gs1Date.TryParseYyyymmdd(text, out _, out _));

    [Fact]
    public void A_year_of_more_than_two_digits_is_refused_with_its_reason()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Gs1Date.ResolveYear(100, new DateOnly(2026, 3, 15)));
        Assert.StartsWith("A GS1 year has two digits.", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2076, true)]
    [InlineData(2077, false)]
    [InlineData(1977, true)]
    [InlineData(1976, false)]
    [InlineData(2026, true)]
    public void A_date_is_expressible_as_YYMMDD_when_it_reads_back_as_the_same_year(int year, bool expected) =>
        Assert.Equal(expected, Gs1Date.IsExpressibleAsYymmdd(new DateOnly(year, 6, 1), new DateOnly(2026, 3, 15)));
}
