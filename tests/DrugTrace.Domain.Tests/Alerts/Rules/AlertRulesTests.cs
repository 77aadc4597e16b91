using DrugTrace.Domain.Alerts;
using DrugTrace.Domain.Alerts.Rules;
using DrugTrace.Domain.Packs;
using static DrugTrace.Domain.Tests.Alerts.Rules.RuleFacts;

namespace DrugTrace.Domain.Tests.Alerts.Rules;

public class AlertRulesTests
{
    private static readonly DateTimeOffset AfterExpiry = new(2027, 8, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_genuine_pack_as_labelled_passes_authenticity()
    {
        Assert.Empty(AlertRules.CheckAuthenticity(Facts(PackAction.Dispense, Pharmacy, Pack(PackStatus.Active, Pharmacy))));
    }

    [Fact]
    public void An_unknown_product_is_reported_alone()
    {
        var facts = Facts(PackAction.Verify, Pharmacy, null) with { ProductName = null, ScannedLotRegistered = false };

        Assert.Equal([AlertKind.UnknownProduct], AlertRules.CheckAuthenticity(facts).Select(f => f.Kind));
    }

    [Fact]
    public void Authenticity_reports_every_problem_in_table_order()
    {
        var unknown = Facts(PackAction.Dispense, Pharmacy, null) with { Scanned = Scanned("NOSUCH", "FAKE1"), ScannedLotRegistered = false };
        Assert.Equal([AlertKind.UnknownSerial, AlertKind.UnknownLot], AlertRules.CheckAuthenticity(unknown).Select(f => f.Kind));

        // Even for a handoff: a forged label is reported in full.
        var relabelled = Facts(PackAction.Dispense, Pharmacy, Pack(PackStatus.Active, Pharmacy))
            with { Scanned = Scanned(lot: "LOT43", expiry: new DateOnly(2028, 1, 31)) };
        Assert.Equal([AlertKind.LotMismatch, AlertKind.ExpiryMismatch], AlertRules.CheckAuthenticity(relabelled).Select(f => f.Kind));
    }

    [Fact]
    public void Authenticity_ignores_the_packs_state()
    {
        var facts = Facts(PackAction.Dispense, OtherPharmacy, Pack(PackStatus.Stolen, Pharmacy), RecalledLot, AfterExpiry);
        Assert.Empty(AlertRules.CheckAuthenticity(facts));
    }

    [Fact]
    public void A_verification_reports_every_state_finding_in_table_order()
    {
        // Held by another party, of a recalled lot, past its expiry.
        var facts = Facts(PackAction.Verify, OtherPharmacy, Pack(PackStatus.Active, Pharmacy), RecalledLot, AfterExpiry);

        Assert.Equal([AlertKind.CustodyException, AlertKind.Recalled, AlertKind.Expired], AlertRules.CheckState(facts).Select(f => f.Kind));
    }

    [Fact]
    public void A_handoff_reports_only_the_first_state_finding()
    {
        var facts = Facts(PackAction.Dispense, OtherPharmacy, Pack(PackStatus.Active, Pharmacy), RecalledLot, AfterExpiry);
        Assert.Equal([AlertKind.CustodyMismatch], AlertRules.CheckState(facts).Select(f => f.Kind));

        var ownPack = Facts(PackAction.Dispense, Pharmacy, Pack(PackStatus.Active, Pharmacy), RecalledLot, AfterExpiry);
        Assert.Equal([AlertKind.Recalled], AlertRules.CheckState(ownPack).Select(f => f.Kind));

        var expiredOnly = Facts(PackAction.Dispense, Pharmacy, Pack(PackStatus.Active, Pharmacy), Lot, AfterExpiry);
        Assert.Equal([AlertKind.Expired], AlertRules.CheckState(expiredOnly).Select(f => f.Kind));
    }

    [Fact]
    public void Stolen_comes_before_everything_else()
    {
        var facts = Facts(PackAction.Dispense, OtherPharmacy, Pack(PackStatus.Stolen, Pharmacy), RecalledLot, AfterExpiry);
        Assert.Equal([AlertKind.StolenPack], AlertRules.CheckState(facts).Select(f => f.Kind));
    }

    [Fact]
    public void Already_inactive_comes_before_custody()
    {
        var facts = Facts(PackAction.Ship, Wholesaler, Pack(PackStatus.Dispensed, Pharmacy), RecalledLot, AfterExpiry);
        Assert.Equal([AlertKind.AlreadyInactive], AlertRules.CheckState(facts).Select(f => f.Kind));
    }

    [Fact]
    public void An_undo_by_another_party_is_refused_before_recall_and_expiry()
    {
        var dispensed = Pack(PackStatus.Dispensed, Pharmacy);
        var byOther = Facts(PackAction.UndoDispense, OtherPharmacy, dispensed, RecalledLot, AfterExpiry);
        Assert.Equal([AlertKind.UndoRefused], AlertRules.CheckState(byOther).Select(f => f.Kind));

        // Within the window, by the dispensing pharmacy: the recall is what stops it.
        var inTime = Facts(PackAction.UndoDispense, Pharmacy, Pack(PackStatus.Dispensed, Pharmacy, changedAt: Now.AddDays(-1)), RecalledLot);
        Assert.Equal([AlertKind.Recalled], AlertRules.CheckState(inTime).Select(f => f.Kind));
    }

    [Fact]
    public void A_healthy_pack_has_no_state_findings()
    {
        Assert.Empty(AlertRules.CheckState(Facts(PackAction.Verify, Pharmacy, Pack(PackStatus.Active, Pharmacy))));
        Assert.Empty(AlertRules.CheckState(Facts(PackAction.Dispense, Pharmacy, Pack(PackStatus.Active, Pharmacy))));
    }

    [Fact]
    public void Only_verify_is_not_a_handoff()
    {
        Assert.All(AllActions, a => Assert.Equal(a != PackAction.Verify, Facts(a, Pharmacy, null).IsHandoff));
    }
}
