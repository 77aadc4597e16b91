using DrugTrace.Domain.Alerts;
using DrugTrace.Domain.Alerts.Rules;
using DrugTrace.Domain.Packs;
using static DrugTrace.Domain.Tests.Alerts.Rules.RuleFacts;

namespace DrugTrace.Domain.Tests.Alerts.Rules;

public class CustodyMismatchRuleTests
{
    private static Finding? Check(PackAction action, DrugTrace.Domain.Parties.Party actor, PackState pack) =>
        CustodyMismatchRule.Check(Facts(action, actor, pack));

    [Theory]
    [InlineData(PackAction.Ship)]
    [InlineData(PackAction.Decommission)]
    [InlineData(PackAction.Dispense)]
    public void Fires_when_a_party_moves_a_pack_in_someone_elses_stock(PackAction action)
    {
        var message = AssertFinding(Check(action, OtherPharmacy, Pack(PackStatus.Active, Pharmacy)),
            AlertKind.CustodyMismatch, Severity.High, null);

        // The party is not involved: it is not told who holds the pack.
        Assert.Equal("The ledger places this pack with another party, not in your stock, so you cannot move it; ask your supplier to record its shipment to you.", message);
    }

    [Theory]
    [InlineData(PackAction.Ship)]
    [InlineData(PackAction.Decommission)]
    [InlineData(PackAction.Dispense)]
    public void Silent_when_the_custodian_moves_its_own_active_pack(PackAction action)
    {
        Assert.Null(Check(action, Pharmacy, Pack(PackStatus.Active, Pharmacy)));
    }

    [Fact]
    public void Receive_of_a_pack_shipped_to_the_receiver_is_fine()
    {
        Assert.Null(Check(PackAction.Receive, Pharmacy, Pack(PackStatus.InTransit, Wholesaler, shipTo: Pharmacy)));
    }

    [Fact]
    public void Receive_of_a_pack_shipped_to_someone_else_does_not_name_the_recipient()
    {
        var message = AssertFinding(Check(PackAction.Receive, OtherPharmacy, Pack(PackStatus.InTransit, Wholesaler, shipTo: Pharmacy)),
            AlertKind.CustodyMismatch, Severity.High, null);

        Assert.Equal("The ledger has not recorded a shipment of this pack to you, so it cannot be received; ask your supplier to record it.", message);
    }

    [Fact]
    public void Receive_of_a_pack_that_was_never_shipped_does_not_name_its_holder()
    {
        var message = Check(PackAction.Receive, Pharmacy, Pack(PackStatus.Active, Wholesaler))?.Message;

        Assert.Equal("The ledger has not recorded a shipment of this pack to you, so it cannot be received; ask your supplier to record it.", message);
    }

    [Fact]
    public void Dispense_of_a_pack_on_its_way_to_another_party_names_it_only_to_the_sender()
    {
        Assert.DoesNotContain("Corner Pharmacy", Check(PackAction.Dispense, OtherPharmacy, Pack(PackStatus.InTransit, Wholesaler, shipTo: Pharmacy))!.Message);
        var toSender = Check(PackAction.Dispense, Wholesaler, Pack(PackStatus.InTransit, Wholesaler, shipTo: Pharmacy))?.Message;
        Assert.Equal("This pack is on its way to Corner Pharmacy; it is not in your stock.", toSender);
    }

    [Fact]
    public void Dispense_by_the_custodian_of_a_pack_not_active_fires()
    {
        // The sender of a shipment still holds custody, but the pack is no longer on its shelf.
        Assert.NotNull(Check(PackAction.Dispense, Pharmacy, Pack(PackStatus.InTransit, Pharmacy, shipTo: OtherPharmacy)));
    }

    [Fact]
    public void Ship_by_the_sender_of_a_pack_in_transit_is_not_a_diversion()
    {
        // Shipping twice is a plain mistake, refused by the lifecycle without an alert.
        Assert.Null(Check(PackAction.Ship, Wholesaler, Pack(PackStatus.InTransit, Wholesaler, shipTo: Pharmacy)));
    }

    [Theory]
    [InlineData(PackAction.Verify)]
    [InlineData(PackAction.UndoDispense)]
    [InlineData(PackAction.Unlock)]
    public void Silent_for_actions_that_do_not_move_stock(PackAction action)
    {
        Assert.Null(Check(action, OtherPharmacy, Pack(PackStatus.Active, Pharmacy)));
    }

    [Theory]
    [InlineData(PackStatus.Dispensed)]
    [InlineData(PackStatus.Stolen)]
    [InlineData(PackStatus.Destroyed)]
    public void Silent_for_a_pack_out_of_the_supply_chain(PackStatus status)
    {
        Assert.Null(Check(PackAction.Dispense, OtherPharmacy, Pack(status, Pharmacy)));
    }

    [Fact]
    public void Fires_for_a_locked_pack_of_another_party()
    {
        Assert.NotNull(Check(PackAction.Ship, Wholesaler, Pack(PackStatus.Locked, OtherWholesaler)));
    }

    [Fact]
    public void Silent_without_an_actor_or_a_pack()
    {
        Assert.Null(CustodyMismatchRule.Check(Facts(PackAction.Dispense, null, Pack(PackStatus.Active, Pharmacy))));
        Assert.Null(CustodyMismatchRule.Check(Facts(PackAction.Dispense, Pharmacy, null)));
    }

    [Fact]
    public void Receive_by_the_sender_of_a_pack_in_transit_names_the_recipient()
    {
        var message = Check(PackAction.Receive, Wholesaler, Pack(PackStatus.InTransit, Wholesaler, shipTo: Pharmacy))?.Message;
        Assert.Equal("This pack was shipped to Corner Pharmacy, not to you.", message);
    }

    [Fact]
    public void A_move_by_the_named_recipient_of_a_pack_still_in_its_senders_stock_names_the_holder()
    {
        var message = Check(PackAction.Dispense, Pharmacy, Pack(PackStatus.Active, Wholesaler, shipTo: Pharmacy))?.Message;
        Assert.Equal($"This pack is in the stock of {Wholesaler.Name}, not Corner Pharmacy.", message);
    }
}
