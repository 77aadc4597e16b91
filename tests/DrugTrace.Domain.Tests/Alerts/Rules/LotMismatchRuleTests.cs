using DrugTrace.Domain.Alerts;
using DrugTrace.Domain.Alerts.Rules;
using DrugTrace.Domain.Packs;
using static DrugTrace.Domain.Tests.Alerts.Rules.RuleFacts;

namespace DrugTrace.Domain.Tests.Alerts.Rules;

public class LotMismatchRuleTests
{
    private static ScanFacts Labelled(string? lot) =>
        Facts(PackAction.Verify, Pharmacy, Pack(PackStatus.Active, Pharmacy)) with { Scanned = Scanned(lot: lot) };

    [Theory]
    [InlineData("LOT43")]
    [InlineData("lot42")] // lots are compared exactly, as printed
    [InlineData("LOT42 ")]
    public void Fires_when_the_label_names_another_lot_than_the_commissioned_one(string lot)
    {
        var message = AssertFinding(LotMismatchRule.Check(Labelled(lot)), AlertKind.LotMismatch, Severity.Critical, "NMVS_FE_LOT_13");

        Assert.Equal($"The label says lot {lot}, but this pack was made in lot LOT42.", message);
    }

    [Fact]
    public void Silent_when_the_lot_matches()
    {
        Assert.Null(LotMismatchRule.Check(Labelled("LOT42")));
    }

    [Fact]
    public void Silent_when_the_label_has_no_lot()
    {
        Assert.Null(LotMismatchRule.Check(Labelled(null)));
    }

    [Fact]
    public void Silent_for_an_unknown_serial()
    {
        Assert.Null(LotMismatchRule.Check(Labelled("LOT43") with { Pack = null, Lot = null }));
    }

    [Theory]
    [InlineData(PackStatus.Dispensed)]
    [InlineData(PackStatus.Stolen)]
    public void Fires_whatever_the_packs_status(PackStatus status)
    {
        Assert.NotNull(LotMismatchRule.Check(Labelled("LOT43") with { Pack = Pack(status, Pharmacy) }));
    }
}
