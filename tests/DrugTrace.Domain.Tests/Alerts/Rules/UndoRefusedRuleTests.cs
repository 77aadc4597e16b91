using DrugTrace.Domain.Alerts;
using DrugTrace.Domain.Alerts.Rules;
using DrugTrace.Domain.Packs;
using DrugTrace.Domain.Parties;
using static DrugTrace.Domain.Tests.Alerts.Rules.RuleFacts;

namespace DrugTrace.Domain.Tests.Alerts.Rules;

public class UndoRefusedRuleTests
{
    private static readonly DateTimeOffset Dispensed = new(2026, 3, 1, 15, 0, 0, TimeSpan.Zero);

    private static Finding? Undo(Party? actor, DateTimeOffset now, PackStatus status = PackStatus.Dispensed) =>
        UndoRefusedRule.Check(Facts(PackAction.UndoDispense, actor, Pack(status, Pharmacy, changedAt: Dispensed), now: now));

    [Fact]
    public void The_window_is_ten_days()
    {
        Assert.Equal(TimeSpan.FromDays(10), UndoRefusedRule.Window);
    }

    [Fact]
    public void Fires_when_another_pharmacy_undoes_the_dispense()
    {
        var message = AssertFinding(Undo(OtherPharmacy, Dispensed.AddHours(1)), AlertKind.UndoRefused, Severity.Medium, "NMVS_NC_PCK_20");

        Assert.Equal("Only the pharmacy that dispensed this pack can undo it.", message);
    }

    [Fact]
    public void Fires_after_the_window_with_the_dispense_date()
    {
        var message = AssertFinding(Undo(Pharmacy, Dispensed + UndoRefusedRule.Window + TimeSpan.FromTicks(1)),
            AlertKind.UndoRefused, Severity.Medium, "NMVS_NC_PCK_20");

        Assert.Equal("This pack was dispensed on 2026-03-01; a dispense can only be undone within 10 days.", message);
    }

    [Fact]
    public void Silent_for_the_dispensing_pharmacy_up_to_exactly_ten_days()
    {
        Assert.Null(Undo(Pharmacy, Dispensed));
        Assert.Null(Undo(Pharmacy, Dispensed + UndoRefusedRule.Window));
    }

    [Fact]
    public void Another_party_is_refused_even_within_the_window_and_that_reason_comes_first()
    {
        var late = Dispensed + UndoRefusedRule.Window + TimeSpan.FromDays(1);
        Assert.Equal("Only the pharmacy that dispensed this pack can undo it.", Undo(OtherPharmacy, late)?.Message);
    }

    [Theory]
    [InlineData(PackAction.Verify)]
    [InlineData(PackAction.Dispense)]
    [InlineData(PackAction.Receive)]
    [InlineData(PackAction.Unlock)]
    public void Silent_for_other_actions(PackAction action)
    {
        var late = Dispensed + TimeSpan.FromDays(30);
        Assert.Null(UndoRefusedRule.Check(Facts(action, OtherPharmacy, Pack(PackStatus.Dispensed, Pharmacy, changedAt: Dispensed), now: late)));
    }

    [Theory]
    [InlineData(PackStatus.Active)]
    [InlineData(PackStatus.Destroyed)]
    public void Silent_when_the_pack_is_not_dispensed(PackStatus status)
    {
        Assert.Null(Undo(OtherPharmacy, Dispensed.AddDays(30), status));
    }

    [Fact]
    public void Silent_without_an_actor_or_a_pack()
    {
        Assert.Null(Undo(null, Dispensed.AddDays(30)));
        Assert.Null(UndoRefusedRule.Check(Facts(PackAction.UndoDispense, Pharmacy, null)));
    }
}
