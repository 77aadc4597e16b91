using DrugTrace.Domain.Alerts;
using DrugTrace.Domain.Alerts.Rules;
using DrugTrace.Domain.Packs;
using static DrugTrace.Domain.Tests.Alerts.Rules.RuleFacts;

namespace DrugTrace.Domain.Tests.Alerts.Rules;

public class StolenPackRuleTests
{
    public static TheoryData<PackAction> Actions => [.. AllActions];

    public static TheoryData<PackStatus> NotStolen => [.. Enum.GetValues<PackStatus>().Where(s => s != PackStatus.Stolen)];

    [Theory]
    [MemberData(nameof(Actions))]
    public void Fires_for_a_stolen_pack_whatever_is_asked_of_it(PackAction action)
    {
        var stolen = Pack(PackStatus.Stolen, Wholesaler, changedAt: new DateTimeOffset(2026, 2, 1, 23, 30, 0, TimeSpan.FromHours(-5)));

        var message = AssertFinding(StolenPackRule.Check(Facts(action, Pharmacy, stolen)), AlertKind.StolenPack, Severity.Critical, null);

        // The date is the UTC day of the report.
        Assert.Equal("This pack was reported stolen on 2026-02-02. Do not supply it; keep it aside.", message);
    }

    [Fact]
    public void Fires_for_the_party_that_reported_it_and_for_the_public()
    {
        var stolen = Pack(PackStatus.Stolen, Wholesaler);
        Assert.NotNull(StolenPackRule.Check(Facts(PackAction.Verify, Wholesaler, stolen)));
        Assert.NotNull(StolenPackRule.Check(Facts(PackAction.Verify, null, stolen)));
    }

    [Theory]
    [MemberData(nameof(NotStolen))]
    public void Silent_for_every_other_status(PackStatus status)
    {
        Assert.Null(StolenPackRule.Check(Facts(PackAction.Dispense, Pharmacy, Pack(status, Pharmacy))));
    }

    [Fact]
    public void Silent_for_an_unknown_pack()
    {
        Assert.Null(StolenPackRule.Check(Facts(PackAction.Verify, Pharmacy, null)));
    }
}
