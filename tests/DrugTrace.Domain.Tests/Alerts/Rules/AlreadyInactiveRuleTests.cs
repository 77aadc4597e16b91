using DrugTrace.Domain.Alerts;
using DrugTrace.Domain.Alerts.Rules;
using DrugTrace.Domain.Packs;
using static DrugTrace.Domain.Tests.Alerts.Rules.RuleFacts;

namespace DrugTrace.Domain.Tests.Alerts.Rules;

public class AlreadyInactiveRuleTests
{
    private static readonly PackStatus[] Inactive =
        [PackStatus.Dispensed, PackStatus.Destroyed, PackStatus.Sample, PackStatus.FreeSample, PackStatus.Exported];

    private static readonly PackAction[] Moves =
        [PackAction.Verify, PackAction.Receive, PackAction.Ship, PackAction.Dispense, PackAction.Decommission];

    public static TheoryData<PackStatus, PackAction> InactiveAndMoved()
    {
        var data = new TheoryData<PackStatus, PackAction>();
        foreach (var status in Inactive)
            foreach (var action in Moves) data.Add(status, action);
        return data;
    }

    [Theory]
    [MemberData(nameof(InactiveAndMoved))]
    public void Fires_when_a_pack_that_left_the_supply_chain_is_handled_as_stock(PackStatus status, PackAction action)
    {
        var pack = Pack(status, Pharmacy);

        AssertFinding(AlreadyInactiveRule.Check(Facts(action, OtherPharmacy, pack)), AlertKind.AlreadyInactive, Severity.High, "NMVS_NC_PCK_22");
    }

    [Theory]
    [InlineData(PackStatus.Dispensed, "dispensed")]
    [InlineData(PackStatus.Destroyed, "destroyed")]
    [InlineData(PackStatus.Sample, "taken as a sample")]
    [InlineData(PackStatus.FreeSample, "given as a free sample")]
    [InlineData(PackStatus.Exported, "exported")]
    public void Message_says_what_happened_who_did_it_and_when(PackStatus status, string described)
    {
        var pack = Pack(status, Pharmacy, changedAt: new DateTimeOffset(2026, 2, 3, 16, 45, 0, TimeSpan.FromHours(2)));

        var finding = AlreadyInactiveRule.Check(Facts(PackAction.Dispense, OtherPharmacy, pack));

        Assert.Equal($"This pack was already {described} by Corner Pharmacy on 2026-02-03 14:45 UTC.", finding?.Message);
    }

    [Theory]
    [InlineData(PackAction.UndoDispense)]
    [InlineData(PackAction.Unlock)]
    public void Silent_for_undo_and_unlock_which_have_their_own_rules(PackAction action)
    {
        Assert.Null(AlreadyInactiveRule.Check(Facts(action, Pharmacy, Pack(PackStatus.Dispensed, Pharmacy))));
    }

    [Theory]
    [InlineData(PackStatus.Active)]
    [InlineData(PackStatus.InTransit)]
    [InlineData(PackStatus.Locked)]
    [InlineData(PackStatus.Stolen)] // a stolen pack is its own, graver alert
    public void Silent_for_a_pack_still_in_the_supply_chain_or_stolen(PackStatus status)
    {
        Assert.Null(AlreadyInactiveRule.Check(Facts(PackAction.Dispense, Pharmacy, Pack(status, Pharmacy))));
    }

    [Fact]
    public void Silent_for_an_unknown_pack()
    {
        Assert.Null(AlreadyInactiveRule.Check(Facts(PackAction.Dispense, Pharmacy, null)));
    }
}
