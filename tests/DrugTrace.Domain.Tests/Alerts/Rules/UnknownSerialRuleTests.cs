using DrugTrace.Domain.Alerts;
using DrugTrace.Domain.Alerts.Rules;
using DrugTrace.Domain.Packs;
using static DrugTrace.Domain.Tests.Alerts.Rules.RuleFacts;

namespace DrugTrace.Domain.Tests.Alerts.Rules;

public class UnknownSerialRuleTests
{
    public static TheoryData<PackAction> Actions => [.. AllActions];

    [Theory]
    [MemberData(nameof(Actions))]
    public void Fires_for_a_known_product_whose_serial_was_never_commissioned(PackAction action)
    {
        var facts = Facts(action, Pharmacy, null) with { Scanned = Scanned("NOSUCH9") };

        var message = AssertFinding(UnknownSerialRule.Check(facts), AlertKind.UnknownSerial, Severity.Critical, "NMVS_NC_PC_02");

        Assert.Equal($"{Product}: serial NOSUCH9 was never commissioned. This pack may be falsified.", message);
    }

    [Fact]
    public void Fires_whether_or_not_the_scanned_lot_is_registered()
    {
        var facts = Facts(PackAction.Verify, Pharmacy, null);
        Assert.NotNull(UnknownSerialRule.Check(facts with { ScannedLotRegistered = true }));
        Assert.NotNull(UnknownSerialRule.Check(facts with { ScannedLotRegistered = false }));
    }

    [Fact]
    public void Silent_for_a_commissioned_pack()
    {
        Assert.Null(UnknownSerialRule.Check(Facts(PackAction.Verify, Pharmacy, Pack(PackStatus.Active, Pharmacy))));
    }

    [Fact]
    public void Silent_for_an_unknown_product_which_is_its_own_alert()
    {
        Assert.Null(UnknownSerialRule.Check(Facts(PackAction.Verify, Pharmacy, null) with { ProductName = null }));
    }

    [Fact]
    public void Silent_when_nothing_was_scanned()
    {
        Assert.Null(UnknownSerialRule.Check(Facts(PackAction.Verify, Pharmacy, null) with { Scanned = null }));
    }
}
