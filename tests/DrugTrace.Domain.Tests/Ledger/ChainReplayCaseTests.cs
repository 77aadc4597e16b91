using DrugTrace.Domain.Cases;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Parties;

namespace DrugTrace.Domain.Tests.Ledger;

/// <summary>The replay of a case's own chain: each impossible story once, named where it stands.</summary>
public sealed class ChainReplayCaseTests
{
    private static readonly string Sscc = Domain.Cases.Sscc.Create(0, "4098765", 1).Value;
    private static readonly string PalletSscc = Domain.Cases.Sscc.Create(0, "4098765", 3).Value;
    private static readonly string OtherPallet = Domain.Cases.Sscc.Create(0, "4098765", 4).Value;
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly Party Maker = new("4012345000009", "Acme Pharma", PartyRole.Manufacturer);
    private static readonly Party Wholesaler = new("5012345000001", "Big Wholesale", PartyRole.Wholesaler);
    private static readonly Party Pharmacy = new("5012345000018", "Corner Pharmacy", PartyRole.Pharmacy);
    private const string Stranger = "4099999000004";

    private static Party? Find(string gln) => new[] { Maker, Wholesaler, Pharmacy }.FirstOrDefault(p => p.Gln == gln);

    private static LedgerEvent Packing(string actor, string? sscc = null) => EventHasher.Seal(new LedgerEvent
    {
        Stream = StreamKind.Case, Gtin = "", Key = sscc ?? Sscc, Seq = 0, Type = EventType.CasePacked, Actor = actor,
        OccurredAt = T0, RecordedAt = T0, PrevHash = Hash256.Zero,
    });

    private static LedgerEvent Next(LedgerEvent head, EventType type, string actor, string? from = null, string? to = null, string? reason = null) =>
        LedgerEvents.Next(new ChainHead(head.Seq, head.Hash), StreamKind.Case, "", head.Key, type, actor, T0.AddHours(1 + head.Seq),
            from: from, to: to, reason: reason);

    private static List<(long, LedgerEvent)> Indexed(IEnumerable<LedgerEvent> events) => [.. events.Select((e, i) => (20L + i, e))];

    private static CaseState Fold(IEnumerable<LedgerEvent> events) => events.Aggregate((CaseState?)null, CaseLifecycle.Apply)!;

    private static IReadOnlyList<AuditViolation> Replay(IReadOnlyList<LedgerEvent> events, CaseState? stored = null) =>
        ChainReplay.ReplayCase(Indexed(events), stored, Find);

    private static List<LedgerEvent> Shipment()
    {
        var p = Packing(Wholesaler.Gln);
        var s = Next(p, EventType.Shipped, Wholesaler.Gln, Wholesaler.Gln, Pharmacy.Gln);
        var r = Next(s, EventType.Received, Pharmacy.Gln, Wholesaler.Gln, Pharmacy.Gln);
        return [p, s, r];
    }

    [Fact]
    public void A_genuine_case_chain_replays_clean()
    {
        var chain = Shipment();
        chain.Add(Next(chain[^1], EventType.CaseUnpacked, Pharmacy.Gln));
        Assert.Empty(Replay(chain, Fold(chain)));
        Assert.Empty(Replay(chain));
    }

    [Fact]
    public void A_case_event_whose_stream_was_edited_is_reported_not_thrown()
    {
        var chain = Shipment();
        chain[1] = chain[1] with { Stream = StreamKind.Pack };

        var violation = Assert.Single(Replay(chain, Fold(chain.Take(1))));

        Assert.Equal((1, 21L), (violation.Seq, violation.LogIndex));
        Assert.Equal("not a legal transition: Only case events change a case. (Parameter 'e')", violation.Problem);
    }

    [Fact]
    public void An_unknown_actor_is_reported_and_ends_the_replay()
    {
        var chain = Shipment();
        chain[1] = Next(chain[0], EventType.Shipped, Stranger, Stranger, Pharmacy.Gln);
        Assert.Equal(new AuditViolation(StreamKind.Case, "", Sscc, 1, 21, $"field actor: {Stranger} is no known party"), Assert.Single(Replay(chain, Fold(chain))));
    }

    [Fact]
    public void A_second_packing_is_reported_and_ends_the_replay()
    {
        var p = Packing(Wholesaler.Gln);
        Assert.Equal(new AuditViolation(StreamKind.Case, "", Sscc, 0, 21, "not a legal transition: a case is packed once"),
            Assert.Single(Replay([p, p])));
    }

    [Fact]
    public void A_packing_by_a_role_that_may_not_pack_or_of_no_valid_SSCC_is_reported()
    {
        Assert.Equal("field actor: a Pharmacy may not pack cases", Assert.Single(Replay([Packing(Pharmacy.Gln)])).Problem);
        var wrong = Sscc[..^1] + (char)('0' + ((Sscc[^1] - '0' + 1) % 10));
        Assert.False(Domain.Cases.Sscc.TryParse(wrong, out _, out var error));
        Assert.Equal($"field sscc: {error}", Assert.Single(Replay([Packing(Wholesaler.Gln, wrong)])).Problem);
    }

    [Fact]
    public void A_chain_that_does_not_start_with_a_packing_is_reported()
    {
        var chain = Shipment();
        Assert.Equal(new AuditViolation(StreamKind.Case, "", Sscc, 1, 20, "not a legal transition: the chain does not start with the case's packing"),
            Assert.Single(Replay(chain.Skip(1).ToList())));
    }

    [Fact]
    public void An_event_type_that_is_no_case_event_is_reported_and_ends_the_replay()
    {
        var p = Packing(Wholesaler.Gln);
        var d = Next(p, EventType.Dispensed, Wholesaler.Gln);
        Assert.Equal("field type: Dispensed is not a case event", Assert.Single(Replay([p, d, Next(d, EventType.Dispensed, Wholesaler.Gln)])).Problem);
    }

    [Fact]
    public void A_move_the_rules_refuse_is_reported_with_the_rules_words()
    {
        var p = Packing(Wholesaler.Gln);
        var stolen = Next(p, EventType.Shipped, Pharmacy.Gln, Pharmacy.Gln, Maker.Gln);
        Assert.Equal($"not a legal transition by {Pharmacy.Gln}: Only the holder of case (00) {Sscc} can ship it.", Assert.Single(Replay([p, stolen])).Problem);
    }

    [Fact]
    public void A_move_that_names_a_pallet_the_case_is_not_in_is_reported()
    {
        var p = Packing(Wholesaler.Gln);
        var s = Next(p, EventType.Shipped, Wholesaler.Gln, Wholesaler.Gln, Pharmacy.Gln, reason: PalletSscc);
        Assert.Equal($"not a legal transition by {Wholesaler.Gln}: field reason: the case is packed in none, the event says {PalletSscc}",
            Assert.Single(Replay([p, s])).Problem);
    }

    [Fact]
    public void A_receipt_by_a_role_that_may_not_receive_is_reported()
    {
        var p = Packing(Wholesaler.Gln);
        var s = Next(p, EventType.Shipped, Wholesaler.Gln, Wholesaler.Gln, Maker.Gln);
        var r = Next(s, EventType.Received, Maker.Gln, Wholesaler.Gln, Maker.Gln);
        Assert.Equal(new AuditViolation(StreamKind.Case, "", Sscc, 2, 22, "field actor: a Manufacturer may not receive cases"), Assert.Single(Replay([p, s, r])));
    }

    [Fact]
    public void Packing_into_a_pallet_and_taking_out_are_checked_against_the_case()
    {
        var p = Packing(Wholesaler.Gln);
        var inPallet = Next(p, EventType.Aggregated, Wholesaler.Gln, to: PalletSscc);
        var outOfPallet = Next(inPallet, EventType.Disaggregated, Wholesaler.Gln, from: PalletSscc);
        Assert.Empty(Replay([p, inPallet, outOfPallet]));

        Assert.Equal($"not a legal transition by {Pharmacy.Gln}: it is not in your stock.",
            Assert.Single(Replay([p, Next(p, EventType.Aggregated, Pharmacy.Gln, to: PalletSscc)])).Problem);
        Assert.Equal($"not a legal transition by {Wholesaler.Gln}: taken out of pallet {OtherPallet}, but it is packed in {PalletSscc}",
            Assert.Single(Replay([p, inPallet, Next(inPallet, EventType.Disaggregated, Wholesaler.Gln, from: OtherPallet)])).Problem);
        Assert.Equal($"not a legal transition by {Wholesaler.Gln}: taken out of pallet {PalletSscc}, but it is packed in none",
            Assert.Single(Replay([p, Next(p, EventType.Disaggregated, Wholesaler.Gln, from: PalletSscc)])).Problem);
        Assert.Equal($"not a legal transition by {Pharmacy.Gln}: unpacked by {Pharmacy.Gln}, who does not hold it",
            Assert.Single(Replay([p, inPallet, Next(inPallet, EventType.Disaggregated, Pharmacy.Gln, from: PalletSscc)])).Problem);
    }

    [Fact]
    public void A_fold_the_lifecycle_cannot_make_is_reported_and_ends_the_replay()
    {
        var p = Packing(Wholesaler.Gln);
        var nowhere = Next(p, EventType.Aggregated, Wholesaler.Gln);
        Assert.Equal(new AuditViolation(StreamKind.Case, "", Sscc, 1, 21, $"not a legal transition: Case {Sscc} is packed into no pallet."),
            Assert.Single(Replay([p, nowhere, Next(nowhere, EventType.Dispensed, Wholesaler.Gln)], Fold([p]))));
    }

    [Fact]
    public void A_stored_case_that_differs_from_the_chain_is_reported_field_by_field()
    {
        var chain = Shipment();
        var folded = Fold(chain);
        var stored = folded with
        {
            Status = CaseStatus.InTransit, Custodian = Wholesaler.Gln, ShipTo = Pharmacy.Gln, Parent = PalletSscc,
            Head = new ChainHead(1, chain[1].Hash),
        };
        var violations = Replay(chain, stored);
        Assert.All(violations, v => Assert.Equal((StreamKind.Case, "", Sscc, 2, 22L), (v.Stream, v.Gtin, v.Key, v.Seq, v.LogIndex)));
        Assert.Equal(
        [
            "field status: the chain says Active, the stored case says InTransit",
            $"field custodian: the chain says {Pharmacy.Gln}, the stored case says {Wholesaler.Gln}",
            $"field shipTo: the chain says none, the stored case says {Pharmacy.Gln}",
            $"field parent: the chain says none, the stored case says {PalletSscc}",
            $"field head: the chain says seq 2 ({chain[2].Hash.ToHex()[..12]}...), the stored case says seq 1 ({chain[1].Hash.ToHex()[..12]}...)",
        ], violations.Select(v => v.Problem));
    }
}
