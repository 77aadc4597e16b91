using DrugTrace.Domain.Alerts;
using DrugTrace.Domain.Alerts.Rules;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Packs;
using DrugTrace.Domain.Parties;

namespace DrugTrace.Domain.Tests.Packs;

public class PackLifecycleTests
{
    private const string Gtin = "09506000134352";

    private static readonly Party Maker = new("4012345000009", "Acme Pharma", PartyRole.Manufacturer);
    private static readonly Party OtherMaker = new("4012345000016", "Other Pharma", PartyRole.Manufacturer);
    private static readonly Party Wholesaler = new("4098765000001", "Big Wholesale", PartyRole.Wholesaler);
    private static readonly Party OtherWholesaler = new("4098765000018", "Other Wholesale", PartyRole.Wholesaler);
    private static readonly Party Pharmacy = new("4055555000003", "Corner Pharmacy", PartyRole.Pharmacy);
    private static readonly Party OtherPharmacy = new("4055555000010", "High Street Pharmacy", PartyRole.Pharmacy);
    private static readonly Party Regulator = new("4000000000009", "Medicines Agency", PartyRole.Regulator);

    private static readonly DateOnly Expiry = new(2027, 6, 30);
    private static readonly DateTimeOffset Commissioned = new(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = new(2026, 3, 14, 10, 0, 0, TimeSpan.Zero);

    private static readonly LotState Lot = new(Gtin, "LOT42", Expiry, Maker.Gln, new ChainHead(0, Hash256.Zero));
    private static readonly LotState RecalledLot = Lot with { RecalledAt = Now.AddDays(-1), RecallReason = "contamination" };

    private static PackState ActiveAt(Party holder, DateTimeOffset? changedAt = null) => new()
    {
        Gtin = Gtin,
        Serial = "SN1",
        Lot = "LOT42",
        Expiry = Expiry,
        Status = PackStatus.Active,
        Custodian = holder.Gln,
        ChangedBy = holder.Gln,
        ChangedAt = changedAt ?? Commissioned,
        Head = new ChainHead(0, Hash256.Zero),
    };

    private static PackState InTransit(Party from, Party to) =>
        ActiveAt(from) with { Status = PackStatus.InTransit, ShipTo = to.Gln };

    private static PackState With(PackStatus status, Party by, DateTimeOffset? at = null) =>
        ActiveAt(by, at) with { Status = status };

    private static Decision.Accepted Accepted(Decision decision) => Assert.IsType<Decision.Accepted>(decision);

    private static void AssertAlert(AlertKind kind, Decision decision)
    {
        var refused = Assert.IsType<Decision.Refused>(decision);
        Assert.NotNull(refused.Finding);
        Assert.Equal(kind, refused.Finding.Kind);
        Assert.Equal(refused.Finding.Message, refused.Message);
    }

    private static Decision.Refused AssertPlainRefusal(Decision decision)
    {
        var refused = Assert.IsType<Decision.Refused>(decision);
        Assert.Null(refused.Finding);
        Assert.False(string.IsNullOrWhiteSpace(refused.Message));
        return refused;
    }

    // ---- IsAllowed -------------------------------------------------------------------------

    [Theory]
    [InlineData(PartyRole.Manufacturer, PackAction.Verify, true)]
    [InlineData(PartyRole.Wholesaler, PackAction.Verify, true)]
    [InlineData(PartyRole.Pharmacy, PackAction.Verify, true)]
    [InlineData(PartyRole.Regulator, PackAction.Verify, true)]
    [InlineData(PartyRole.Manufacturer, PackAction.Ship, true)]
    [InlineData(PartyRole.Wholesaler, PackAction.Ship, true)]
    [InlineData(PartyRole.Pharmacy, PackAction.Ship, false)]
    [InlineData(PartyRole.Regulator, PackAction.Ship, false)]
    [InlineData(PartyRole.Manufacturer, PackAction.Receive, false)]
    [InlineData(PartyRole.Wholesaler, PackAction.Receive, true)]
    [InlineData(PartyRole.Pharmacy, PackAction.Receive, true)]
    [InlineData(PartyRole.Regulator, PackAction.Receive, false)]
    [InlineData(PartyRole.Manufacturer, PackAction.Dispense, false)]
    [InlineData(PartyRole.Wholesaler, PackAction.Dispense, false)]
    [InlineData(PartyRole.Pharmacy, PackAction.Dispense, true)]
    [InlineData(PartyRole.Regulator, PackAction.Dispense, false)]
    [InlineData(PartyRole.Manufacturer, PackAction.UndoDispense, false)]
    [InlineData(PartyRole.Wholesaler, PackAction.UndoDispense, false)]
    [InlineData(PartyRole.Pharmacy, PackAction.UndoDispense, true)]
    [InlineData(PartyRole.Regulator, PackAction.UndoDispense, false)]
    [InlineData(PartyRole.Manufacturer, PackAction.Decommission, true)]
    [InlineData(PartyRole.Wholesaler, PackAction.Decommission, true)]
    [InlineData(PartyRole.Pharmacy, PackAction.Decommission, true)]
    [InlineData(PartyRole.Regulator, PackAction.Decommission, false)]
    [InlineData(PartyRole.Manufacturer, PackAction.Unlock, true)]
    [InlineData(PartyRole.Wholesaler, PackAction.Unlock, true)]
    [InlineData(PartyRole.Pharmacy, PackAction.Unlock, true)]
    [InlineData(PartyRole.Regulator, PackAction.Unlock, false)]
    public void Roles_per_action(PartyRole role, PackAction action, bool allowed)
    {
        Assert.Equal(allowed, PackLifecycle.IsAllowed(role, action));
    }

    [Theory]
    [InlineData(PartyRole.Manufacturer)]
    [InlineData(PartyRole.Wholesaler)]
    [InlineData(PartyRole.Pharmacy)]
    [InlineData(PartyRole.Regulator)]
    public void An_action_that_is_not_a_defined_value_is_allowed_to_no_role(PartyRole role)
    {
        // Default deny: a number cast to PackAction that names no action is refused, not let through.
        Assert.False(PackLifecycle.IsAllowed(role, (PackAction)99));
    }

    [Theory]
    [InlineData(PackAction.Ship)]
    [InlineData(PackAction.Dispense)]
    [InlineData(PackAction.UndoDispense)]
    [InlineData(PackAction.Decommission)]
    public void A_regulator_is_refused_without_an_alert(PackAction action)
    {
        var decision = PackLifecycle.Decide(ActiveAt(Regulator), Lot, new PackCommand(action, Maker.Gln, DecommissionReason.Destroyed), Regulator, Now);

        Assert.Contains("regulator may not", AssertPlainRefusal(decision).Message);
    }

    [Fact]
    public void A_manufacturer_may_not_receive_and_a_wholesaler_may_not_dispense()
    {
        AssertPlainRefusal(PackLifecycle.Decide(InTransit(Wholesaler, Maker), Lot, new PackCommand(PackAction.Receive), Maker, Now));
        AssertPlainRefusal(PackLifecycle.Decide(ActiveAt(Wholesaler), Lot, new PackCommand(PackAction.Dispense), Wholesaler, Now));
        AssertPlainRefusal(PackLifecycle.Decide(ActiveAt(Pharmacy), Lot, new PackCommand(PackAction.Ship, Wholesaler.Gln), Pharmacy, Now));
    }

    // ---- Accepted transitions and Apply ------------------------------------------------------

    private static LedgerEvent EventFor(PackState pack, Decision.Accepted accepted, Party actor, DateTimeOffset at) => EventHasher.Seal(new LedgerEvent
    {
        Stream = StreamKind.Pack,
        Gtin = pack.Gtin,
        Key = pack.Serial,
        Seq = pack.Head.Seq + 1,
        Type = accepted.Type,
        Actor = actor.Gln,
        From = accepted.From,
        To = accepted.To,
        Reason = accepted.Reason,
        OccurredAt = at,
        RecordedAt = at,
        PrevHash = pack.Head.Hash,
    });

    private static PackState Step(PackState pack, PackCommand command, Party actor, DateTimeOffset at)
    {
        var accepted = Accepted(PackLifecycle.Decide(pack, Lot, command, actor, at));
        var e = EventFor(pack, accepted, actor, at);
        var next = PackLifecycle.Apply(pack, e);
        Assert.Equal(new ChainHead(e.Seq, e.Hash), next.Head);
        Assert.Equal(actor.Gln, next.ChangedBy);
        Assert.Equal(at, next.ChangedAt);
        return next;
    }

    private static PackState Commission()
    {
        var e = EventHasher.Seal(new LedgerEvent
        {
            Stream = StreamKind.Pack,
            Gtin = Gtin,
            Key = "SN1",
            Seq = 0,
            Type = EventType.Commissioned,
            Actor = Maker.Gln,
            Lot = "LOT42",
            Expiry = Expiry,
            OccurredAt = Commissioned,
            RecordedAt = Commissioned,
            PrevHash = Hash256.Zero,
        });
        return PackLifecycle.Apply(null, e);
    }

    [Fact]
    public void Commissioning_makes_an_active_pack_at_the_manufacturer()
    {
        var pack = Commission();

        Assert.Equal(PackStatus.Active, pack.Status);
        Assert.Equal(Maker.Gln, pack.Custodian);
        Assert.Equal(("LOT42", Expiry, "SN1", Gtin), (pack.Lot, pack.Expiry, pack.Serial, pack.Gtin));
        Assert.Null(pack.ShipTo);
        Assert.Equal(0, pack.Head.Seq);
    }

    [Fact]
    public void Full_journey_from_manufacturer_to_patient_and_back()
    {
        var t = Now;
        var pack = Commission();

        var decision = Accepted(PackLifecycle.Decide(pack, Lot, new PackCommand(PackAction.Ship, Wholesaler.Gln), Maker, t));
        Assert.Equal(new Decision.Accepted(EventType.Shipped, Maker.Gln, Wholesaler.Gln, null), decision);
        pack = Step(pack, new PackCommand(PackAction.Ship, Wholesaler.Gln), Maker, t);
        Assert.Equal((PackStatus.InTransit, Maker.Gln, Wholesaler.Gln), (pack.Status, pack.Custodian, pack.ShipTo));

        decision = Accepted(PackLifecycle.Decide(pack, Lot, new PackCommand(PackAction.Receive), Wholesaler, t));
        Assert.Equal(new Decision.Accepted(EventType.Received, Maker.Gln, Wholesaler.Gln, null), decision);
        pack = Step(pack, new PackCommand(PackAction.Receive), Wholesaler, t = t.AddHours(1));
        Assert.Equal((PackStatus.Active, Wholesaler.Gln, (string?)null), (pack.Status, pack.Custodian, pack.ShipTo));

        pack = Step(pack, new PackCommand(PackAction.Ship, Pharmacy.Gln), Wholesaler, t = t.AddHours(1));
        pack = Step(pack, new PackCommand(PackAction.Receive), Pharmacy, t = t.AddHours(1));
        Assert.Equal((PackStatus.Active, Pharmacy.Gln), (pack.Status, pack.Custodian));

        decision = Accepted(PackLifecycle.Decide(pack, Lot, new PackCommand(PackAction.Dispense), Pharmacy, t));
        Assert.Equal(new Decision.Accepted(EventType.Dispensed, Pharmacy.Gln, null, null), decision);
        pack = Step(pack, new PackCommand(PackAction.Dispense), Pharmacy, t = t.AddHours(1));
        Assert.Equal((PackStatus.Dispensed, Pharmacy.Gln), (pack.Status, pack.Custodian));

        decision = Accepted(PackLifecycle.Decide(pack, Lot, new PackCommand(PackAction.UndoDispense), Pharmacy, t.AddDays(1)));
        Assert.Equal(new Decision.Accepted(EventType.DispenseUndone, null, Pharmacy.Gln, null), decision);
        pack = Step(pack, new PackCommand(PackAction.UndoDispense), Pharmacy, t.AddDays(1));
        Assert.Equal((PackStatus.Active, Pharmacy.Gln), (pack.Status, pack.Custodian));
        Assert.Equal(6, pack.Head.Seq);
    }

    [Theory]
    [InlineData(DecommissionReason.Destroyed, "destroyed", PackStatus.Destroyed)]
    [InlineData(DecommissionReason.Stolen, "stolen", PackStatus.Stolen)]
    [InlineData(DecommissionReason.Sample, "sample", PackStatus.Sample)]
    [InlineData(DecommissionReason.FreeSample, "free-sample", PackStatus.FreeSample)]
    [InlineData(DecommissionReason.Exported, "exported", PackStatus.Exported)]
    [InlineData(DecommissionReason.Locked, "locked", PackStatus.Locked)]
    public void Decommission_with_each_reason(DecommissionReason reason, string text, PackStatus status)
    {
        var pack = ActiveAt(Wholesaler);
        var command = new PackCommand(PackAction.Decommission, Reason: reason);

        var decision = Accepted(PackLifecycle.Decide(pack, Lot, command, Wholesaler, Now));
        Assert.Equal(new Decision.Accepted(EventType.Decommissioned, Wholesaler.Gln, null, text), decision);

        var next = Step(pack, command, Wholesaler, Now);
        Assert.Equal(status, next.Status);
        Assert.Equal(Wholesaler.Gln, next.Custodian);
    }

    [Fact]
    public void Decommission_is_allowed_for_a_recalled_lot()
    {
        var decision = PackLifecycle.Decide(ActiveAt(Pharmacy), RecalledLot, new PackCommand(PackAction.Decommission, Reason: DecommissionReason.Destroyed), Pharmacy, Now);

        Assert.Equal("destroyed", Accepted(decision).Reason);
    }

    [Fact]
    public void Lock_then_unlock_by_the_same_party()
    {
        var locked = Step(ActiveAt(Pharmacy), new PackCommand(PackAction.Decommission, Reason: DecommissionReason.Locked), Pharmacy, Now);
        Assert.Equal(PackStatus.Locked, locked.Status);

        var decision = Accepted(PackLifecycle.Decide(locked, Lot, new PackCommand(PackAction.Unlock), Pharmacy, Now.AddDays(30)));
        Assert.Equal(new Decision.Accepted(EventType.Unlocked, null, Pharmacy.Gln, null), decision);

        var unlocked = Step(locked, new PackCommand(PackAction.Unlock), Pharmacy, Now.AddDays(30));
        Assert.Equal((PackStatus.Active, Pharmacy.Gln), (unlocked.Status, unlocked.Custodian));
    }

    [Fact]
    public void The_sender_may_report_a_pack_stolen_in_transit()
    {
        var pack = InTransit(Maker, Wholesaler);
        var command = new PackCommand(PackAction.Decommission, Reason: DecommissionReason.Stolen);

        Assert.Equal("stolen", Accepted(PackLifecycle.Decide(pack, Lot, command, Maker, Now)).Reason);
        var stolen = Step(pack, command, Maker, Now);
        Assert.Equal(PackStatus.Stolen, stolen.Status);
        Assert.Null(stolen.ShipTo);
    }

    [Theory]
    [InlineData(DecommissionReason.Destroyed)]
    [InlineData(DecommissionReason.Sample)]
    [InlineData(DecommissionReason.FreeSample)]
    [InlineData(DecommissionReason.Exported)]
    [InlineData(DecommissionReason.Locked)]
    public void In_transit_a_pack_can_only_be_reported_stolen(DecommissionReason reason)
    {
        var decision = PackLifecycle.Decide(InTransit(Maker, Wholesaler), Lot, new PackCommand(PackAction.Decommission, Reason: reason), Maker, Now);

        Assert.Contains("only be reported stolen", AssertPlainRefusal(decision).Message);
    }

    // ---- Apply errors -------------------------------------------------------------------------

    [Fact]
    public void Apply_refuses_impossible_histories()
    {
        var commissioning = EventHasher.Seal(new LedgerEvent
        {
            Stream = StreamKind.Pack, Gtin = Gtin, Key = "SN1", Seq = 0, Type = EventType.Commissioned, Actor = Maker.Gln,
            Lot = "LOT42", Expiry = Expiry, OccurredAt = Now, RecordedAt = Now, PrevHash = Hash256.Zero,
        });
        var pack = PackLifecycle.Apply(null, commissioning);

        Assert.Throws<InvalidOperationException>(() => PackLifecycle.Apply(pack, commissioning));
        Assert.Throws<InvalidOperationException>(() => PackLifecycle.Apply(null, commissioning with { Type = EventType.Shipped }));
        Assert.Throws<InvalidOperationException>(() => PackLifecycle.Apply(null, commissioning with { Lot = null }));
        Assert.Throws<InvalidOperationException>(() => PackLifecycle.Apply(null, commissioning with { Expiry = null }));
        Assert.Throws<InvalidOperationException>(() => PackLifecycle.Apply(pack, commissioning with { Seq = 1, Type = EventType.LotRecalled }));
        Assert.Throws<InvalidOperationException>(() => PackLifecycle.Apply(pack, commissioning with { Seq = 1, Type = EventType.Decommissioned, Reason = "lost" }));
        Assert.Throws<ArgumentException>(() => PackLifecycle.Apply(pack, commissioning with { Stream = StreamKind.Lot }));
    }

    // ---- Stolen, recalled, expired ------------------------------------------------------------

    // Roles, not parties, as theory data: enums are serialisable, so each row is a test case of its own and no
    // Domain code runs while the tests are discovered (Stryker's per-test coverage needs both).
    public static TheoryData<PackAction, PartyRole> EveryActionByAnAllowedParty() => new()
    {
        { PackAction.Verify, PartyRole.Pharmacy },
        { PackAction.Ship, PartyRole.Wholesaler },
        { PackAction.Receive, PartyRole.Pharmacy },
        { PackAction.Dispense, PartyRole.Pharmacy },
        { PackAction.UndoDispense, PartyRole.Pharmacy },
        { PackAction.Decommission, PartyRole.Pharmacy },
        { PackAction.Unlock, PartyRole.Pharmacy },
    };

    [Theory]
    [MemberData(nameof(EveryActionByAnAllowedParty))]
    public void A_stolen_pack_raises_StolenPack_for_any_action(PackAction action, PartyRole role)
    {
        var actor = Pharmacy with { Role = role };
        var stolen = With(PackStatus.Stolen, actor);

        var decision = PackLifecycle.Decide(stolen, Lot, new PackCommand(action, Maker.Gln, DecommissionReason.Destroyed), actor, Now);

        AssertAlert(AlertKind.StolenPack, decision);
        Assert.Equal(Severity.Critical, ((Decision.Refused)decision).Finding!.Severity);
    }

    [Fact]
    public void A_recalled_lot_blocks_ship_receive_dispense_and_undo()
    {
        AssertAlert(AlertKind.Recalled, PackLifecycle.Decide(ActiveAt(Maker), RecalledLot, new PackCommand(PackAction.Ship, Wholesaler.Gln), Maker, Now));
        AssertAlert(AlertKind.Recalled, PackLifecycle.Decide(InTransit(Maker, Wholesaler), RecalledLot, new PackCommand(PackAction.Receive), Wholesaler, Now));
        AssertAlert(AlertKind.Recalled, PackLifecycle.Decide(ActiveAt(Pharmacy), RecalledLot, new PackCommand(PackAction.Dispense), Pharmacy, Now));
        AssertAlert(AlertKind.Recalled, PackLifecycle.Decide(With(PackStatus.Dispensed, Pharmacy, Now.AddDays(-1)), RecalledLot, new PackCommand(PackAction.UndoDispense), Pharmacy, Now));
    }

    [Fact]
    public void Recall_message_gives_the_reason()
    {
        var refused = Assert.IsType<Decision.Refused>(PackLifecycle.Decide(ActiveAt(Pharmacy), RecalledLot, new PackCommand(PackAction.Dispense), Pharmacy, Now));

        Assert.Equal("Lot LOT42 has been recalled: contamination. Do not supply it.", refused.Message);
    }

    [Fact]
    public void Expired_pack_cannot_be_dispensed_but_the_expiry_day_itself_is_valid()
    {
        var pack = ActiveAt(Pharmacy);
        var lastMinuteOfExpiryDay = new DateTimeOffset(2027, 6, 30, 23, 59, 59, TimeSpan.Zero);
        var dayAfter = new DateTimeOffset(2027, 7, 1, 0, 0, 0, TimeSpan.Zero);

        Accepted(PackLifecycle.Decide(pack, Lot, new PackCommand(PackAction.Dispense), Pharmacy, lastMinuteOfExpiryDay));
        AssertAlert(AlertKind.Expired, PackLifecycle.Decide(pack, Lot, new PackCommand(PackAction.Dispense), Pharmacy, dayAfter));
        Assert.Equal("This pack expired on 2027-06-30.", ((Decision.Refused)PackLifecycle.Decide(pack, Lot, new PackCommand(PackAction.Dispense), Pharmacy, dayAfter)).Message);
    }

    [Fact]
    public void Expiry_is_judged_on_the_utc_date()
    {
        var pack = ActiveAt(Pharmacy);

        // 1 July 01:00 in Paris is still 30 June in UTC.
        Assert.False(PackLifecycle.IsExpired(pack, new DateTimeOffset(2027, 7, 1, 1, 0, 0, TimeSpan.FromHours(2))));
        Assert.True(PackLifecycle.IsExpired(pack, new DateTimeOffset(2027, 7, 1, 3, 0, 0, TimeSpan.FromHours(2))));
        // 30 June 20:00 in New York is already 1 July in UTC.
        Assert.True(PackLifecycle.IsExpired(pack, new DateTimeOffset(2027, 6, 30, 20, 0, 0, TimeSpan.FromHours(-4))));
    }

    [Fact]
    public void Expired_pack_cannot_be_put_back_into_stock()
    {
        var dispensed = With(PackStatus.Dispensed, Pharmacy, new DateTimeOffset(2027, 6, 29, 12, 0, 0, TimeSpan.Zero));

        Accepted(PackLifecycle.Decide(dispensed, Lot, new PackCommand(PackAction.UndoDispense), Pharmacy, new DateTimeOffset(2027, 6, 30, 12, 0, 0, TimeSpan.Zero)));
        AssertAlert(AlertKind.Expired, PackLifecycle.Decide(dispensed, Lot, new PackCommand(PackAction.UndoDispense), Pharmacy, new DateTimeOffset(2027, 7, 1, 12, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void An_expired_pack_may_still_be_shipped_back_or_destroyed()
    {
        var expiredNow = new DateTimeOffset(2027, 8, 1, 0, 0, 0, TimeSpan.Zero);

        Accepted(PackLifecycle.Decide(ActiveAt(Pharmacy with { Role = PartyRole.Wholesaler }), Lot, new PackCommand(PackAction.Ship, Maker.Gln), Pharmacy with { Role = PartyRole.Wholesaler }, expiredNow));
        Accepted(PackLifecycle.Decide(ActiveAt(Pharmacy), Lot, new PackCommand(PackAction.Decommission, Reason: DecommissionReason.Destroyed), Pharmacy, expiredNow));
    }

    // ---- Undo ----------------------------------------------------------------------------------

    [Fact]
    public void Undo_by_another_pharmacy_is_UndoRefused()
    {
        var dispensed = With(PackStatus.Dispensed, Pharmacy, Now.AddDays(-1));

        AssertAlert(AlertKind.UndoRefused, PackLifecycle.Decide(dispensed, Lot, new PackCommand(PackAction.UndoDispense), OtherPharmacy, Now));
    }

    [Fact]
    public void Undo_is_allowed_up_to_exactly_10_days()
    {
        var dispensedAt = new DateTimeOffset(2026, 3, 1, 9, 15, 0, TimeSpan.Zero);
        var dispensed = With(PackStatus.Dispensed, Pharmacy, dispensedAt);
        var undo = new PackCommand(PackAction.UndoDispense);

        Accepted(PackLifecycle.Decide(dispensed, Lot, undo, Pharmacy, new DateTimeOffset(2026, 3, 11, 9, 15, 0, TimeSpan.Zero)));
        var late = PackLifecycle.Decide(dispensed, Lot, undo, Pharmacy, new DateTimeOffset(2026, 3, 11, 9, 15, 0, 1, TimeSpan.Zero));

        AssertAlert(AlertKind.UndoRefused, late);
        Assert.Contains("dispensed on 2026-03-01", ((Decision.Refused)late).Message);
    }

    [Theory]
    [InlineData(PackStatus.Active)]
    [InlineData(PackStatus.InTransit)]
    [InlineData(PackStatus.Destroyed)]
    [InlineData(PackStatus.Locked)]
    public void Only_a_dispensed_pack_can_be_put_back(PackStatus status)
    {
        AssertPlainRefusal(PackLifecycle.Decide(With(status, Pharmacy), Lot, new PackCommand(PackAction.UndoDispense), Pharmacy, Now));
    }

    // ---- Custody -------------------------------------------------------------------------------

    [Fact]
    public void Receiving_a_pack_shipped_to_someone_else_is_CustodyMismatch()
    {
        var decision = PackLifecycle.Decide(InTransit(Maker, Wholesaler), Lot, new PackCommand(PackAction.Receive), OtherWholesaler, Now);

        AssertAlert(AlertKind.CustodyMismatch, decision);
        Assert.DoesNotContain(Wholesaler.Gln, ((Decision.Refused)decision).Message);
    }

    [Fact]
    public void Receiving_a_pack_never_shipped_is_CustodyMismatch()
    {
        AssertAlert(AlertKind.CustodyMismatch, PackLifecycle.Decide(ActiveAt(Wholesaler), Lot, new PackCommand(PackAction.Receive), Pharmacy, Now));
    }

    [Fact]
    public void Receiving_a_pack_already_in_stock_is_a_plain_mistake()
    {
        AssertPlainRefusal(PackLifecycle.Decide(ActiveAt(Pharmacy), Lot, new PackCommand(PackAction.Receive), Pharmacy, Now));
    }

    [Fact]
    public void Dispensing_another_pharmacys_pack_is_CustodyMismatch()
    {
        var decision = PackLifecycle.Decide(ActiveAt(Pharmacy), Lot, new PackCommand(PackAction.Dispense), OtherPharmacy, Now);

        AssertAlert(AlertKind.CustodyMismatch, decision);
        Assert.DoesNotContain(Pharmacy.Gln, ((Decision.Refused)decision).Message);
    }

    [Fact]
    public void Dispensing_a_pack_in_transit_to_someone_else_is_CustodyMismatch()
    {
        AssertAlert(AlertKind.CustodyMismatch, PackLifecycle.Decide(InTransit(Wholesaler, OtherPharmacy), Lot, new PackCommand(PackAction.Dispense), Pharmacy, Now));
    }

    [Fact]
    public void Dispensing_a_pack_before_receiving_it_is_a_plain_mistake()
    {
        var refused = AssertPlainRefusal(PackLifecycle.Decide(InTransit(Wholesaler, Pharmacy), Lot, new PackCommand(PackAction.Dispense), Pharmacy, Now));

        Assert.Contains("Receive this pack", refused.Message);
    }

    [Fact]
    public void Shipping_or_decommissioning_someone_elses_stock_is_CustodyMismatch()
    {
        AssertAlert(AlertKind.CustodyMismatch, PackLifecycle.Decide(ActiveAt(Wholesaler), Lot, new PackCommand(PackAction.Ship, Pharmacy.Gln), OtherWholesaler, Now));
        AssertAlert(AlertKind.CustodyMismatch, PackLifecycle.Decide(ActiveAt(Pharmacy), Lot, new PackCommand(PackAction.Decommission, Reason: DecommissionReason.Destroyed), OtherPharmacy, Now));
        AssertAlert(AlertKind.CustodyMismatch, PackLifecycle.Decide(ActiveAt(Maker), Lot, new PackCommand(PackAction.Ship, Wholesaler.Gln), OtherMaker, Now));
    }

    [Fact]
    public void Shipping_a_pack_already_in_transit_is_a_plain_mistake()
    {
        var refused = AssertPlainRefusal(PackLifecycle.Decide(InTransit(Maker, Wholesaler), Lot, new PackCommand(PackAction.Ship, OtherWholesaler.Gln), Maker, Now));

        Assert.Contains($"already on its way to {Wholesaler.Gln}", refused.Message);
    }

    // ---- Already inactive ----------------------------------------------------------------------

    [Theory]
    [InlineData(PackStatus.Dispensed)]
    [InlineData(PackStatus.Destroyed)]
    [InlineData(PackStatus.Sample)]
    [InlineData(PackStatus.FreeSample)]
    [InlineData(PackStatus.Exported)]
    public void Handoff_of_an_inactive_pack_is_AlreadyInactive(PackStatus status)
    {
        var pack = With(status, Pharmacy, Now.AddDays(-2));
        var asWholesaler = Pharmacy with { Role = PartyRole.Wholesaler };

        AssertAlert(AlertKind.AlreadyInactive, PackLifecycle.Decide(pack, Lot, new PackCommand(PackAction.Dispense), Pharmacy, Now));
        AssertAlert(AlertKind.AlreadyInactive, PackLifecycle.Decide(pack, Lot, new PackCommand(PackAction.Dispense), OtherPharmacy, Now));
        AssertAlert(AlertKind.AlreadyInactive, PackLifecycle.Decide(pack, Lot, new PackCommand(PackAction.Receive), OtherPharmacy, Now));
        AssertAlert(AlertKind.AlreadyInactive, PackLifecycle.Decide(pack, Lot, new PackCommand(PackAction.Ship, Maker.Gln), asWholesaler, Now));
        AssertAlert(AlertKind.AlreadyInactive, PackLifecycle.Decide(pack, Lot, new PackCommand(PackAction.Decommission, Reason: DecommissionReason.Destroyed), Pharmacy, Now));
    }

    [Fact]
    public void Already_dispensed_says_by_whom_and_when()
    {
        var pack = With(PackStatus.Dispensed, Pharmacy, new DateTimeOffset(2026, 3, 12, 16, 45, 30, TimeSpan.FromHours(1)));

        var refused = Assert.IsType<Decision.Refused>(PackLifecycle.Decide(pack, Lot, new PackCommand(PackAction.Dispense), OtherPharmacy, Now));

        Assert.Equal(AlertKind.AlreadyInactive, refused.Finding?.Kind);
        Assert.Equal($"This pack was already dispensed by {Pharmacy.Gln} on 2026-03-12 15:45 UTC.", refused.Message);
    }

    // ---- Plain mistakes ------------------------------------------------------------------------

    [Fact]
    public void Ship_to_self_is_a_plain_mistake()
    {
        AssertPlainRefusal(PackLifecycle.Decide(ActiveAt(Maker), Lot, new PackCommand(PackAction.Ship, Maker.Gln), Maker, Now));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Ship_without_recipient_is_a_plain_mistake(string? to)
    {
        AssertPlainRefusal(PackLifecycle.Decide(ActiveAt(Maker), Lot, new PackCommand(PackAction.Ship, to), Maker, Now));
    }

    [Fact]
    public void Decommission_without_reason_is_a_plain_mistake()
    {
        AssertPlainRefusal(PackLifecycle.Decide(ActiveAt(Maker), Lot, new PackCommand(PackAction.Decommission), Maker, Now));
    }

    [Fact]
    public void Unlock_by_another_party_is_a_plain_refusal()
    {
        var locked = With(PackStatus.Locked, Pharmacy);

        var refused = AssertPlainRefusal(PackLifecycle.Decide(locked, Lot, new PackCommand(PackAction.Unlock), OtherPharmacy, Now));

        Assert.Contains("Only the party that locked", refused.Message);
    }

    [Fact]
    public void Unlock_of_a_pack_that_is_not_locked_is_a_plain_refusal()
    {
        AssertPlainRefusal(PackLifecycle.Decide(ActiveAt(Pharmacy), Lot, new PackCommand(PackAction.Unlock), Pharmacy, Now));
    }

    [Fact]
    public void Verify_through_Decide_changes_nothing()
    {
        AssertPlainRefusal(PackLifecycle.Decide(ActiveAt(Pharmacy), Lot, new PackCommand(PackAction.Verify), Regulator, Now));
    }

    [Fact]
    public void A_locked_pack_cannot_be_shipped_or_dispensed_by_its_holder()
    {
        // Locking takes a pack out of supply until it is unlocked; it is not a custody problem.
        var lockedAtWholesaler = With(PackStatus.Locked, Wholesaler);
        var lockedAtPharmacy = With(PackStatus.Locked, Pharmacy);

        Assert.Contains("locked", AssertPlainRefusal(PackLifecycle.Decide(lockedAtWholesaler, Lot, new PackCommand(PackAction.Ship, Pharmacy.Gln), Wholesaler, Now)).Message);
        Assert.Contains("locked", AssertPlainRefusal(PackLifecycle.Decide(lockedAtPharmacy, Lot, new PackCommand(PackAction.Dispense), Pharmacy, Now)).Message);
    }

    // ---- Authenticity and verification --------------------------------------------------------

    [Fact]
    public void Authentic_when_lot_and_expiry_match_or_are_not_scanned()
    {
        var pack = ActiveAt(Pharmacy);

        Assert.Empty(PackLifecycle.CheckAuthenticity(pack, "LOT42", Expiry));
        Assert.Empty(PackLifecycle.CheckAuthenticity(pack, null, null));
    }

    [Fact]
    public void Lot_mismatch_is_reported()
    {
        var finding = Assert.Single(PackLifecycle.CheckAuthenticity(ActiveAt(Pharmacy), "LOT43", Expiry));

        Assert.Equal(AlertKind.LotMismatch, finding.Kind);
        Assert.Equal("The label says lot LOT43, but this pack was made in lot LOT42.", finding.Message);
    }

    [Fact]
    public void Lot_comparison_is_case_sensitive()
    {
        Assert.Equal(AlertKind.LotMismatch, Assert.Single(PackLifecycle.CheckAuthenticity(ActiveAt(Pharmacy), "lot42", null)).Kind);
    }

    [Fact]
    public void Expiry_mismatch_is_reported()
    {
        var finding = Assert.Single(PackLifecycle.CheckAuthenticity(ActiveAt(Pharmacy), null, new DateOnly(2027, 6, 29)));

        Assert.Equal(AlertKind.ExpiryMismatch, finding.Kind);
        Assert.Equal("The label says expiry 2027-06-29, but this pack's lot expires 2027-06-30.", finding.Message);
    }

    [Fact]
    public void Lot_and_expiry_mismatch_are_both_reported()
    {
        var findings = PackLifecycle.CheckAuthenticity(ActiveAt(Pharmacy), "X", new DateOnly(2030, 1, 1));

        Assert.Equal([AlertKind.LotMismatch, AlertKind.ExpiryMismatch], findings.Select(f => f.Kind));
    }

    // A verification's findings, as the scan path asks for them: the state rules on the facts of a verify.
    private static IReadOnlyList<Finding> Verify(PackState pack, LotState lot, DateTimeOffset now) =>
        AlertRules.CheckState(new ScanFacts { Action = PackAction.Verify, Now = now, Pack = pack, Lot = lot });

    [Fact]
    public void Verify_of_a_genuine_active_pack_finds_nothing()
    {
        Assert.Empty(Verify(ActiveAt(Pharmacy), Lot, Now));
        Assert.Empty(Verify(InTransit(Maker, Wholesaler), Lot, Now));
    }

    [Fact]
    public void Verify_reports_stolen_only_as_stolen()
    {
        var finding = Assert.Single(Verify(With(PackStatus.Stolen, Pharmacy), RecalledLot, new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero)));

        Assert.Equal(AlertKind.StolenPack, finding.Kind);
    }

    [Theory]
    [InlineData(PackStatus.Dispensed)]
    [InlineData(PackStatus.Destroyed)]
    [InlineData(PackStatus.Exported)]
    public void Verify_of_an_inactive_pack_is_AlreadyInactive_without_recall_or_expiry(PackStatus status)
    {
        var finding = Assert.Single(Verify(With(status, Pharmacy), RecalledLot, new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero)));

        Assert.Equal(AlertKind.AlreadyInactive, finding.Kind);
    }

    [Fact]
    public void Verify_reports_recall_and_expiry_of_a_pack_in_the_supply_chain()
    {
        var findings = Verify(ActiveAt(Pharmacy), RecalledLot, new DateTimeOffset(2027, 7, 1, 0, 0, 0, TimeSpan.Zero));

        Assert.Equal([AlertKind.Recalled, AlertKind.Expired], findings.Select(f => f.Kind));
        Assert.Equal(AlertKind.Recalled, Assert.Single(Verify(InTransit(Maker, Wholesaler), RecalledLot, Now)).Kind);
        Assert.Equal(AlertKind.Expired, Assert.Single(Verify(With(PackStatus.Locked, Pharmacy), Lot, new DateTimeOffset(2027, 7, 1, 0, 0, 0, TimeSpan.Zero))).Kind);
    }

    // ---- Effective status and reasons ----------------------------------------------------------

    [Theory]
    [InlineData(PackStatus.Active, false, "Active")]
    [InlineData(PackStatus.Active, true, "Recalled")]
    [InlineData(PackStatus.InTransit, true, "Recalled")]
    [InlineData(PackStatus.Locked, true, "Recalled")]
    [InlineData(PackStatus.Dispensed, true, "Dispensed")]
    [InlineData(PackStatus.Destroyed, true, "Destroyed")]
    [InlineData(PackStatus.Stolen, true, "Stolen")]
    [InlineData(PackStatus.FreeSample, false, "FreeSample")]
    public void EffectiveStatus_shows_a_recall_over_packs_still_in_the_chain(PackStatus status, bool recalled, string expected)
    {
        Assert.Equal(expected, PackLifecycle.EffectiveStatus(With(status, Pharmacy), recalled ? RecalledLot : Lot));
    }

    [Theory]
    [InlineData("destroyed", DecommissionReason.Destroyed)]
    [InlineData("Stolen", DecommissionReason.Stolen)]
    [InlineData(" sample ", DecommissionReason.Sample)]
    [InlineData("free-sample", DecommissionReason.FreeSample)]
    [InlineData("FreeSample", DecommissionReason.FreeSample)]
    [InlineData("EXPORTED", DecommissionReason.Exported)]
    [InlineData("locked", DecommissionReason.Locked)]
    public void TryParseReason_accepts_api_and_enum_names(string text, DecommissionReason expected)
    {
        Assert.True(PackLifecycle.TryParseReason(text, out var reason));
        Assert.Equal(expected, reason);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("lost")]
    [InlineData("free sample")]
    [InlineData("0")]
    public void TryParseReason_refuses_anything_else(string? text)
    {
        Assert.False(PackLifecycle.TryParseReason(text, out _));
    }

    [Fact]
    public void Every_reason_text_parses_back_to_its_reason()
    {
        foreach (var reason in Enum.GetValues<DecommissionReason>())
        {
            Assert.True(PackLifecycle.TryParseReason(PackLifecycle.ReasonText(reason), out var parsed));
            Assert.Equal(reason, parsed);
        }
    }
    private static string RefusedText(PackState pack, PackCommand command, Party actor, Func<string?, string>? partyName = null) =>
        Assert.IsType<Decision.Refused>(PackLifecycle.Decide(pack, Lot, command, actor, Now, partyName)).Message;

    private static PackState Quarantined(Party by) => With(PackStatus.Quarantined, by) with { HeldFrom = PackStatus.Active };

    [Fact]
    public void The_party_names_given_are_used_in_the_texts()
    {
        string Name(string? gln) => gln == Pharmacy.Gln ? Pharmacy.Name : gln ?? "";
        Assert.Equal("This pack is already on its way to Corner Pharmacy.",
            RefusedText(InTransit(Wholesaler, Pharmacy), new PackCommand(PackAction.Ship, To: OtherPharmacy.Gln), Wholesaler, Name));
    }

    [Fact]
    public void A_packed_pack_naming_its_own_case_still_moves_only_with_it()
    {
        var packed = ActiveAt(Pharmacy) with { Parent = "340123450000000017" };
        Assert.Equal("This pack is packed in case (00) 340123450000000017; ship or receive the case, or unpack it first.",
            RefusedText(packed, new PackCommand(PackAction.Dispense, Case: "340123450000000017"), Pharmacy));
    }

    [Fact]
    public void A_held_pack_is_quarantined_once_and_says_so()
    {
        Assert.Equal("This pack is already quarantined since 2026-01-05.",
            RefusedText(Quarantined(Pharmacy), new PackCommand(PackAction.Quarantine, Note: "again"), Pharmacy));
    }

    [Theory]
    [InlineData(PackAction.Ship, "shipped")]
    [InlineData(PackAction.Receive, "received")]
    [InlineData(PackAction.Dispense, "dispensed")]
    [InlineData(PackAction.UndoDispense, "put back")]
    [InlineData(PackAction.Decommission, "decommissioned")]
    [InlineData(PackAction.Unlock, "unlocked")]
    public void A_held_pack_names_what_it_cannot_be_until_released(PackAction action, string participle)
    {
        var actor = action == PackAction.Ship ? Wholesaler : Pharmacy;
        Assert.Equal($"This pack is quarantined since 2026-01-05 while it is investigated; it cannot be {participle} until it is released.",
            RefusedText(Quarantined(actor), new PackCommand(action, To: Pharmacy.Gln, Reason: DecommissionReason.Destroyed), actor));
    }

    [Fact]
    public void The_quarantine_judgement_texts_name_the_action_and_the_status()
    {
        Assert.Equal("Only the holder of this pack, the party it is shipped to, or a regulator can quarantine it.",
            RefusedText(ActiveAt(Wholesaler), new PackCommand(PackAction.Quarantine, Note: "looks odd"), Pharmacy));
        Assert.Equal("Only the party that quarantined this pack or a regulator can confirm as illegitimate it.",
            RefusedText(Quarantined(Pharmacy), new PackCommand(PackAction.ConfirmIllegitimate), OtherPharmacy));
        Assert.Equal("Only a quarantined pack can be confirmed as illegitimate; this one is active.",
            RefusedText(ActiveAt(Pharmacy), new PackCommand(PackAction.ConfirmIllegitimate), Pharmacy));
        Assert.Equal("A wholesaler may not undo the dispensing of packs.",
            RefusedText(ActiveAt(Wholesaler), new PackCommand(PackAction.UndoDispense), Wholesaler));
    }

    [Fact]
    public void Statuses_are_described_in_words()
    {
        Assert.Equal("Only a locked pack can be unlocked; this one is in transit.",
            RefusedText(InTransit(Wholesaler, Pharmacy), new PackCommand(PackAction.Unlock), Wholesaler));
        Assert.Equal("Only a locked pack can be unlocked; this one is confirmed illegitimate.",
            RefusedText(With(PackStatus.Illegitimate, Pharmacy), new PackCommand(PackAction.Unlock), Pharmacy));
    }

    [Fact]
    public void A_release_note_is_trimmed_and_a_blank_one_dropped()
    {
        Assert.Equal("checked, genuine",
            Accepted(PackLifecycle.Decide(Quarantined(Pharmacy), Lot, new PackCommand(PackAction.Release, Note: "  checked, genuine "), Pharmacy, Now)).Reason);
        Assert.Null(Accepted(PackLifecycle.Decide(Quarantined(Pharmacy), Lot, new PackCommand(PackAction.Release, Note: "   "), Pharmacy, Now)).Reason);
    }
}
