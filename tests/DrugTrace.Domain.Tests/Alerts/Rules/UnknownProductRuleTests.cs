using DrugTrace.Domain.Alerts;
using DrugTrace.Domain.Alerts.Rules;
using DrugTrace.Domain.Packs;
using static DrugTrace.Domain.Tests.Alerts.Rules.RuleFacts;

namespace DrugTrace.Domain.Tests.Alerts.Rules;

public class UnknownProductRuleTests
{
    public static TheoryData<PackAction> Actions => [.. AllActions];

    [Theory]
    [MemberData(nameof(Actions))]
    public void Fires_for_an_unregistered_gtin_whatever_the_action(PackAction action)
    {
        var facts = Facts(action, Pharmacy, null) with { ProductName = null };

        var message = AssertFinding(UnknownProductRule.Check(facts), AlertKind.UnknownProduct, Severity.Critical, "NMVS_NC_PC_01");

        Assert.Equal($"GTIN {Gtin} is not a registered product. This pack may be falsified.", message);
    }

    [Fact]
    public void Fires_for_a_member_of_the_public_too()
    {
        Assert.NotNull(UnknownProductRule.Check(Facts(PackAction.Verify, null, null) with { ProductName = null }));
    }

    [Fact]
    public void Silent_for_a_registered_product_even_if_the_serial_is_unknown()
    {
        Assert.Null(UnknownProductRule.Check(Facts(PackAction.Verify, Pharmacy, null)));
    }

    [Fact]
    public void Silent_when_nothing_was_scanned()
    {
        Assert.Null(UnknownProductRule.Check(Facts(PackAction.Verify, Pharmacy, null) with { Scanned = null, ProductName = null }));
    }
}
