using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Transparency;

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

    private sealed record Result(ChainAuditor Auditor, List<AuditViolation> Violations);

    /// <summary>Feeds the log as a store reads it for the audit: chain by chain, each in seq order; heads as stored rows.</summary>
    private static Result Audit(IEnumerable<Entry> log, (long Size, Hash256 Root)? checkpoint = null, IReadOnlyDictionary<long, ChainHead>? heads = null)
    {
        var auditor = new ChainAuditor();
        if (checkpoint is { } c) auditor.ExpectCheckpoint(c.Size, c.Root);
        var violations = new List<AuditViolation>();
        foreach (var chain in log.GroupBy(e => e.ChainId).OrderBy(g => g.Key))
        {
            var events = chain.OrderBy(e => e.Event.Seq).ThenBy(e => e.LogIndex).Select(e => (e.LogIndex, e.Event)).ToList();
            ChainHead? head = heads is not null && heads.TryGetValue(chain.Key, out var h) ? h : null;
            violations.AddRange(auditor.CheckChain(events[0].Event.Stream, Gtin, events[0].Event.Key, events, head));
        }
        auditor.Complete();
        return new Result(auditor, [.. violations.OrderBy(v => v.LogIndex).ThenBy(v => v.Seq)]);
    }

    private static int IndexOf(List<Entry> log, long logIndex) => log.FindIndex(e => e.LogIndex == logIndex);

    private static Hash256 RootOf(IEnumerable<Entry> log)
    {
        var range = new CompactRange();
        foreach (var e in log) range.Append(Rfc6962.LeafHash(e.Event.Hash));
        return range.Root();
    }

    [Fact]
    public void Valid_interleaved_ledger_has_no_violations_counts_every_chain_and_folds_the_root()
    {
        var log = ValidLog();
        var (auditor, violations) = Audit(log);

        Assert.Empty(violations);
        Assert.Empty(auditor.LogViolations);
        Assert.Equal(11, auditor.Events);
        Assert.Equal(4, auditor.Chains);
        Assert.Equal(3, auditor.PackChains);
        Assert.Equal(11, auditor.LogSize);
        Assert.Equal(RootOf(log), auditor.LogRoot);
    }

    [Fact]
    public void The_root_is_asked_for_after_Complete_only()
    {
        var auditor = new ChainAuditor();
        Assert.Throws<InvalidOperationException>(() => auditor.LogRoot);
        auditor.Complete();
        Assert.Equal(Rfc6962.EmptyRoot, auditor.LogRoot);
    }

    [Fact]
    public void Edited_field_is_a_hash_mismatch_reported_once_at_that_event()
    {
        var log = ValidLog();
        var i = IndexOf(log, 4); // A shipped
        log[i] = log[i] with { Event = log[i].Event with { To = Pharmacy } };

        var violation = Assert.Single(Audit(log).Violations);

        Assert.Equal((StreamKind.Pack, Gtin, "SNA", 1, 4L), (violation.Stream, violation.Gtin, violation.Key, violation.Seq, violation.LogIndex));
        Assert.Equal("the stored hash does not match the event's content: the event was altered", violation.Problem);
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
        Assert.Equal("prevHash does not match the hash of seq 1", violations[1].Problem);
    }

    [Fact]
    public void Removed_event_is_a_seq_gap_in_its_chain_and_a_gap_in_the_log()
    {
        var log = ValidLog();
        log.RemoveAt(IndexOf(log, 7)); // A received

        var (auditor, violations) = Audit(log);

        // The next event of A (dispensed, seq 3) follows seq 1.
        Assert.Equal(2, violations.Count);
        Assert.All(violations, v => Assert.Equal(("SNA", 3, 10L), (v.Key, v.Seq, v.LogIndex)));
        Assert.Contains(violations, v => v.Problem == "seq 3 follows seq 1: the chain has a gap or a duplicate");
        Assert.Contains(violations, v => v.Problem == "prevHash does not match the hash of seq 1");
        Assert.Equal("the log holds no event at index 7: an event was deleted or moved", Assert.Single(auditor.LogViolations));
        Assert.Null(auditor.LogRoot);
        Assert.Equal(10, auditor.Events);
    }

    [Fact]
    public void A_run_of_missing_indexes_is_named_once()
    {
        var log = ValidLog().Where(e => e.LogIndex is not (7 or 8 or 9)).ToList();

        var (auditor, _) = Audit(log);

        Assert.Equal("the log holds no events at indexes 7 to 9: events were deleted or moved", Assert.Single(auditor.LogViolations));
    }

    [Fact]
    public void Swapped_log_indexes_of_two_chains_link_cleanly_but_do_not_match_the_checkpoint()
    {
        var log = ValidLog();
        var signed = RootOf(log);
        var (b, lot) = (IndexOf(log, 5), IndexOf(log, 6)); // B shipped, lot recalled
        (log[b], log[lot]) = (log[b] with { LogIndex = 6 }, log[lot] with { LogIndex = 5 });

        var (auditor, violations) = Audit(log, (log.Count, signed));

        Assert.Empty(violations);
        Assert.Contains("hash to root", Assert.Single(auditor.LogViolations));
    }

    [Fact]
    public void Two_events_of_one_chain_at_the_same_log_index_are_out_of_order()
    {
        var log = ValidLog();
        var ship = IndexOf(log, 4);
        var receive = IndexOf(log, 7);
        log[receive] = log[receive] with { LogIndex = 4 };

        Assert.Contains(Audit(log).Violations, v => (v.Key, v.Seq, v.Problem) ==
            ("SNA", 2, "log index 4 is not after log index 4 of seq 1: the chain's events are out of log order"));
        Assert.Equal(4L, log[ship].LogIndex);
    }

    [Fact]
    public void Events_of_one_chain_in_the_wrong_log_order_are_named()
    {
        var log = ValidLog();
        var ship = IndexOf(log, 4);
        var receive = IndexOf(log, 7);
        // A's received (seq 2) is logged before A's shipment (seq 1): the indexes of the two swapped.
        (log[ship], log[receive]) = (log[ship] with { LogIndex = 7 }, log[receive] with { LogIndex = 4 });

        var violation = Assert.Single(Audit(log).Violations);

        Assert.Equal(("SNA", 2, 4L), (violation.Key, violation.Seq, violation.LogIndex));
        Assert.Equal("log index 4 is not after log index 7 of seq 1: the chain's events are out of log order", violation.Problem);
    }

    [Fact]
    public void Two_events_at_one_log_index_are_named()
    {
        var log = ValidLog();
        var i = IndexOf(log, 8); // C destroyed
        log[i] = log[i] with { LogIndex = 7 };

        var (auditor, violations) = Audit(log);

        var violation = Assert.Single(violations);
        Assert.Equal(7, violation.LogIndex);
        Assert.Equal("log index 7 is held by another event as well", violation.Problem);
        Assert.Contains("index 8", Assert.Single(auditor.LogViolations));
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
        Assert.Equal("the first event's prevHash is not zero", violation.Problem);
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

        Assert.All(violations, v => Assert.Equal("SNB", v.Key));
        Assert.Contains(violations, v => v is { Seq: 1, LogIndex: 11 } && v.Problem == "seq 1 follows seq 1: the chain has a gap or a duplicate");
        Assert.Contains(violations, v => v is { Seq: 1, LogIndex: 11 } && v.Problem == "prevHash does not match the hash of seq 1");
        Assert.Contains(violations, v => v is { Seq: 2, LogIndex: 9 } && v.Problem.Contains("out of log order"));
    }

    [Fact]
    public void A_stored_head_must_be_where_the_chain_ends()
    {
        var log = ValidLog();
        var a = log.Where(e => e.ChainId == PackA).ToList();
        var heads = new Dictionary<long, ChainHead>
        {
            [PackA] = new(a[^1].Event.Seq, a[^1].Event.Hash),
            [PackB] = new(1, log[IndexOf(log, 5)].Event.Hash), // B's row left at its shipment
        };

        var violation = Assert.Single(Audit(log, heads: heads).Violations);

        Assert.Equal(("SNB", 1, 9L), (violation.Key, violation.Seq, violation.LogIndex));
        Assert.Equal("the current state says seq 1, but the chain ends at seq 2 with another hash", violation.Problem);
    }

    [Fact]
    public void A_stored_row_without_events_is_named()
    {
        var auditor = new ChainAuditor();

        var violation = Assert.Single(auditor.CheckChain(StreamKind.Pack, Gtin, "SNX", [], new ChainHead(2, Hash256.Zero)));

        Assert.Equal((StreamKind.Pack, "SNX", 2, 0L, "the chain has no events"), (violation.Stream, violation.Key, violation.Seq, violation.LogIndex, violation.Problem));
        Assert.Empty(auditor.CheckChain(StreamKind.Pack, Gtin, "SNY", [], null));
        Assert.Equal((0L, 0, 0), (auditor.Events, auditor.Chains, auditor.PackChains));
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
    public void A_log_that_matches_its_checkpoint_is_clean_even_when_it_grew_since()
    {
        var log = ValidLog();
        var (auditor, violations) = Audit(log, (7, RootOf(log.Take(7))));

        Assert.Empty(auditor.LogViolations);
        Assert.Empty(violations);
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

        var (auditor, violations) = Audit(log, (log.Count, signed));

        Assert.Empty(violations);
        var problem = Assert.Single(auditor.LogViolations);
        Assert.Equal($"the first 11 events of the log hash to root {RootOf(log)}, but the checkpoint signed at that size says {signed}: "
            + "an event was edited, deleted, inserted or reordered", problem);
    }

    [Fact]
    public void A_log_shorter_than_its_checkpoint_is_reported()
    {
        var log = ValidLog();
        var signed = RootOf(log);
        log.RemoveAt(log.Count - 1);

        var problem = Assert.Single(Audit(log, (log.Count + 1, signed)).Auditor.LogViolations);

        Assert.Equal("the log holds 10 events, fewer than the 11 of the checkpoint it signed: events were deleted", problem);
    }

    [Fact]
    public void A_gap_below_the_checkpoint_is_named_with_the_checkpoint()
    {
        var log = ValidLog();
        var signed = RootOf(log);
        log.RemoveAt(IndexOf(log, 3));

        var problems = Audit(log, (log.Count + 1, signed)).Auditor.LogViolations;

        Assert.Equal(2, problems.Count);
        Assert.Contains("no event at index 3", problems[0]);
        Assert.Equal("the first 11 events of the log cannot hash to the root of the checkpoint signed at that size: events are missing", problems[1]);
    }

    [Fact]
    public void The_empty_log_has_the_empty_root()
    {
        var (auditor, _) = Audit([], (0, Rfc6962.EmptyRoot));

        Assert.Empty(auditor.LogViolations);
        Assert.Equal(0, auditor.LogSize);
    }

    // The valid log twice (the copy's chains under other ids), its events at every other log index: one gap after each event but the last.
    private static List<Entry> SpacedLog(int events)
    {
        var log = ValidLog();
        return [.. log.Concat(ValidLog().Select(e => e with { ChainId = e.ChainId + 10 })).Take(events).Select((e, i) => e with { LogIndex = 2L * i })];
    }

    [Fact]
    public void Twenty_gaps_are_each_named_and_a_twenty_first_is_counted()
    {
        var twenty = Audit(SpacedLog(21)).Auditor.LogViolations;
        Assert.Equal(20, twenty.Count);
        Assert.All(twenty, v => Assert.StartsWith("the log holds no event at index ", v, StringComparison.Ordinal));

        var more = Audit(SpacedLog(22)).Auditor.LogViolations;
        Assert.Equal(21, more.Count);
        Assert.Equal("the log holds no event at index 39: an event was deleted or moved", more[19]);
        Assert.Equal("and 1 more gaps in the log", more[20]);
    }

    [Fact]
    public void A_gap_right_after_the_checkpoint_leaves_the_checkpoint_checked()
    {
        var log = ValidLog();
        var signed = RootOf(log.Take(10));
        log[10] = log[10] with { LogIndex = 11 };

        var problem = Assert.Single(Audit(log, (10, signed)).Auditor.LogViolations);

        Assert.Equal("the log holds no event at index 10: an event was deleted or moved", problem);
        Assert.Null(Audit(log, (10, signed)).Auditor.LogRoot);
    }
}
