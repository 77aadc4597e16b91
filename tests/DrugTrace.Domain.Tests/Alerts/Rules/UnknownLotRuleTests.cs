using DrugTrace.Domain.Alerts;
using DrugTrace.Domain.Alerts.Rules;
using DrugTrace.Domain.Packs;
using static DrugTrace.Domain.Tests.Alerts.Rules.RuleFacts;

namespace DrugTrace.Domain.Tests.Alerts.Rules;

public class UnknownLotRuleTests
{
    private static ScanFacts UnknownSerialWithLot(string? lot, bool registered) =>
        Facts(PackAction.Dispense, Pharmacy, null) with { Scanned = Scanned("NOSUCH9", lot), ScannedLotRegistered = registered };

    [Fact]
    public void Fires_for_an_unknown_serial_labelled_with_a_lot_never_registered_for_the_product()
    {
        var message = AssertFinding(UnknownLotRule.Check(UnknownSerialWithLot("FAKE1", registered: false)),
            AlertKind.UnknownLot, Severity.Critical, "NMVS_FE_LOT_03");

        Assert.Equal($"Lot FAKE1 was never registered for {Product}.", message);
    }

    [Fact]
    public void Silent_when_the_scanned_lot_is_registered()
    {
        Assert.Null(UnknownLotRule.Check(UnknownSerialWithLot("LOT42", registered: true)));
    }

    [Fact]
    public void Silent_when_the_label_has_no_lot()
    {
        Assert.Null(UnknownLotRule.Check(UnknownSerialWithLot(null, registered: false)));
    }

    [Fact]
    public void Silent_for_a_commissioned_pack_where_a_wrong_lot_is_a_lot_mismatch()
    {
        var facts = UnknownSerialWithLot("FAKE1", registered: false) with { Pack = Pack(PackStatus.Active, Pharmacy), Lot = Lot };
        Assert.Null(UnknownLotRule.Check(facts));
    }

    [Fact]
    public void Silent_for_an_unknown_product()
    {
        Assert.Null(UnknownLotRule.Check(UnknownSerialWithLot("FAKE1", registered: false) with { ProductName = null }));
    }
}
