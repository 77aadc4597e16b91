using DrugTrace.Domain.Alerts.Rules;

namespace DrugTrace.Domain.Tests.Alerts.Rules;

public class RuleTextTests
{
    [Theory]
    [InlineData(0, "less than a minute")]
    [InlineData(59, "less than a minute")]
    [InlineData(60, "1 minute")]
    [InlineData(61, "1 minute")]
    [InlineData(5 * 60, "5 minutes")]
    [InlineData(119 * 60 + 59, "119 minutes")]
    [InlineData(2 * 3600, "2 hours")]
    [InlineData(3 * 3600 + 59 * 60, "3 hours")]
    public void How_long_ago_is_said_in_minutes_under_two_hours_and_in_hours_after(int seconds, string expected) =>
        Assert.Equal(expected, RuleText.Ago(TimeSpan.FromSeconds(seconds)));
}
