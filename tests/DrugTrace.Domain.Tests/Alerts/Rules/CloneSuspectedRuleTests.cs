using DrugTrace.Domain.Alerts;
using DrugTrace.Domain.Alerts.Rules;
using DrugTrace.Domain.Packs;
using DrugTrace.Domain.Parties;
using static DrugTrace.Domain.Tests.Alerts.Rules.RuleFacts;

namespace DrugTrace.Domain.Tests.Alerts.Rules;

/// <summary>CloneSuspected is kept for what custody cannot explain: a pack that left the chain elsewhere, or one seen at two unlinked parties within the window.</summary>
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
    public void Silent_for_a_pack_still_in_the_chain_and_seen_nowhere_else_or_stolen_which_have_their_own_answers(PackStatus status) =>
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

    private static Finding? VerifySeen(Party actor, PackState pack, params (Party Party, int MinutesAgo)[] seen) =>
        CloneSuspectedRule.Check(Facts(PackAction.Verify, actor, pack) with
        {
            RecentSightings = [.. seen.Select(s => new Sighting(Now.AddMinutes(-s.MinutesAgo), s.Party.Gln))],
        });

    [Fact]
    public void Fires_when_a_party_verifies_a_pack_its_custodian_just_scanned_in_stock()
    {
        var message = AssertFinding(VerifySeen(OtherPharmacy, Pack(PackStatus.Active, Pharmacy), (Pharmacy, 12)),
            AlertKind.CloneSuspected, Severity.Critical, null);
        Assert.Equal("The party that holds this serial in stock scanned it 12 minutes ago, yet it is scanned here too: "
            + "the pack in your hand or that one may be a copy. Keep this pack aside.", message);
    }

    [Fact]
    public void Fires_when_a_pack_held_elsewhere_is_seen_at_two_other_parties()
    {
        var message = AssertFinding(VerifySeen(OtherPharmacy, Pack(PackStatus.Active, Wholesaler), (Pharmacy, 3)),
            AlertKind.CloneSuspected, Severity.Critical, null);
        Assert.StartsWith("Another party scanned this serial 3 minutes ago, yet", message);
        Assert.DoesNotContain("Corner Pharmacy", message);
        Assert.DoesNotContain(Pharmacy.Gln, message);
    }

    [Fact]
    public void Fires_for_the_custodian_when_an_uninvolved_party_scanned_its_pack_just_before()
    {
        var message = AssertFinding(VerifySeen(Pharmacy, Pack(PackStatus.Active, Pharmacy), (OtherPharmacy, 90)),
            AlertKind.CloneSuspected, Severity.Critical, null);
        Assert.StartsWith("Another party scanned this serial 90 minutes ago while the ledger places it with you", message);
        Assert.DoesNotContain("High Street", message);
    }

    [Fact]
    public void Silent_when_custody_links_the_two_sightings()
    {
        // Sender and recipient of a recorded shipment both handle the pack: custody explains it.
        var inTransit = Pack(PackStatus.InTransit, Wholesaler, shipTo: Pharmacy);
        Assert.Null(VerifySeen(Pharmacy, inTransit, (Wholesaler, 5)));
        Assert.Null(VerifySeen(Wholesaler, inTransit, (Pharmacy, 5)));
        // One's own earlier scans are no second party.
        Assert.Null(VerifySeen(OtherPharmacy, Pack(PackStatus.Active, Pharmacy), (OtherPharmacy, 1)));
        // Seen once elsewhere, nothing else: a custody exception, not a clone.
        Assert.Null(VerifySeen(OtherPharmacy, Pack(PackStatus.Active, Pharmacy)));
    }

    [Fact]
    public void Sightings_do_not_turn_a_handoff_into_a_clone() =>
        Assert.Null(CloneSuspectedRule.Check(Facts(PackAction.Receive, OtherPharmacy, Pack(PackStatus.Active, Pharmacy)) with
        {
            RecentSightings = [new Sighting(Now.AddMinutes(-1), Pharmacy.Gln)],
        }));

    [Fact]
    public void Silent_for_an_unknown_pack() => Assert.Null(CloneSuspectedRule.Check(Facts(PackAction.Verify, Pharmacy, null)));

    [Fact]
    public void A_pack_that_left_the_chain_elsewhere_is_to_be_kept_aside()
    {
        var message = Verify(OtherPharmacy, Pack(PackStatus.Dispensed, Pharmacy))!.Message;
        Assert.EndsWith(", yet it is scanned here: the pack in your hand or that one may be a copy. Keep this pack aside.", message, StringComparison.Ordinal);
    }
}
