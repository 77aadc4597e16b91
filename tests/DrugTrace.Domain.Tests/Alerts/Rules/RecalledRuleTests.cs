using DrugTrace.Domain.Alerts;
using DrugTrace.Domain.Alerts.Rules;
using DrugTrace.Domain.Packs;
using static DrugTrace.Domain.Tests.Alerts.Rules.RuleFacts;

namespace DrugTrace.Domain.Tests.Alerts.Rules;

public class RecalledRuleTests
{
    [Theory]
    [InlineData(PackAction.Ship, PackStatus.Active)]
    [InlineData(PackAction.Receive, PackStatus.InTransit)]
    [InlineData(PackAction.Dispense, PackStatus.Active)]
    [InlineData(PackAction.Verify, PackStatus.Active)]
    [InlineData(PackAction.Verify, PackStatus.InTransit)]
    [InlineData(PackAction.Verify, PackStatus.Locked)]
    [InlineData(PackAction.UndoDispense, PackStatus.Dispensed)] // putting it back into stock
    public void Fires_for_a_pack_of_a_recalled_lot(PackAction action, PackStatus status)
    {
        var facts = Facts(action, Pharmacy, Pack(status, Pharmacy, shipTo: Pharmacy), RecalledLot);

        var message = AssertFinding(RecalledRule.Check(facts), AlertKind.Recalled, Severity.High, null);

        Assert.Equal("Lot LOT42 has been recalled: contamination. Do not supply it.", message);
    }

    [Fact]
    public void Message_without_a_reason_has_no_dangling_colon()
    {
        var lot = RecalledLot with { RecallReason = null };

        var finding = RecalledRule.Check(Facts(PackAction.Dispense, Pharmacy, Pack(PackStatus.Active, Pharmacy), lot));

        Assert.Equal("Lot LOT42 has been recalled. Do not supply it.", finding?.Message);
    }

    [Theory]
    [InlineData(PackAction.Decommission)] // destroying a recalled pack is what should happen
    [InlineData(PackAction.Unlock)]
    public void Silent_for_taking_the_pack_out_of_circulation(PackAction action)
    {
        Assert.Null(RecalledRule.Check(Facts(action, Pharmacy, Pack(PackStatus.Active, Pharmacy), RecalledLot)));
    }

    [Theory]
    [InlineData(PackStatus.Dispensed)]
    [InlineData(PackStatus.Destroyed)]
    [InlineData(PackStatus.Stolen)]
    public void Silent_when_verifying_a_pack_that_already_left_the_supply_chain(PackStatus status)
    {
        Assert.Null(RecalledRule.Check(Facts(PackAction.Verify, Pharmacy, Pack(status, Pharmacy), RecalledLot)));
    }

    [Fact]
    public void Silent_for_a_lot_that_is_not_recalled()
    {
        Assert.Null(RecalledRule.Check(Facts(PackAction.Dispense, Pharmacy, Pack(PackStatus.Active, Pharmacy), Lot)));
    }

    [Fact]
    public void Silent_for_an_unknown_pack()
    {
        Assert.Null(RecalledRule.Check(Facts(PackAction.Dispense, Pharmacy, null) with { Lot = RecalledLot }));
    }
}
