using DrugTrace.Domain.Alerts;
using DrugTrace.Domain.Alerts.Rules;
using DrugTrace.Domain.Packs;
using DrugTrace.Domain.Parties;
using static DrugTrace.Domain.Tests.Alerts.Rules.RuleFacts;

namespace DrugTrace.Domain.Tests.Alerts.Rules;

/// <summary>CloneSuspected is kept for what custody cannot explain: a pack that left the chain elsewhere, scanned again.</summary>
public class CloneSuspectedRuleTests
{
    private static Finding? Verify(Party? actor, PackState pack) => CloneSuspectedRule.Check(Facts(PackAction.Verify, actor, pack));

    [Theory]
    [InlineData(PackStatus.Dispensed)]
    [InlineData(PackStatus.Destroyed)]
    [InlineData(PackStatus.Exported)]
    [InlineData(PackStatus.Illegitimate)]
    public void Fires_when_a_pack_that_left_the_chain_elsewhere_is_verified(PackStatus status)
    {
        var message = AssertFinding(Verify(OtherPharmacy, Pack(status, Pharmacy)), AlertKind.CloneSuspected, Severity.Critical, null);
        Assert.Contains("elsewhere", message);
        Assert.DoesNotContain("Corner Pharmacy", message);
        Assert.DoesNotContain(Pharmacy.Gln, message);
    }

    [Fact]
    public void Silent_for_the_party_that_dispensed_it() => Assert.Null(Verify(Pharmacy, Pack(PackStatus.Dispensed, Pharmacy)));

    [Theory]
    [InlineData(PackStatus.Active)]
    [InlineData(PackStatus.InTransit)]
    [InlineData(PackStatus.Stolen)]
    public void Silent_for_a_pack_still_in_the_chain_or_stolen_which_have_their_own_answers(PackStatus status) =>
        Assert.Null(Verify(OtherPharmacy, Pack(status, Pharmacy, shipTo: status == PackStatus.InTransit ? Wholesaler : null)));

    [Fact]
    public void Silent_for_manufacturers_regulators_and_the_public()
    {
        var pack = Pack(PackStatus.Dispensed, Pharmacy);
        Assert.Null(Verify(Maker, pack));
        Assert.Null(Verify(Regulator, pack));
        Assert.Null(Verify(null, pack));
    }

    [Theory]
    [InlineData(PackAction.Receive)]
    [InlineData(PackAction.Dispense)]
    public void Silent_for_handoffs_which_are_answered_already_inactive(PackAction action) =>
        Assert.Null(CloneSuspectedRule.Check(Facts(action, OtherPharmacy, Pack(PackStatus.Dispensed, Pharmacy))));

    [Fact]
    public void Silent_for_an_unknown_pack() => Assert.Null(CloneSuspectedRule.Check(Facts(PackAction.Verify, Pharmacy, null)));
}
