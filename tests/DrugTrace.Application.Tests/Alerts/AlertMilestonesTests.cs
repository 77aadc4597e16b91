using DrugTrace.Application.Alerts;

namespace DrugTrace.Application.Tests.Alerts;

/// <summary>The repeats of an alert that are announced again: the 2nd, 10th, 100th, ...</summary>
public sealed class AlertMilestonesTests
{
    [Theory]
    [InlineData(0, false)]
    [InlineData(1, false)]
    [InlineData(2, true)]
    [InlineData(3, false)]
    [InlineData(10, true)]
    [InlineData(20, false)]
    [InlineData(100, true)]
    public void Only_the_second_and_each_power_of_ten_is_a_milestone(int count, bool milestone) =>
        Assert.Equal(milestone, AlertMilestones.IsMilestone(count));
}
