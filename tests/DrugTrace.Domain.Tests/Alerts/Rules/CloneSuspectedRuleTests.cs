using DrugTrace.Domain.Alerts;
using DrugTrace.Domain.Alerts.Rules;
using DrugTrace.Domain.Packs;
using DrugTrace.Domain.Parties;
using static DrugTrace.Domain.Tests.Alerts.Rules.RuleFacts;

namespace DrugTrace.Domain.Tests.Alerts.Rules;

public class CloneSuspectedRuleTests
{
    private static Finding? Verify(Party? actor, PackState pack) => CloneSuspectedRule.Check(Facts(PackAction.Verify, actor, pack));

    [Fact]
    public void Fires_when_a_pharmacy_verifies_a_pack_the_ledger_places_in_another_stock()
    {
        var message = AssertFinding(Verify(OtherPharmacy, Pack(PackStatus.Active, Pharmacy)), AlertKind.CloneSuspected, Severity.Critical, null);

        Assert.Equal("The ledger places this serial in the stock of Corner Pharmacy, not with you: one of the two packs may be a copy. Keep this pack aside.", message);
    }

    [Fact]
    public void Fires_for_a_wholesaler_and_names_the_recipient_of_a_pack_in_transit()
    {
        var message = Verify(OtherWholesaler, Pack(PackStatus.InTransit, Wholesaler, shipTo: Pharmacy))?.Message;

        Assert.Equal("The ledger places this serial in the stock of Big Wholesale, on its way to Corner Pharmacy, not with you: one of the two packs may be a copy. Keep this pack aside.", message);
    }

    [Fact]
    public void Fires_for_a_locked_pack_held_elsewhere()
    {
        Assert.NotNull(Verify(Pharmacy, Pack(PackStatus.Locked, Wholesaler)));
    }

    [Fact]
    public void Silent_for_the_custodian()
    {
        Assert.Null(Verify(Pharmacy, Pack(PackStatus.Active, Pharmacy)));
    }

    [Fact]
    public void Silent_for_the_recipient_of_a_shipment()
    {
        Assert.Null(Verify(Pharmacy, Pack(PackStatus.InTransit, Wholesaler, shipTo: Pharmacy)));
    }

    [Fact]
    public void Silent_for_manufacturers_regulators_and_the_public()
    {
        var pack = Pack(PackStatus.Active, Pharmacy);
        Assert.Null(Verify(Maker, pack));
        Assert.Null(Verify(Regulator, pack));
        Assert.Null(Verify(null, pack));
    }

    [Theory]
    [InlineData(PackAction.Receive)]
    [InlineData(PackAction.Ship)]
    [InlineData(PackAction.Dispense)]
    [InlineData(PackAction.Decommission)]
    public void Silent_for_handoffs_which_are_custody_questions(PackAction action)
    {
        Assert.Null(CloneSuspectedRule.Check(Facts(action, OtherPharmacy, Pack(PackStatus.Active, Pharmacy))));
    }

    [Theory]
    [InlineData(PackStatus.Dispensed)]
    [InlineData(PackStatus.Stolen)]
    [InlineData(PackStatus.Exported)]
    public void Silent_for_a_pack_out_of_the_supply_chain(PackStatus status)
    {
        Assert.Null(Verify(OtherPharmacy, Pack(status, Pharmacy)));
    }

    [Fact]
    public void Silent_for_an_unknown_pack()
    {
        Assert.Null(CloneSuspectedRule.Check(Facts(PackAction.Verify, Pharmacy, null)));
    }
}
