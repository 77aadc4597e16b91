using DrugTrace.Domain.Ledger;

namespace DrugTrace.Domain.Tests.Ledger;

public class ChainAuditorTests
{
    private const string Gtin = "09506000134352";
    private const string Maker = "4012345000009";
    private const string Wholesaler = "4098765000001";
    private const string Pharmacy = "4055555000003";
    private const long LotChain = 1, PackA = 2, PackB = 3, PackC = 4;

    private static readonly DateTimeOffset T0 = new(2026, 3, 14, 9, 0, 0, TimeSpan.Zero);

    private sealed record Entry(long LogIndex, long ChainId, LedgerEvent Event);

    /// <summary>
    /// A valid ledger: one lot and three packs, interleaved in the global log.
    /// Log (from 0): 0 lot registered, 1-3 packs A/B/C commissioned, 4 A shipped, 5 B shipped, 6 lot recalled,
    /// 7 A received, 8 C destroyed, 9 B received, 10 A dispensed.
    /// </summary>
    private static List<Entry> ValidLog()
    {
        var heads = new Dictionary<long, LedgerEvent>();
        var log = new List<Entry>();
        void Add(long chain, EventType type, string actor, string? from = null, string? to = null, string? reason = null)
        {
            var stream = chain == LotChain ? StreamKind.Lot : StreamKind.Pack;
            var key = chain switch { LotChain => "LOT42", PackA => "SNA", PackB => "SNB", _ => "SNC" };
            heads.TryGetValue(chain, out var head);
            var e = EventHasher.Seal(new LedgerEvent
            {
                Stream = stream,
                Gtin = Gtin,
                Key = key,
                Seq = head is null ? 0 : head.Seq + 1,
                Type = type,
                Actor = actor,
                From = from,
                To = to,
                Reason = reason,
                Lot = head is null ? "LOT42" : null,
                Expiry = head is null ? new DateOnly(2028, 6, 30) : null,
                OccurredAt = T0.AddMinutes(log.Count),
                RecordedAt = T0.AddMinutes(log.Count),
                PrevHash = head?.Hash ?? Hash256.Zero,
            });
            heads[chain] = e;
            log.Add(new Entry(log.Count, chain, e));
        }

        Add(LotChain, EventType.LotRegistered, Maker);
        Add(PackA, EventType.Commissioned, Maker);
        Add(PackB, EventType.Commissioned, Maker);
        Add(PackC, EventType.Commissioned, Maker);
        Add(PackA, EventType.Shipped, Maker, Maker, Wholesaler);
        Add(PackB, EventType.Shipped, Maker, Maker, Pharmacy);
        Add(LotChain, EventType.LotRecalled, Maker, reason: "contamination");
        Add(PackA, EventType.Received, Wholesaler, Maker, Wholesaler);
        Add(PackC, EventType.Decommissioned, Maker, Maker, reason: "destroyed");
        Add(PackB, EventType.Received, Pharmacy, Maker, Pharmacy);
        Add(PackA, EventType.Dispensed, Wholesaler, Wholesaler);
        return log;
    }

    private static ChainAuditor Audit(IEnumerable<Entry> log)
    {
        var auditor = new ChainAuditor();
        foreach (var entry in log) auditor.Observe(entry.LogIndex, entry.ChainId, entry.Event);
        return auditor;
    }

    private static int IndexOf(List<Entry> log, long logIndex) => log.FindIndex(e => e.LogIndex == logIndex);

    [Fact]
    public void Valid_interleaved_ledger_has_no_violations_and_counts_every_chain()
    {
        var auditor = Audit(ValidLog());

        Assert.Empty(auditor.Violations);
        Assert.Equal(11, auditor.Events);
        Assert.Equal(4, auditor.Chains);
        Assert.Equal(3, auditor.PackChains);
        Assert.True(auditor.TryGetHead(PackA, out var head));
        Assert.Equal(3, head.Seq);
        Assert.Equal(ValidLog()[10].Event.Hash, head.Hash);
        Assert.True(auditor.TryGetHead(LotChain, out var lotHead));
        Assert.Equal(1, lotHead.Seq);
        Assert.False(auditor.TryGetHead(99, out _));
    }

    [Fact]
    public void Edited_field_is_a_hash_mismatch_reported_once_at_that_event()
    {
        var log = ValidLog();
        var i = IndexOf(log, 4); // A shipped
        log[i] = log[i] with { Event = log[i].Event with { To = Pharmacy } };

        var violation = Assert.Single(Audit(log).Violations);

        Assert.Equal((StreamKind.Pack, Gtin, "SNA", 1, 4L), (violation.Stream, violation.Gtin, violation.Key, violation.Seq, violation.LogIndex));
        Assert.Contains("altered", violation.Problem);
    }

    [Fact]
    public void Edited_field_of_a_lot_event_names_the_lot()
    {
        var log = ValidLog();
        var i = IndexOf(log, 6); // lot recalled
        log[i] = log[i] with { Event = log[i].Event with { Reason = "routine" } };

        var violation = Assert.Single(Audit(log).Violations);

        Assert.Equal((StreamKind.Lot, "LOT42", 1, 6L), (violation.Stream, violation.Key, violation.Seq, violation.LogIndex));
    }

    [Fact]
    public void Edited_hash_breaks_its_own_check_and_the_next_prev_hash()
    {
        var log = ValidLog();
        var i = IndexOf(log, 5); // B shipped
        log[i] = log[i] with { Event = log[i].Event with { Hash = log[0].Event.Hash } };

        var violations = Audit(log).Violations;

        Assert.Equal(2, violations.Count);
        Assert.Equal(("SNB", 1, 5L), (violations[0].Key, violations[0].Seq, violations[0].LogIndex));
        Assert.Contains("altered", violations[0].Problem);
        Assert.Equal(("SNB", 2, 9L), (violations[1].Key, violations[1].Seq, violations[1].LogIndex));
        Assert.Contains("prevHash does not match the hash of seq 1", violations[1].Problem);
    }

    [Fact]
    public void Removed_event_is_a_seq_gap_in_its_chain_and_a_gap_in_the_log()
    {
        var log = ValidLog();
        log.RemoveAt(IndexOf(log, 7)); // A received

        var auditor = Audit(log);
        var violations = auditor.Violations;

        Assert.Equal(3, violations.Count);
        // The next event in the log (C destroyed) shows the log-index gap.
        Assert.Equal(("SNC", 1, 8L), (violations[0].Key, violations[0].Seq, violations[0].LogIndex));
        Assert.Contains("jumps from 6 to 8", violations[0].Problem);
        // The next event of A (dispensed, seq 3) follows seq 1.
        Assert.All(violations.Skip(1), v => Assert.Equal(("SNA", 3, 10L), (v.Key, v.Seq, v.LogIndex)));
        Assert.Contains(violations, v => v.Problem.Contains("seq 3 follows seq 1"));
        Assert.Contains(violations, v => v.Problem.Contains("prevHash does not match the hash of seq 1"));
        Assert.Equal(10, auditor.Events);
    }

    [Fact]
    public void Reordered_log_is_reported_at_each_out_of_order_index()
    {
        var log = ValidLog();
        (log[5], log[6]) = (log[6], log[5]); // log indexes 5 and 6 swapped: 4, 6, 5, 7

        var violations = Audit(log).Violations;

        Assert.Equal(3, violations.Count);
        Assert.Equal(("LOT42", 6L), (violations[0].Key, violations[0].LogIndex));
        Assert.Contains("jumps from 4 to 6", violations[0].Problem);
        Assert.Equal(("SNB", 5L), (violations[1].Key, violations[1].LogIndex));
        Assert.Contains("jumps from 6 to 5", violations[1].Problem);
        Assert.Equal(("SNA", 7L), (violations[2].Key, violations[2].LogIndex));
        Assert.Contains("jumps from 5 to 7", violations[2].Problem);
    }

    [Fact]
    public void Events_of_one_chain_in_the_wrong_order_break_the_chain_even_with_a_clean_log_index()
    {
        var log = ValidLog();
        var ship = IndexOf(log, 4);
        var receive = IndexOf(log, 7);
        // A's received (seq 2) is logged before A's shipment (seq 1), log indexes renumbered to look clean.
        (log[ship], log[receive]) = (log[receive] with { LogIndex = 4 }, log[ship] with { LogIndex = 7 });

        var violations = Audit(log).Violations;

        Assert.DoesNotContain(violations, v => v.Problem.Contains("global log index"));
        Assert.Contains(violations, v => v is { Key: "SNA", Seq: 2, LogIndex: 4 } && v.Problem.Contains("seq 2 follows seq 0"));
        Assert.Contains(violations, v => v is { Key: "SNA", Seq: 1, LogIndex: 7 } && v.Problem.Contains("seq 1 follows seq 2"));
        Assert.All(violations, v => Assert.Equal("SNA", v.Key));
    }

    [Fact]
    public void Non_zero_first_prev_hash_is_reported()
    {
        var log = ValidLog();
        var i = IndexOf(log, 3); // C commissioned
        log[i] = log[i] with { Event = EventHasher.Seal(log[i].Event with { PrevHash = log[0].Event.Hash }) };
        // C's next event must follow the resealed commissioning.
        var j = IndexOf(log, 8);
        log[j] = log[j] with { Event = EventHasher.Seal(log[j].Event with { PrevHash = log[i].Event.Hash }) };

        var violation = Assert.Single(Audit(log).Violations);

        Assert.Equal(("SNC", 0, 3L), (violation.Key, violation.Seq, violation.LogIndex));
        Assert.Contains("first event's prevHash is not zero", violation.Problem);
    }

    [Fact]
    public void Duplicate_seq_is_reported()
    {
        var log = ValidLog();
        var shipped = log[IndexOf(log, 5)].Event; // B shipped, seq 1
        // A second, well-sealed seq 1 for B: a fork of its chain appended at the end of the log.
        var fork = EventHasher.Seal(shipped with { To = Wholesaler, OccurredAt = shipped.OccurredAt.AddHours(1) });
        log.Add(new Entry(11, PackB, fork));

        var violations = Audit(log).Violations;

        Assert.NotEmpty(violations);
        Assert.All(violations, v => Assert.Equal(("SNB", 1, 11L), (v.Key, v.Seq, v.LogIndex)));
        Assert.Contains(violations, v => v.Problem.Contains("seq 1 follows seq 2") && v.Problem.Contains("duplicate"));
    }

    [Fact]
    public void VerifyChain_accepts_a_valid_chain()
    {
        var chain = ValidLog().Where(e => e.ChainId == PackA).Select(e => e.Event);

        Assert.Empty(ChainAuditor.VerifyChain(chain));
    }

    [Fact]
    public void VerifyChain_reports_an_altered_event_without_log_indexes()
    {
        var chain = ValidLog().Where(e => e.ChainId == PackB).Select(e => e.Event).ToList();
        chain[1] = chain[1] with { Actor = Wholesaler };

        var violation = Assert.Single(ChainAuditor.VerifyChain(chain));

        Assert.Equal(("SNB", 1, 0L), (violation.Key, violation.Seq, violation.LogIndex));
        Assert.Contains("altered", violation.Problem);
    }

    [Fact]
    public void VerifyChain_reports_a_chain_that_does_not_start_at_seq_0()
    {
        var chain = ValidLog().Where(e => e.ChainId == PackA).Select(e => e.Event).Skip(1);

        var violations = ChainAuditor.VerifyChain(chain);

        Assert.Equal(2, violations.Count);
        Assert.All(violations, v => Assert.Equal(1, v.Seq));
        Assert.Contains(violations, v => v.Problem.Contains("seq 1 follows seq -1"));
        Assert.Contains(violations, v => v.Problem.Contains("first event's prevHash is not zero"));
    }

    [Fact]
    public void Report_adds_a_problem_found_outside_the_chain()
    {
        var auditor = Audit(ValidLog());
        var external = new AuditViolation(StreamKind.Pack, Gtin, "SNA", 3, 11, "the stored head disagrees with the chain");

        auditor.Report(external);

        Assert.Equal(external, Assert.Single(auditor.Violations));
    }

    private static Hash256 RootOf(IEnumerable<Entry> log)
    {
        var range = new DrugTrace.Domain.Transparency.CompactRange();
        foreach (var e in log) range.Append(DrugTrace.Domain.Transparency.Rfc6962.LeafHash(e.Event.Hash));
        return range.Root();
    }

    private static ChainAuditor AuditAgainst(IEnumerable<Entry> log, long size, Hash256 root)
    {
        var auditor = new ChainAuditor();
        auditor.ExpectCheckpoint(size, root);
        foreach (var entry in log) auditor.Observe(entry.LogIndex, entry.ChainId, entry.Event);
        auditor.Complete();
        return auditor;
    }

    [Fact]
    public void A_log_that_matches_its_checkpoint_is_clean_even_when_it_grew_since()
    {
        var log = ValidLog();
        var auditor = AuditAgainst(log, 7, RootOf(log.Take(7)));

        Assert.Empty(auditor.LogViolations);
        Assert.Empty(auditor.Violations);
        Assert.Equal(RootOf(log), auditor.LogRoot);
        Assert.Equal(log.Count, auditor.LogSize);
    }

    [Fact]
    public void A_rewritten_event_with_a_recomputed_hash_and_chain_does_not_match_the_checkpoint()
    {
        var log = ValidLog();
        var signed = RootOf(log);
        // The last event (A dispensed) rewritten and resealed: its chain still links, only the tree shows it.
        var last = log[^1];
        log[^1] = last with { Event = EventHasher.Seal(last.Event with { Actor = Pharmacy }) };

        var auditor = AuditAgainst(log, log.Count, signed);

        Assert.Empty(auditor.Violations);
        Assert.Contains("hash to root", Assert.Single(auditor.LogViolations));
    }

    [Fact]
    public void A_log_shorter_than_its_checkpoint_is_reported()
    {
        var log = ValidLog();
        var signed = RootOf(log);
        log.RemoveAt(log.Count - 1);

        var problem = Assert.Single(AuditAgainst(log, log.Count + 1, signed).LogViolations);

        Assert.Contains("fewer than the 11", problem);
    }

    [Fact]
    public void The_batch_audit_folds_the_same_root()
    {
        var log = ValidLog();
        var auditor = new ChainAuditor();
        auditor.ObserveBatch([.. log.Select(e => new AuditEntry(e.LogIndex, e.ChainId, e.Event))]);
        Assert.Equal(RootOf(log), auditor.LogRoot);
    }
}
