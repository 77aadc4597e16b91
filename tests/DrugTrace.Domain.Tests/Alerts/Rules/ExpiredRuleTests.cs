using DrugTrace.Domain.Alerts;
using DrugTrace.Domain.Alerts.Rules;
using DrugTrace.Domain.Packs;
using static DrugTrace.Domain.Tests.Alerts.Rules.RuleFacts;

namespace DrugTrace.Domain.Tests.Alerts.Rules;

public class ExpiredRuleTests
{
    // The pack expires on 2027-06-30.
    private static readonly DateTimeOffset DayAfter = new(2027, 7, 1, 0, 0, 0, TimeSpan.Zero);

    private static Finding? Check(PackAction action, DateTimeOffset now, PackStatus status = PackStatus.Active) =>
        ExpiredRule.Check(Facts(action, Pharmacy, Pack(status, Pharmacy), now: now));

    [Theory]
    [InlineData(PackAction.Dispense)]
    [InlineData(PackAction.Verify)]
    public void Fires_from_the_first_day_after_expiry(PackAction action)
    {
        var message = AssertFinding(Check(action, DayAfter), AlertKind.Expired, Severity.Medium, null);

        Assert.Equal("This pack expired on 2027-06-30.", message);
    }

    [Fact]
    public void The_expiry_day_itself_is_still_valid_to_its_last_second()
    {
        Assert.Null(Check(PackAction.Dispense, DayAfter.AddTicks(-1)));
        Assert.Null(Check(PackAction.Dispense, new DateTimeOffset(2027, 6, 30, 0, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void The_day_is_the_utc_day()
    {
        // 01:00 in UTC+2 on 1 July is still 30 June in UTC.
        Assert.Null(Check(PackAction.Dispense, new DateTimeOffset(2027, 7, 1, 1, 0, 0, TimeSpan.FromHours(2))));
        // 20:00 in UTC-5 on 30 June is already 1 July in UTC.
        Assert.NotNull(Check(PackAction.Dispense, new DateTimeOffset(2027, 6, 30, 20, 0, 0, TimeSpan.FromHours(-5))));
    }

    [Fact]
    public void Fires_for_putting_an_expired_pack_back_into_stock()
    {
        Assert.NotNull(Check(PackAction.UndoDispense, DayAfter, PackStatus.Dispensed));
    }

    [Theory]
    [InlineData(PackAction.Ship)]
    [InlineData(PackAction.Receive)]
    [InlineData(PackAction.Decommission)]
    [InlineData(PackAction.Unlock)]
    public void Silent_for_moving_or_destroying_expired_stock(PackAction action)
    {
        Assert.Null(Check(action, DayAfter));
    }

    [Theory]
    [InlineData(PackStatus.Dispensed)]
    [InlineData(PackStatus.Destroyed)]
    public void Silent_when_verifying_a_pack_that_already_left_the_supply_chain(PackStatus status)
    {
        Assert.Null(Check(PackAction.Verify, DayAfter, status));
    }

    [Fact]
    public void Silent_for_an_unknown_pack()
    {
        Assert.Null(ExpiredRule.Check(Facts(PackAction.Dispense, Pharmacy, null, now: DayAfter)));
    }
}
