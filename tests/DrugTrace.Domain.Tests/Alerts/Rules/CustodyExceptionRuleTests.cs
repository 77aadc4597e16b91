using DrugTrace.Domain.Alerts;
using DrugTrace.Domain.Alerts.Rules;
using DrugTrace.Domain.Packs;
using DrugTrace.Domain.Parties;
using static DrugTrace.Domain.Tests.Alerts.Rules.RuleFacts;

namespace DrugTrace.Domain.Tests.Alerts.Rules;

/// <summary>A genuine pack held elsewhere is most often a shipment not yet recorded: an exception, not a clone.</summary>
public class CustodyExceptionRuleTests
{
    private static Finding? Verify(Party? actor, PackState pack) => CustodyExceptionRule.Check(Facts(PackAction.Verify, actor, pack));

    [Fact]
    public void A_pharmacy_verifying_a_pack_held_elsewhere_gets_a_low_exception_that_names_nobody()
    {
        var message = AssertFinding(Verify(OtherPharmacy, Pack(PackStatus.Active, Pharmacy)), AlertKind.CustodyException, Severity.Low, null);
        Assert.Contains("has not yet recorded a shipment of this pack to you", message);
        Assert.DoesNotContain("Corner Pharmacy", message);
        Assert.DoesNotContain(Pharmacy.Gln, message);
    }

    [Fact]
    public void A_pack_in_transit_to_someone_else_is_an_exception_for_a_third_party() =>
        Assert.Equal(AlertKind.CustodyException, Verify(OtherWholesaler, Pack(PackStatus.InTransit, Wholesaler, shipTo: Pharmacy))?.Kind);

    [Fact]
    public void Silent_for_the_holder_and_the_recipient()
    {
        Assert.Null(Verify(Pharmacy, Pack(PackStatus.Active, Pharmacy)));
        Assert.Null(Verify(Pharmacy, Pack(PackStatus.InTransit, Wholesaler, shipTo: Pharmacy)));
    }

    [Theory]
    [InlineData(PackStatus.Dispensed)]
    [InlineData(PackStatus.Stolen)]
    [InlineData(PackStatus.Quarantined)]
    public void Silent_for_a_pack_that_is_not_plainly_active(PackStatus status) =>
        Assert.Null(Verify(OtherPharmacy, Pack(status, Pharmacy)));

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
    [InlineData(PackAction.Dispense)]
    public void Receiving_or_dispensing_a_pack_held_elsewhere_records_the_same_exception(PackAction action)
    {
        var pack = Pack(PackStatus.Active, Pharmacy);
        var finding = CustodyExceptionRule.Check(Facts(action, OtherPharmacy, pack));
        Assert.Equal((AlertKind.CustodyException, CustodyExceptionRule.Message), (finding?.Kind, finding?.Message));
        // The refusal itself stays a custody mismatch, the first finding of the handoff.
        Assert.Equal([AlertKind.CustodyMismatch], AlertRules.CheckState(Facts(action, OtherPharmacy, pack)).Select(f => f.Kind));
    }

    [Theory]
    [InlineData(PackAction.Ship)]
    [InlineData(PackAction.Decommission)]
    [InlineData(PackAction.UndoDispense)]
    public void Silent_for_other_handoffs(PackAction action) =>
        Assert.Null(CustodyExceptionRule.Check(Facts(action, OtherPharmacy, Pack(PackStatus.Active, Pharmacy))));
}
