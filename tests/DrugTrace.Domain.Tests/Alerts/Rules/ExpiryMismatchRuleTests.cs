using DrugTrace.Domain.Alerts;
using DrugTrace.Domain.Alerts.Rules;
using DrugTrace.Domain.Packs;
using static DrugTrace.Domain.Tests.Alerts.Rules.RuleFacts;

namespace DrugTrace.Domain.Tests.Alerts.Rules;

public class ExpiryMismatchRuleTests
{
    private static ScanFacts Labelled(DateOnly? expiry) =>
        Facts(PackAction.Dispense, Pharmacy, Pack(PackStatus.Active, Pharmacy)) with { Scanned = Scanned(expiry: expiry, noExpiry: expiry is null) };

    [Theory]
    [InlineData(2027, 7, 1)]
    [InlineData(2027, 6, 29)]
    [InlineData(2028, 6, 30)]
    public void Fires_when_the_label_names_another_expiry(int year, int month, int day)
    {
        var expiry = new DateOnly(year, month, day);

        var message = AssertFinding(ExpiryMismatchRule.Check(Labelled(expiry)), AlertKind.ExpiryMismatch, Severity.Critical, "NMVS_FE_LOT_12");

        Assert.Equal($"The label says expiry {expiry:yyyy-MM-dd}, but this pack's lot expires 2027-06-30.", message);
    }

    [Fact]
    public void Silent_when_the_expiry_matches()
    {
        Assert.Null(ExpiryMismatchRule.Check(Labelled(Expiry)));
    }

    [Fact]
    public void Silent_when_the_label_has_no_expiry()
    {
        Assert.Null(ExpiryMismatchRule.Check(Labelled(null)));
    }

    [Fact]
    public void Silent_for_an_unknown_serial()
    {
        Assert.Null(ExpiryMismatchRule.Check(Labelled(new DateOnly(2027, 7, 1)) with { Pack = null, Lot = null }));
    }
}
