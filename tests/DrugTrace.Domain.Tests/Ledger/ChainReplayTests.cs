using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Packs;
using DrugTrace.Domain.Parties;

namespace DrugTrace.Domain.Tests.Ledger;

/// <summary>
/// The replay of lot and pack chains in Domain alone (the Application audit tests reach it only through
/// whole ledgers): each impossible story is told once, and the replay must name what is wrong, where.
/// </summary>
public class ChainReplayTests
{
    private const string Gtin = "04012345000105";
    private const string Serial = "SN42";
    private static readonly DateOnly Expiry = new(2028, 1, 31);
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    private static readonly Party Maker = new("4012345000009", "Acme Pharma", PartyRole.Manufacturer);
    private static readonly Party OtherMaker = new("4012345000016", "Other Pharma", PartyRole.Manufacturer);
    private static readonly Party Wholesaler = new("5012345000001", "Big Wholesale", PartyRole.Wholesaler);
    private static readonly Party Pharmacy = new("5012345000018", "Corner Pharmacy", PartyRole.Pharmacy);
    private const string Stranger = "4099999000004";

    private static Party? Find(string gln) =>
        new[] { Maker, OtherMaker, Wholesaler, Pharmacy }.FirstOrDefault(p => p.Gln == gln);

    private static LedgerEvent Registration(string actor = "4012345000009", string lot = "LOT1", DateOnly? expiry = null) =>
        EventHasher.Seal(LedgerEvents.First(StreamKind.Lot, Gtin, "LOT1", EventType.LotRegistered, actor, lot, expiry ?? Expiry, T0));

    private static LedgerEvent Recall(LedgerEvent before, int hours = 48) =>
        LedgerEvents.Next(new ChainHead(before.Seq, before.Hash), StreamKind.Lot, Gtin, "LOT1", EventType.LotRecalled, Maker.Gln,
            T0.AddHours(hours), reason: "Contamination");

    private static LotState Fold(params LedgerEvent[] lotEvents) => lotEvents.Aggregate((LotState?)null, ChainReplay.ApplyLot)!;

    private static ChainReplay.LotTimeline Timeline(long index, LotState state)
    {
        var timeline = new ChainReplay.LotTimeline();
        timeline.Add(index, state);
        return timeline;
    }

    private static LedgerEvent Commissioning(string actor = "4012345000009", string lot = "LOT1", DateOnly? expiry = null) =>
        LedgerEvents.First(StreamKind.Pack, Gtin, Serial, EventType.Commissioned, actor, lot, expiry ?? Expiry, T0.AddHours(1));

    private static LedgerEvent Next(LedgerEvent head, EventType type, string actor, string? from = null, string? to = null, string? reason = null) =>
        LedgerEvents.Next(new ChainHead(head.Seq, head.Hash), StreamKind.Pack, Gtin, Serial, type, actor, T0.AddHours(2 + head.Seq),
            from: from, to: to, reason: reason);

    /// <summary>Commissioned by the maker, shipped to the wholesaler, received, shipped to the pharmacy, received, dispensed.</summary>
    private static List<LedgerEvent> GenuinePack()
    {
        var c = Commissioning();
        var s1 = Next(c, EventType.Shipped, Maker.Gln, from: Maker.Gln, to: Wholesaler.Gln);
        var r1 = Next(s1, EventType.Received, Wholesaler.Gln, from: Maker.Gln, to: Wholesaler.Gln);
        var s2 = Next(r1, EventType.Shipped, Wholesaler.Gln, from: Wholesaler.Gln, to: Pharmacy.Gln);
        var r2 = Next(s2, EventType.Received, Pharmacy.Gln, from: Wholesaler.Gln, to: Pharmacy.Gln);
        var d = Next(r2, EventType.Dispensed, Pharmacy.Gln, from: Pharmacy.Gln);
        return [c, s1, r1, s2, r2, d];
    }

    private static List<(long, LedgerEvent)> Indexed(IEnumerable<LedgerEvent> events, long first = 10) =>
        [.. events.Select((e, i) => (first + i, e))];

    private static PackState FoldPack(IEnumerable<LedgerEvent> events) => events.Aggregate((PackState?)null, PackLifecycle.Apply)!;

    private static IReadOnlyList<AuditViolation> ReplayPack(IReadOnlyList<LedgerEvent> events, PackState? stored = null, ChainReplay.LotTimeline? lot = null) =>
        ChainReplay.ReplayPack(Indexed(events), stored, Find, lot ?? Timeline(1, Fold(Registration())));

    private static AuditViolation Only(IReadOnlyList<AuditViolation> violations) => Assert.Single(violations);

    // ---- lots ----------------------------------------------------------------------------------

    [Fact]
    public void ApplyLot_registers_a_lot_and_records_its_recall()
    {
        var registration = Registration();
        var recall = Recall(registration);

        var registered = ChainReplay.ApplyLot(null, registration);
        var recalled = ChainReplay.ApplyLot(registered, recall);

        Assert.Equal(new LotState(Gtin, "LOT1", Expiry, Maker.Gln, new ChainHead(0, registration.Hash)), registered);
        Assert.Equal(registered with { Head = new ChainHead(1, recall.Hash), RecalledAt = T0.AddHours(48), RecallReason = "Contamination" }, recalled);
    }

    [Fact]
    public void ApplyLot_refuses_a_second_registration_a_recall_of_nothing_and_any_other_event()
    {
        var registration = Registration();
        var registered = ChainReplay.ApplyLot(null, registration);

        Assert.Equal("LotRegistered cannot follow a registered lot.",
            Assert.Throws<InvalidOperationException>(() => ChainReplay.ApplyLot(registered, registration)).Message);
        Assert.Equal("LotRecalled cannot follow nothing.",
            Assert.Throws<InvalidOperationException>(() => ChainReplay.ApplyLot(null, Recall(registration))).Message);
        Assert.Equal("Shipped cannot follow a registered lot.",
            Assert.Throws<InvalidOperationException>(() => ChainReplay.ApplyLot(registered, registration with { Type = EventType.Shipped })).Message);
    }

    [Fact]
    public void A_genuine_lot_chain_replays_clean_and_fills_the_timeline()
    {
        var registration = Registration();
        var recall = Recall(registration);
        var timeline = new ChainReplay.LotTimeline();
        Assert.Null(timeline.Last);

        var violations = ChainReplay.ReplayLot([(3, registration), (9, recall)], Fold(registration, recall), timeline);

        Assert.Empty(violations);
        Assert.Null(timeline.Before(3));
        Assert.Equal(Fold(registration), timeline.Before(4));
        Assert.Equal(Fold(registration), timeline.Before(9));
        Assert.Equal(Fold(registration, recall), timeline.Before(10));
        Assert.Equal(Fold(registration, recall), timeline.Last);
    }

    [Fact]
    public void An_illegal_lot_event_is_reported_where_it_stands_and_ends_the_replay()
    {
        var registration = Registration();

        var v = Only(ChainReplay.ReplayLot([(3, registration), (7, registration with { Seq = 1 }), (8, Recall(registration))], Fold(registration)));

        Assert.Equal(new AuditViolation(StreamKind.Lot, Gtin, "LOT1", 1, 7, "not a legal lot event: LotRegistered cannot follow a registered lot."), v);
    }

    [Fact]
    public void A_registration_that_names_another_lot_is_reported()
    {
        var registration = Registration(lot: "LOT2");

        var v = Only(ChainReplay.ReplayLot([(3, registration)], null));

        Assert.Equal(new AuditViolation(StreamKind.Lot, Gtin, "LOT1", 0, 3, "field lot: the registration names lot LOT2"), v);
    }

    [Fact]
    public void A_stored_lot_that_differs_from_the_chain_is_reported_field_by_field()
    {
        var registration = Registration();
        var recall = Recall(registration);
        var chain = Fold(registration, recall);
        var stored = chain with
        {
            Expiry = new DateOnly(2029, 1, 31),
            Manufacturer = OtherMaker.Gln,
            Head = new ChainHead(0, registration.Hash),
            RecalledAt = null,
        };

        var violations = ChainReplay.ReplayLot([(3, registration), (9, recall)], stored);

        Assert.Equal(
            [
                $"field expiry: the chain says {Expiry}, the stored lot says {new DateOnly(2029, 1, 31)}",
                $"field manufacturer: the chain says {Maker.Gln}, the stored lot says {OtherMaker.Gln}",
                $"field head: the chain says seq 1 ({recall.Hash.ToHex()[..12]}...), the stored lot says seq 0 ({registration.Hash.ToHex()[..12]}...)",
                "field recalledAt: the chain says 2026-03-03 08:00:00Z, the stored lot says none",
            ],
            violations.Select(v => v.Problem));
        Assert.All(violations, v => Assert.Equal((StreamKind.Lot, Gtin, "LOT1", 1, 9L), (v.Stream, v.Gtin, v.Key, v.Seq, v.LogIndex)));
    }

    [Fact]
    public void Nothing_is_compared_without_a_stored_lot_or_without_events()
    {
        var registration = Registration();
        var other = Fold(Registration(actor: OtherMaker.Gln));

        Assert.Empty(ChainReplay.ReplayLot([(3, registration)], null));
        Assert.Empty(ChainReplay.ReplayLot([], other));
    }

    // ---- packs ---------------------------------------------------------------------------------

    [Fact]
    public void A_genuine_pack_chain_replays_clean()
    {
        var pack = GenuinePack();

        Assert.Empty(ReplayPack(pack, FoldPack(pack)));
    }

    [Fact]
    public void An_unknown_actor_is_reported_and_ends_the_replay()
    {
        var pack = GenuinePack();
        pack[2] = EventHasher.Seal(pack[2] with { Actor = Stranger });

        var v = Only(ReplayPack(pack, FoldPack(GenuinePack())));

        Assert.Equal(new AuditViolation(StreamKind.Pack, Gtin, Serial, 2, 12, $"field actor: {Stranger} is no known party"), v);
    }

    [Fact]
    public void A_second_commissioning_is_reported()
    {
        var c = Commissioning();

        var v = Only(ReplayPack([c, c with { Seq = 1 }]));

        Assert.Equal(new AuditViolation(StreamKind.Pack, Gtin, Serial, 1, 11, "not a legal transition: a pack is commissioned once"), v);
    }

    [Fact]
    public void A_commissioning_by_anyone_but_the_lots_manufacturer_is_reported()
    {
        Assert.Equal(
            [$"field actor: {Wholesaler.Gln} is a Wholesaler, not a manufacturer", $"field actor: {Wholesaler.Gln} did not register lot LOT1"],
            ReplayPack([Commissioning(actor: Wholesaler.Gln)]).Select(v => v.Problem));
        Assert.Equal(
            $"field actor: {OtherMaker.Gln} did not register lot LOT1",
            Only(ReplayPack([Commissioning(actor: OtherMaker.Gln)])).Problem);
    }

    [Fact]
    public void A_pack_commissioned_before_its_lot_was_registered_is_reported()
    {
        const string problem = "field lot: lot LOT1 was not registered before the pack was commissioned";

        Assert.Equal(problem, Only(ReplayPack([Commissioning()], lot: Timeline(10, Fold(Registration())))).Problem);
        Assert.Equal(problem, Only(ChainReplay.ReplayPack(Indexed([Commissioning()]), null, Find, null)).Problem);
        Assert.Empty(ReplayPack([Commissioning()], lot: Timeline(9, Fold(Registration()))));
    }

    [Fact]
    public void A_pack_that_names_another_lot_or_expiry_than_its_lot_chain_is_reported()
    {
        Assert.Equal("field lot: the pack names lot LOT2, its lot chain is LOT1", Only(ReplayPack([Commissioning(lot: "LOT2")])).Problem);
        Assert.Equal($"field expiry: the pack says {new DateOnly(2027, 6, 30)}, its lot {Expiry}",
            Only(ReplayPack([Commissioning(expiry: new DateOnly(2027, 6, 30))])).Problem);
    }

    [Fact]
    public void A_chain_that_does_not_start_with_a_commissioning_is_reported()
    {
        var shipped = GenuinePack()[1];

        var v = Only(ReplayPack([shipped with { Seq = 0 }]));

        Assert.Equal(new AuditViolation(StreamKind.Pack, Gtin, Serial, 0, 10, "not a legal transition: the chain does not start with a commissioning"), v);
    }

    [Fact]
    public void An_event_type_that_is_no_pack_event_is_reported()
    {
        var c = Commissioning();

        Assert.Equal("field type: LotRecalled is not a pack event", Only(ReplayPack([c, Next(c, EventType.LotRecalled, Maker.Gln)])).Problem);
    }

    [Fact]
    public void A_handoff_the_rules_refuse_is_reported_with_the_rules_words()
    {
        var c = Commissioning();
        var dispensed = Next(c, EventType.Dispensed, Wholesaler.Gln, from: Wholesaler.Gln);
        var refusal = (Decision.Refused)PackLifecycle.Decide(FoldPack([c]), Fold(Registration()), new PackCommand(PackAction.Dispense), Wholesaler, dispensed.OccurredAt);

        var violations = ReplayPack([c, dispensed]);

        Assert.Equal($"not a legal transition from active by {Wholesaler.Gln}: {refusal.Message}", violations[0].Problem);
    }

    [Fact]
    public void Fields_that_differ_from_what_the_rules_give_are_reported()
    {
        var pack = GenuinePack();
        var s1 = pack[1];

        var wrongFrom = Next(s1, EventType.Received, Wholesaler.Gln, from: Pharmacy.Gln, to: Wholesaler.Gln);
        Assert.Equal($"field from: the rules give {Maker.Gln}, the event says {Pharmacy.Gln}", Only(ReplayPack([pack[0], s1, wrongFrom])).Problem);

        var wrongTo = Next(s1, EventType.Received, Wholesaler.Gln, from: Maker.Gln);
        Assert.Equal($"field to: the rules give {Wholesaler.Gln}, the event says none", Only(ReplayPack([pack[0], s1, wrongTo])).Problem);

        var destroyed = Next(pack[0], EventType.Decommissioned, Maker.Gln, from: Maker.Gln, reason: "Destroyed");
        Assert.Equal("field reason: the rules give destroyed, the event says Destroyed", Only(ReplayPack([pack[0], destroyed])).Problem);
    }

    [Fact]
    public void A_fold_the_lifecycle_cannot_make_is_reported_and_ends_the_replay()
    {
        var c = Commissioning();
        var intoNothing = Next(c, EventType.Aggregated, Maker.Gln);

        var violations = ReplayPack([c, intoNothing, Next(intoNothing, EventType.Shipped, Maker.Gln, from: Maker.Gln, to: Wholesaler.Gln)]);

        Assert.Equal(2, violations.Count);
        Assert.StartsWith("not a legal transition: packed into no valid case: ", violations[0].Problem);
        Assert.Equal($"not a legal transition: Pack {Gtin}/{Serial} is packed into no case.", violations[1].Problem);
        Assert.All(violations, v => Assert.Equal(11, v.LogIndex));
    }

    [Fact]
    public void An_unpacking_of_a_pack_that_is_not_in_that_case_or_by_someone_who_does_not_hold_it_is_reported()
    {
        var c = Commissioning();
        Assert.Equal("not a legal transition: unpacked from case 340123450000000017, but it is packed in none",
            ReplayPack([c, Next(c, EventType.Disaggregated, Maker.Gln, from: "340123450000000017")])[0].Problem);

        var packed = EventHasher.Seal(Next(c, EventType.Aggregated, Maker.Gln, to: "340123450000000017"));
        var unpacked = Next(packed, EventType.Disaggregated, Wholesaler.Gln, from: "340123450000000017");
        Assert.Equal($"not a legal transition: unpacked by {Wholesaler.Gln}, who does not hold it",
            ReplayPack([c, packed, unpacked])[^1].Problem);
        Assert.Empty(ReplayPack([c, packed, Next(packed, EventType.Disaggregated, Maker.Gln, from: "340123450000000017")]));
    }

    [Fact]
    public void A_stored_pack_that_differs_from_the_chain_is_reported_field_by_field()
    {
        var pack = GenuinePack()[..3];
        var chain = FoldPack(pack);
        var stored = chain with
        {
            Status = PackStatus.InTransit,
            Custodian = Maker.Gln,
            ShipTo = Wholesaler.Gln,
            Lot = "LOT2",
            Expiry = new DateOnly(2029, 1, 31),
            Head = new ChainHead(1, pack[1].Hash),
            HeldFrom = PackStatus.Active,
            Parent = "340123450000000017",
        };

        var violations = ReplayPack(pack, stored);

        Assert.Equal(
            [
                "field status: the chain says Active, the stored state says InTransit",
                $"field custodian: the chain says {Wholesaler.Gln}, the stored state says {Maker.Gln}",
                $"field shipTo: the chain says none, the stored state says {Wholesaler.Gln}",
                "field lot: the chain says LOT1, the stored state says LOT2",
                $"field expiry: the chain says {Expiry}, the stored state says {new DateOnly(2029, 1, 31)}",
                $"field head: the chain says seq 2 ({pack[2].Hash.ToHex()[..12]}...), the stored state says seq 1 ({pack[1].Hash.ToHex()[..12]}...)",
                "field heldFrom: the chain says none, the stored state says Active",
                "field parent: the chain says none, the stored state says 340123450000000017",
            ],
            violations.Select(v => v.Problem));
        Assert.All(violations, v => Assert.Equal((StreamKind.Pack, Gtin, Serial, 2, 12L), (v.Stream, v.Gtin, v.Key, v.Seq, v.LogIndex)));
    }

    [Fact]
    public void Nothing_is_compared_without_a_stored_pack()
    {
        var pack = GenuinePack();

        Assert.Empty(ReplayPack(pack, null));
        Assert.Empty(ChainReplay.ReplayPack([], FoldPack(pack), Find, null));
    }
    [Fact]
    public void A_shipment_after_its_lot_was_recalled_is_judged_with_the_recall()
    {
        var registration = Registration();
        var events = GenuinePack().Take(2).ToList();

        var v = Only(ReplayPack(events, FoldPack(events), Timeline(1, Fold(registration, Recall(registration, hours: 0)))));

        Assert.Equal((1, 11L), (v.Seq, v.LogIndex));
        Assert.StartsWith($"not a legal transition from active by {Maker.Gln}: ", v.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_fold_the_lifecycle_refuses_is_reported_in_its_words()
    {
        // The replay quotes PackLifecycle.Apply's refusal: it is what an integrity alert tells of the altered event.
        var c = Commissioning();
        static string Last(IReadOnlyList<AuditViolation> violations) => violations[^1].Problem;

        Assert.Equal("not a legal transition: A commissioning event states the lot.", Last(ReplayPack([c with { Lot = null }])));
        Assert.Equal("not a legal transition: A commissioning event states the expiry.", Last(ReplayPack([c with { Expiry = null }])));
        Assert.Equal($"not a legal transition: Pack {Gtin}/{Serial} is released without being quarantined.",
            Last(ReplayPack([c, Next(c, EventType.Released, Maker.Gln)])));
        Assert.Equal("not a legal transition: Unknown decommission reason 'melted'.",
            Last(ReplayPack([c, Next(c, EventType.Decommissioned, Maker.Gln, from: Maker.Gln, reason: "melted")])));
    }
}
