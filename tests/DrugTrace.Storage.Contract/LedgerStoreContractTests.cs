using DrugTrace.Application.Audit;
using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Application.Transparency;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Packs;
using DrugTrace.Domain.Parties;
using DrugTrace.Domain.Products;
using DrugTrace.Domain.Transparency;

namespace DrugTrace.Storage.Contract;

/// <summary>
/// What every store must do, whatever it is built on. A store's test class derives from this
/// and supplies fresh, empty ports. The tests are skippable: a store that needs a server it does
/// not have (MongoDB without DRUGTRACE_MONGO) overrides <see cref="RequireStore"/> to skip them,
/// so that they are reported as skipped, never as passed.
/// </summary>
public abstract partial class LedgerStoreContractTests
{
    protected const string Maker = "4012345000016";
    protected const string Pharmacy = "4012347000014";
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, 123, TimeSpan.Zero);

    protected abstract IPartyStore Parties { get; }
    protected abstract ICatalogStore Catalog { get; }
    protected abstract ILedgerStore Ledger { get; }
    protected abstract IScanLog Scans { get; }
    protected abstract ILogTreeStore Tree { get; }
    protected abstract ICustodyQueries Custody { get; }
    protected abstract IRecallNotices RecallNotices { get; }

    /// <summary>Called first by every contract test: skip (with <c>Skip.If</c>) when the store cannot be reached at all.</summary>
    protected virtual void RequireStore()
    {
    }

    [SkippableFact]
    public async Task A_commissioned_lot_can_be_read_back_pack_by_pack()
    {
        RequireStore();
        var (lot, packs) = await CommissionAsync("LOT1", 5);
        var stored = await Ledger.FindPackAsync(lot.Gtin, packs[2].Key, default);
        Assert.NotNull(stored);
        Assert.Equal(PackStatus.Active, stored.Status);
        Assert.Equal(Maker, stored.Custodian);
        Assert.Equal("LOT1", stored.Lot);
        Assert.Equal(lot.Expiry, stored.Expiry);
        Assert.Equal(new ChainHead(0, packs[2].Hash), stored.Head);
        Assert.Equal(Now, stored.ChangedAt);

        Assert.Equal(5, await Ledger.CountPacksAsync(lot.Gtin, "LOT1", default));
        var page = await Ledger.ListPacksAsync(lot.Gtin, "LOT1", 1, 3, default);
        Assert.Equal(packs.Skip(1).Take(3).Select(p => p.Key), page.Select(p => p.Serial));
        var storedLot = await Catalog.FindLotAsync(lot.Gtin, "LOT1", default);
        Assert.Equal(lot, storedLot);
        Assert.Null(await Ledger.FindPackAsync(lot.Gtin, "NOPE", default));
    }

    [SkippableFact]
    public async Task Many_packs_are_read_at_once_as_each_is_read_alone()
    {
        RequireStore();
        // More than one statement's or query's worth of serials, some of them unknown and one named twice.
        var (lot, packs) = await CommissionAsync("LOT1", 1_200);
        var asked = packs.Select(p => p.Key).Where((_, i) => i % 3 != 0).Concat(["NOPE1", packs[1].Key, "NOPE2"]).ToList();

        var found = await Ledger.FindPacksAsync(lot.Gtin, asked, default);

        Assert.Equal(asked.Where(s => !s.StartsWith("NOPE", StringComparison.Ordinal)).Distinct().Order(StringComparer.Ordinal), found.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(await Ledger.FindPackAsync(lot.Gtin, packs[1_199].Key, default), found[packs[1_199].Key]);
        Assert.Empty(await Ledger.FindPacksAsync("09506000134352", asked, default));
    }

    [SkippableFact]
    public async Task An_event_is_stored_byte_for_byte_as_it_was_hashed()
    {
        RequireStore();
        var (lot, packs) = await CommissionAsync("LOT2", 1);
        var chain = await Ledger.GetChainAsync(StreamKind.Pack, lot.Gtin, packs[0].Key, default);
        var stored = Assert.Single(chain).Event;
        Assert.Equal(packs[0], stored);
        Assert.Equal(stored.Hash, EventHasher.ComputeHash(stored));
        var lotChain = await Ledger.GetChainAsync(StreamKind.Lot, lot.Gtin, "LOT2", default);
        Assert.Equal(EventType.LotRegistered, Assert.Single(lotChain).Event.Type);
    }

    [SkippableFact]
    public async Task An_append_extends_the_head_and_a_stale_one_stores_nothing()
    {
        RequireStore();
        var (lot, packs) = await CommissionAsync("LOT3", 1);
        var pack = (await Ledger.FindPackAsync(lot.Gtin, packs[0].Key, default))!;
        var first = Next(pack, EventType.Shipped, to: Pharmacy);
        var shipped = PackLifecycle.Apply(pack, first);
        Assert.True(await Ledger.TryAppendAsync(first, shipped, lot.Head, default));

        // A second writer decided on the old head: it must lose, and leave no trace.
        var stale = Next(pack, EventType.Decommissioned, reason: "destroyed");
        Assert.False(await Ledger.TryAppendAsync(stale, PackLifecycle.Apply(pack, stale), lot.Head, default));

        var stored = (await Ledger.FindPackAsync(lot.Gtin, packs[0].Key, default))!;
        Assert.Equal(PackStatus.InTransit, stored.Status);
        Assert.Equal(Pharmacy, stored.ShipTo);
        Assert.Equal(new ChainHead(1, first.Hash), stored.Head);
        var chain = await Ledger.GetChainAsync(StreamKind.Pack, lot.Gtin, packs[0].Key, default);
        Assert.Equal([EventType.Commissioned, EventType.Shipped], chain.Select(e => e.Event.Type));
    }

    [SkippableFact]
    public async Task A_pack_event_with_the_next_seq_but_another_prevHash_is_refused_and_stores_nothing()
    {
        RequireStore();
        var (lot, packs) = await CommissionAsync("LOT3B", 1);
        var pack = (await Ledger.FindPackAsync(lot.Gtin, packs[0].Key, default))!;
        // The seq follows the head, so only the hash comparison can tell that this event does not
        // continue the chain: (chain, seq) is new and the unique index cannot stop it.
        var forged = EventHasher.Seal(Next(pack, EventType.Shipped, to: Pharmacy) with { PrevHash = OtherHash(pack.Head.Hash) });
        Assert.False(await Ledger.TryAppendAsync(forged, PackLifecycle.Apply(pack, forged), lot.Head, default));

        var stored = (await Ledger.FindPackAsync(lot.Gtin, packs[0].Key, default))!;
        Assert.Equal(pack, stored);
        var chain = await Ledger.GetChainAsync(StreamKind.Pack, lot.Gtin, packs[0].Key, default);
        Assert.Equal([packs[0]], chain.Select(e => e.Event));
        await AssertAuditCleanAsync(expectedEvents: 2);
    }

    [SkippableFact]
    public async Task A_lot_event_with_the_next_seq_but_another_prevHash_is_refused_and_stores_nothing()
    {
        RequireStore();
        var (lot, _) = await CommissionAsync("LOT9B", 1);
        var forged = EventHasher.Seal(new LedgerEvent
        {
            Stream = StreamKind.Lot, Gtin = lot.Gtin, Key = lot.Lot, Seq = 1, Type = EventType.LotRecalled, Actor = Maker,
            Reason = "Contamination", OccurredAt = Now, RecordedAt = Now, PrevHash = OtherHash(lot.Head.Hash),
        });
        var recalled = lot with { Head = new ChainHead(1, forged.Hash), RecalledAt = Now, RecallReason = "Contamination" };
        Assert.False(await Ledger.TryAppendAsync(forged, recalled, default));

        Assert.Equal(lot, await Catalog.FindLotAsync(lot.Gtin, lot.Lot, default));
        var chain = await Ledger.GetChainAsync(StreamKind.Lot, lot.Gtin, lot.Lot, default);
        Assert.Equal([EventType.LotRegistered], chain.Select(e => e.Event.Type));
        await AssertAuditCleanAsync(expectedEvents: 2);
    }

    [SkippableFact]
    public async Task A_quarantine_is_stored_with_the_status_its_release_goes_back_to()
    {
        RequireStore();
        var (lot, packs) = await CommissionAsync("LOTQ", 1);
        var pack = (await Ledger.FindPackAsync(lot.Gtin, packs[0].Key, default))!;
        var shipped = Next(pack, EventType.Shipped, to: Pharmacy);
        pack = PackLifecycle.Apply(pack, shipped);
        Assert.True(await Ledger.TryAppendAsync(shipped, pack, lot.Head, default));
        var held = Next(pack, EventType.Quarantined, reason: "seal broken", at: Now.AddMinutes(1));
        Assert.True(await Ledger.TryAppendAsync(held, PackLifecycle.Apply(pack, held), lot.Head, default));

        var stored = (await Ledger.FindPackAsync(lot.Gtin, packs[0].Key, default))!;
        Assert.Equal((PackStatus.Quarantined, PackStatus.InTransit, Pharmacy), (stored.Status, stored.HeldFrom, stored.ShipTo));

        var released = Next(stored, EventType.Released, at: Now.AddMinutes(2));
        Assert.True(await Ledger.TryAppendAsync(released, PackLifecycle.Apply(stored, released), lot.Head, default));
        var back = (await Ledger.FindPackAsync(lot.Gtin, packs[0].Key, default))!;
        Assert.Equal((PackStatus.InTransit, (PackStatus?)null, Pharmacy), (back.Status, back.HeldFrom, back.ShipTo));
    }

    [SkippableFact]
    public async Task Stock_counts_a_partys_own_packs_by_lot_and_status_and_filters_them()
    {
        RequireStore();
        var (lot, packs) = await CommissionAsync("LOTS1", 4);
        var (_, later) = await CommissionAsync("LOTS2", 2, expiryGiven: new DateOnly(2030, 1, 31));
        // One pack leaves (in transit), one is quarantined at home, one is quarantined on its way.
        await AppendAsync(packs[0], EventType.Shipped, to: Pharmacy);
        await AppendAsync(packs[1], EventType.Quarantined, reason: "damaged");
        await AppendAsync(packs[2], EventType.Shipped, to: Pharmacy);
        await AppendAsync(packs[2], EventType.Quarantined, reason: "damaged", actor: Pharmacy);

        var all = (await Custody.CountStockAsync(Maker, new StockFilter(), default))
            .OrderBy(c => c.Lot, StringComparer.Ordinal).ThenBy(c => c.Status).ToList();
        Assert.Equal(
            [new StockCount(lot.Gtin, "LOTS1", lot.Expiry, PackStatus.Active, 1), new StockCount(lot.Gtin, "LOTS1", lot.Expiry, PackStatus.Quarantined, 1),
             new StockCount(lot.Gtin, "LOTS2", new DateOnly(2030, 1, 31), PackStatus.Active, 2)],
            all);
        Assert.Empty(await Custody.CountStockAsync(Pharmacy, new StockFilter(), default));
        Assert.Equal(["LOTS2"], (await Custody.CountStockAsync(Maker, new StockFilter(Lot: "LOTS2"), default)).Select(c => c.Lot));
        Assert.Equal(["LOTS1", "LOTS1"], (await Custody.CountStockAsync(Maker, new StockFilter(ExpiringBefore: new DateOnly(2030, 1, 1)), default)).Select(c => c.Lot));
        Assert.Empty(await Custody.CountStockAsync(Maker, new StockFilter(Gtin: "04012345000122"), default));
        Assert.Equal(2, later.Count);
    }

    [SkippableFact]
    public async Task Shipments_in_transit_are_listed_for_the_sender_and_the_recipient_only()
    {
        RequireStore();
        var (_, packs) = await CommissionAsync("LOTT1", 3);
        await AppendAsync(packs[1], EventType.Shipped, to: Pharmacy, at: Now.AddHours(2));
        await AppendAsync(packs[0], EventType.Shipped, to: Pharmacy, at: Now.AddHours(1));

        var incoming = await Custody.ListInTransitAsync(Pharmacy, ShipmentDirection.Incoming, 10, default);
        Assert.Equal([packs[0].Key, packs[1].Key], incoming.Select(p => p.Serial));
        Assert.All(incoming, p => Assert.Equal((PackStatus.InTransit, Maker, Pharmacy), (p.Status, p.Custodian, p.ShipTo)));
        Assert.Equal([packs[0].Key, packs[1].Key], (await Custody.ListInTransitAsync(Maker, ShipmentDirection.Outgoing, 10, default)).Select(p => p.Serial));
        Assert.Single(await Custody.ListInTransitAsync(Maker, ShipmentDirection.Outgoing, 1, default));
        Assert.Empty(await Custody.ListInTransitAsync(Maker, ShipmentDirection.Incoming, 10, default));
        Assert.Empty(await Custody.ListInTransitAsync(Pharmacy, ShipmentDirection.Outgoing, 10, default));
    }

    [SkippableFact]
    public async Task A_public_recall_text_is_stored_beside_the_lot_without_changing_its_state()
    {
        RequireStore();
        var (lot, _) = await CommissionAsync("LOTP", 1);
        Assert.Null(await RecallNotices.FindAsync(lot.Gtin, "LOTP", default));
        await RecallNotices.SetAsync(lot.Gtin, "LOTP", "Return it to a pharmacy.", default);
        Assert.Equal("Return it to a pharmacy.", await RecallNotices.FindAsync(lot.Gtin, "LOTP", default));
        Assert.Equal(lot, await Catalog.FindLotAsync(lot.Gtin, "LOTP", default));
        await RecallNotices.SetAsync(lot.Gtin, "LOTP", null, default);
        Assert.Null(await RecallNotices.FindAsync(lot.Gtin, "LOTP", default));
        Assert.Null(await RecallNotices.FindAsync(lot.Gtin, "NOLOT", default));
    }

    private async Task AppendAsync(LedgerEvent commissioned, EventType type, string? to = null, string? reason = null, string? actor = null, DateTimeOffset? at = null)
    {
        var pack = (await Ledger.FindPackAsync(commissioned.Gtin, commissioned.Key, default))!;
        var e = Next(pack, type, to, reason, at ?? Now.AddMinutes(pack.Head.Seq + 1));
        if (actor is not null) e = EventHasher.Seal(e with { Actor = actor });
        var lot = (await Catalog.FindLotAsync(pack.Gtin, pack.Lot, default))!;
        Assert.True(await Ledger.TryAppendAsync(e, PackLifecycle.Apply(pack, e), lot.Head, default));
    }

    [SkippableFact]
    public async Task Concurrent_appends_to_one_pack_have_exactly_one_winner()
    {
        RequireStore();
        var (lot, packs) = await CommissionAsync("LOT4", 1);
        var pack = (await Ledger.FindPackAsync(lot.Gtin, packs[0].Key, default))!;
        var attempts = Enumerable.Range(0, 20).Select(i =>
        {
            var e = Next(pack, EventType.Decommissioned, reason: "destroyed", at: Now.AddMilliseconds(i));
            return Task.Run(async () => await Ledger.TryAppendAsync(e, PackLifecycle.Apply(pack, e), lot.Head, default));
        }).ToList();
        var results = await Task.WhenAll(attempts);
        Assert.Single(results, won => won);
        Assert.Equal(2, (await Ledger.GetChainAsync(StreamKind.Pack, lot.Gtin, packs[0].Key, default)).Count);
    }

    [SkippableFact]
    public async Task A_lot_registered_twice_is_a_conflict_and_the_first_stays_whole()
    {
        RequireStore();
        var (lot, _) = await CommissionAsync("LOT5", 3);
        await Assert.ThrowsAsync<ConflictException>(() => CommissionAsync("LOT5", 2, lot.Gtin));
        Assert.Equal(3, await Ledger.CountPacksAsync(lot.Gtin, "LOT5", default));
    }

    [SkippableFact]
    public async Task A_commission_that_fails_half_way_stores_no_pack_of_it()
    {
        RequireStore();
        var (lot, packs) = await CommissionAsync("LOT6", 3);
        // The new lot's 500th pack repeats a serial that exists: the whole lot must be rolled back.
        var clash = Enumerable.Range(0, 1000).Select(i => i == 499 ? packs[0].Key : $"NEW{i:D6}").ToList();
        await Assert.ThrowsAsync<SerialCollisionException>(() => CommissionAsync("LOT7", 1000, lot.Gtin, clash));
        Assert.Null(await Catalog.FindLotAsync(lot.Gtin, "LOT7", default));
        Assert.Null(await Ledger.FindPackAsync(lot.Gtin, "NEW000000", default));
        Assert.Equal(0, await Ledger.CountPacksAsync(lot.Gtin, "LOT7", default));

        var auditor = await new LedgerAudit(Ledger).RunAsync(null, null, default);
        Assert.Empty(auditor.Violations);
    }

    /// <summary>
    /// Bigger than one transaction of a store that commissions in chunks (MongoDB's contract store uses
    /// small ones): the lot is seen whole, its packs in commission order, stock and tree complete, the audit clean.
    /// </summary>
    [SkippableFact]
    public async Task A_lot_bigger_than_one_transaction_is_seen_whole()
    {
        RequireStore();
        const int quantity = 1_500;
        var (lot, packs) = await CommissionAsync("LOTBIG", quantity);

        Assert.Equal(lot, await Catalog.FindLotAsync(lot.Gtin, "LOTBIG", default));
        Assert.Contains(lot, await Catalog.ListLotsAsync(lot.Gtin, default));
        Assert.Equal(quantity, await Ledger.CountPacksAsync(lot.Gtin, "LOTBIG", default));
        Assert.Equal(packs.Skip(quantity - 3).Select(p => p.Key), (await Ledger.ListPacksAsync(lot.Gtin, "LOTBIG", quantity - 3, 10, default)).Select(p => p.Serial));
        Assert.Equal(PackStatus.Active, (await Ledger.FindPackAsync(lot.Gtin, packs[0].Key, default))?.Status);
        Assert.Equal(PackStatus.Active, (await Ledger.FindPackAsync(lot.Gtin, packs[^1].Key, default))?.Status);
        var stock = await Custody.CountStockAsync(Maker, new StockFilter(lot.Gtin, "LOTBIG", null), default);
        Assert.Equal(quantity, stock.Sum(s => s.Count));

        // A pack of the big lot moves like any other, and the lot can be recalled.
        var last = (await Ledger.FindPackAsync(lot.Gtin, packs[^1].Key, default))!;
        var ship = Next(last, EventType.Shipped, to: Pharmacy);
        Assert.True(await Ledger.TryAppendAsync(ship, PackLifecycle.Apply(last, ship), lot.Head, default));
        var (recall, recalled) = Recall(lot);
        Assert.True(await Ledger.TryAppendAsync(recall, recalled, default));

        Assert.Equal(quantity + 3, await Tree.GetSizeAsync(default));
        await AssertAuditCleanAsync(quantity + 3);
    }

    [SkippableFact]
    public async Task The_audit_sees_every_event_in_a_gap_free_log()
    {
        RequireStore();
        var (lot, packs) = await CommissionAsync("LOT8", 10);
        var tasks = packs.Select(async p =>
        {
            var pack = (await Ledger.FindPackAsync(lot.Gtin, p.Key, default))!;
            var e = Next(pack, EventType.Shipped, to: Pharmacy);
            Assert.True(await Ledger.TryAppendAsync(e, PackLifecycle.Apply(pack, e), lot.Head, default));
        });
        await Task.WhenAll(tasks);

        var progress = new List<long>();
        var auditor = await new LedgerAudit(Ledger).RunAsync(null, new SynchronousProgress(progress), default);
        Assert.Empty(auditor.Violations);
        Assert.True(auditor.Events >= 21);
        Assert.True(auditor.PackChains >= 10);
        Assert.Equal(auditor.Events, progress[^1]);
    }

    [SkippableFact]
    public async Task The_log_counts_from_zero_and_its_tree_is_kept_at_append()
    {
        RequireStore();
        Assert.Equal(0, await Tree.GetSizeAsync(default));
        // 1 + 300 events cross one full tile; appends after it go through the single-event path.
        var (lot, packs) = await CommissionAsync("LOT9", 300);
        var lotChain = await Ledger.GetChainAsync(StreamKind.Lot, lot.Gtin, "LOT9", default);
        Assert.Equal(0, Assert.Single(lotChain).LogIndex);
        foreach (var p in packs.Take(20))
        {
            var pack = (await Ledger.FindPackAsync(lot.Gtin, p.Key, default))!;
            var e = Next(pack, EventType.Shipped, to: Pharmacy);
            Assert.True(await Ledger.TryAppendAsync(e, PackLifecycle.Apply(pack, e), lot.Head, default));
        }
        var size = await Tree.GetSizeAsync(default);
        Assert.Equal(321, size);

        // The root from the kept tiles equals the root folded from every stored event in log order.
        var auditor = await new LedgerAudit(Ledger).RunAsync(null, null, default);
        Assert.NotNull(auditor.LogRoot);
        var root = auditor.LogRoot.Value;
        var tree = new LogTree(Tree);
        Assert.Equal(root, await tree.RootAsync(size, default));
        var level1 = await Tree.ReadTileAsync(1, 0, 1, default);
        Assert.Single(level1);

        // Every event of a pack is provably in the tree, at its log index, at the current and an older size.
        var chain = await Ledger.GetChainAsync(StreamKind.Pack, lot.Gtin, packs[3].Key, default);
        Assert.Equal(2, chain.Count);
        foreach (var stored in chain)
        {
            var (leaf, proof) = await tree.InclusionAsync(stored.LogIndex, size, default);
            Assert.Equal(Rfc6962.LeafHash(stored.Event.Hash), leaf);
            Assert.True(ProofVerifier.VerifyInclusion(stored.LogIndex, size, leaf, proof, root).IsValid);
        }
        var oldRoot = await tree.RootAsync(257, default);
        var consistency = await tree.ConsistencyAsync(257, size, default);
        Assert.True(ProofVerifier.VerifyConsistency(257, size, consistency, oldRoot, root).IsValid);
    }

    [SkippableFact]
    public async Task A_rolled_back_commission_leaves_the_tree_as_it_was()
    {
        RequireStore();
        var (lot, packs) = await CommissionAsync("LOTA", 100);
        var before = await Tree.GetSizeAsync(default);
        var clash = Enumerable.Range(0, 400).Select(i => i == 399 ? packs[0].Key : $"RB{i:D6}").ToList();
        await Assert.ThrowsAsync<SerialCollisionException>(() => CommissionAsync("LOTB", 400, lot.Gtin, clash));
        Assert.Equal(before, await Tree.GetSizeAsync(default));
        Assert.Empty(await Tree.ReadTileAsync(1, 0, 1, default));
        // The next commission crosses the tile boundary the rolled-back one had crossed: its root is right.
        await CommissionAsync("LOTC", 300, lot.Gtin);
        var auditor = await new LedgerAudit(Ledger).RunAsync(null, null, default);
        Assert.Empty(auditor.Violations);
        Assert.Equal(auditor.LogRoot, await new LogTree(Tree).RootAsync(await Tree.GetSizeAsync(default), default));
    }

    [SkippableFact]
    public async Task A_batch_stores_a_new_lot_its_packs_their_handoffs_and_more_packs_in_one_go_in_log_order()
    {
        RequireStore();
        var (existing, _) = await CommissionAsync("LOTX1", 1);
        var before = await Tree.GetSizeAsync(default);
        var (lotEvent, lot, packEvents) = Draft("LOTX2", 3);
        var shipped = new List<LedgerWrite>();
        var s0 = PackLifecycle.Apply(null, packEvents[0]);
        var ship = Next(s0, EventType.Shipped, to: Pharmacy);
        var s1 = PackLifecycle.Apply(s0, ship);
        var receive = EventHasher.Seal(Next(s1, EventType.Received) with { Actor = Pharmacy, From = Maker, To = Pharmacy });
        var more = Draft(existing, "X1ADD", 2);
        var writes = new LedgerWrite[]
        {
            new LotRegistration(lot, lotEvent),
            new PacksCommissioning(lot, packEvents),
            new PackAppend(ship, s1, lot.Head),
            new PackAppend(receive, PackLifecycle.Apply(s1, receive), lot.Head),
            new PacksCommissioning(existing, more),
        };
        Assert.True(await Ledger.TryAppendBatchAsync(writes, default));

        Assert.Equal(before + 1 + 3 + 2 + 2, await Tree.GetSizeAsync(default));
        var chain = await Ledger.GetChainAsync(StreamKind.Pack, lot.Gtin, packEvents[0].Key, default);
        Assert.Equal([EventType.Commissioned, EventType.Shipped, EventType.Received], chain.Select(c => c.Event.Type));
        Assert.True(chain.Zip(chain.Skip(1)).All(p => p.First.LogIndex < p.Second.LogIndex));
        Assert.Equal(Pharmacy, (await Ledger.FindPackAsync(lot.Gtin, packEvents[0].Key, default))!.Custodian);
        Assert.Equal(3, await Ledger.CountPacksAsync(existing.Gtin, "LOTX1", default));
        Assert.Equal(lot, await Catalog.FindLotAsync(lot.Gtin, "LOTX2", default));
        await AssertAuditCleanAsync(before + 8);
    }

    [SkippableFact]
    public async Task A_batch_with_one_stale_write_stores_nothing_of_it()
    {
        RequireStore();
        var (existing, packs) = await CommissionAsync("LOTY1", 1);
        var before = await Tree.GetSizeAsync(default);
        var pack = (await Ledger.FindPackAsync(existing.Gtin, packs[0].Key, default))!;
        var (lotEvent, lot, packEvents) = Draft("LOTY2", 2);
        var (recall, recalled) = Recall(existing);
        var good = Next(pack, EventType.Shipped, to: Pharmacy);

        // Last write decided on a head that is not the pack's (a stale decision), or on the lot before a recall.
        var stale = EventHasher.Seal(Next(pack, EventType.Decommissioned, reason: "destroyed") with { Seq = pack.Head.Seq + 2 });
        foreach (var last in new LedgerWrite[]
                 {
                     new PackAppend(stale, PackLifecycle.Apply(pack, stale), existing.Head),
                     new PacksCommissioning(existing, Draft(existing, "Y1ADD", 1)),
                     new LotRegistration(existing, EventHasher.Seal(lotEvent with { Key = "LOTY1", Lot = "LOTY1" })),
                     new PacksCommissioning(lot, [packs[0] with { Lot = "LOTY2" }]),
                 })
        {
            var writes = new LedgerWrite[]
            {
                new LotRegistration(lot, lotEvent), new PacksCommissioning(lot, packEvents),
                new PackAppend(good, PackLifecycle.Apply(pack, good), existing.Head), new LotAppend(recall, recalled), last,
            };
            Assert.False(await Ledger.TryAppendBatchAsync(writes, default), last.GetType().Name);
            Assert.Equal(before, await Tree.GetSizeAsync(default));
            Assert.Null(await Catalog.FindLotAsync(lot.Gtin, "LOTY2", default));
            Assert.Equal(existing, await Catalog.FindLotAsync(existing.Gtin, "LOTY1", default));
            Assert.Equal(pack, await Ledger.FindPackAsync(existing.Gtin, packs[0].Key, default));
            Assert.Null(await Ledger.FindPackAsync(lot.Gtin, packEvents[0].Key, default));
        }
        await AssertAuditCleanAsync(before);
    }

    protected static (LedgerEvent LotEvent, LotState Lot, IReadOnlyList<LedgerEvent> Packs) Draft(string lotNumber, int quantity, string gtin = "04012345000115")
    {
        var expiry = new DateOnly(2029, 5, 31);
        var lotEvent = EventHasher.Seal(new LedgerEvent
        {
            Stream = StreamKind.Lot, Gtin = gtin, Key = lotNumber, Seq = 0, Type = EventType.LotRegistered, Actor = Maker,
            Lot = lotNumber, Expiry = expiry, OccurredAt = Now, RecordedAt = Now, PrevHash = Hash256.Zero,
        });
        var lot = new LotState(gtin, lotNumber, expiry, Maker, new ChainHead(0, lotEvent.Hash));
        return (lotEvent, lot, Draft(lot, lotNumber + "S", quantity));
    }

    private static IReadOnlyList<LedgerEvent> Draft(LotState lot, string prefix, int quantity) =>
        [.. Enumerable.Range(0, quantity).Select(i => EventHasher.Seal(new LedgerEvent
        {
            Stream = StreamKind.Pack, Gtin = lot.Gtin, Key = $"{prefix}{i:D5}", Seq = 0, Type = EventType.Commissioned,
            Actor = Maker, Lot = lot.Lot, Expiry = lot.Expiry, OccurredAt = Now, RecordedAt = Now, PrevHash = Hash256.Zero,
        }))];

    [SkippableFact]
    public async Task A_recall_moves_the_lot_head_once()
    {
        RequireStore();
        var (lot, _) = await CommissionAsync("LOT9", 1);
        var e = EventHasher.Seal(new LedgerEvent
        {
            Stream = StreamKind.Lot, Gtin = lot.Gtin, Key = lot.Lot, Seq = 1, Type = EventType.LotRecalled, Actor = Maker,
            Reason = "Contamination", OccurredAt = Now, RecordedAt = Now, PrevHash = lot.Head.Hash,
        });
        var recalled = lot with { Head = new ChainHead(1, e.Hash), RecalledAt = Now, RecallReason = "Contamination" };
        Assert.True(await Ledger.TryAppendAsync(e, recalled, default));
        Assert.False(await Ledger.TryAppendAsync(e, recalled, default));
        Assert.Equal(recalled, await Catalog.FindLotAsync(lot.Gtin, lot.Lot, default));
        // The head moved, and the event it points at is in the lot's chain (not only in the head).
        var chain = await Ledger.GetChainAsync(StreamKind.Lot, lot.Gtin, lot.Lot, default);
        Assert.Equal([EventType.LotRegistered, EventType.LotRecalled], chain.Select(c => c.Event.Type));
        Assert.Equal(e, chain[1].Event);
        await AssertAuditCleanAsync(expectedEvents: 3);
    }

    [SkippableFact]
    public async Task A_lot_read_before_its_recall_is_read_recalled_after_it_whether_appended_alone_or_in_a_batch()
    {
        RequireStore();
        var (alone, _) = await CommissionAsync("LOTC1", 1);
        var (batched, _) = await CommissionAsync("LOTC2", 1);
        // Read first, as every scan of their packs does (a store may keep what it read).
        Assert.Equal(alone, await Catalog.FindLotAsync(alone.Gtin, alone.Lot, default));
        Assert.Equal(batched, await Catalog.FindLotAsync(batched.Gtin, batched.Lot, default));

        var (recall, recalled) = Recall(alone);
        Assert.True(await Ledger.TryAppendAsync(recall, recalled, default));
        Assert.Equal(recalled, await Catalog.FindLotAsync(alone.Gtin, alone.Lot, default));
        Assert.Equal(batched, await Catalog.FindLotAsync(batched.Gtin, batched.Lot, default));

        var (batchRecall, batchRecalled) = Recall(batched);
        Assert.True(await Ledger.TryAppendBatchAsync([new LotAppend(batchRecall, batchRecalled)], default));
        Assert.Equal(batchRecalled, await Catalog.FindLotAsync(batched.Gtin, batched.Lot, default));
        // A GTIN looked up before it was registered is found once it is (nothing is kept of "not found").
        Assert.Null(await Catalog.FindProductAsync("04012345000122", default));
        var product = new Product("04012345000122", "Ibuprofen", null, null, Maker);
        await Catalog.AddProductAsync(product, default);
        Assert.Equal(product, await Catalog.FindProductAsync("04012345000122", default));
    }

    [SkippableFact]
    public async Task A_pack_append_decided_before_its_lot_was_recalled_stores_nothing()
    {
        RequireStore();
        var (lot, packs) = await CommissionAsync("LOT10", 2);
        var pack = (await Ledger.FindPackAsync(lot.Gtin, packs[0].Key, default))!;
        var recall = Recall(lot);
        Assert.True(await Ledger.TryAppendAsync(recall.Event, recall.State, default));

        // Decided on the lot as it was before the recall: the pack's own head has not moved, the lot's has.
        var shipped = Next(pack, EventType.Shipped, to: Pharmacy);
        Assert.False(await Ledger.TryAppendAsync(shipped, PackLifecycle.Apply(pack, shipped), lot.Head, default));
        Assert.Equal(pack.Head, (await Ledger.FindPackAsync(lot.Gtin, packs[0].Key, default))!.Head);
        Assert.Single(await Ledger.GetChainAsync(StreamKind.Pack, lot.Gtin, packs[0].Key, default));

        // Decided on the recalled lot's head, it goes through (what the rules then allow is the domain's business).
        Assert.True(await Ledger.TryAppendAsync(shipped, PackLifecycle.Apply(pack, shipped), recall.State.Head, default));
    }

    [SkippableFact]
    public async Task A_recall_racing_many_pack_appends_leaves_none_committed_after_it()
    {
        RequireStore();
        var (lot, packs) = await CommissionAsync("LOT11", 40);
        var heads = new List<PackState>();
        foreach (var p in packs) heads.Add((await Ledger.FindPackAsync(lot.Gtin, p.Key, default))!);
        var recall = Recall(lot);

        using var gate = new ManualResetEventSlim();
        var appends = heads.Select(pack => Task.Run(async () =>
        {
            gate.Wait();
            var e = Next(pack, EventType.Decommissioned, reason: "destroyed");
            return await Ledger.TryAppendAsync(e, PackLifecycle.Apply(pack, e), lot.Head, default);
        })).ToList();
        var recalling = Task.Run(async () =>
        {
            gate.Wait();
            return await Ledger.TryAppendAsync(recall.Event, recall.State, default);
        });
        gate.Set();
        Assert.True(await recalling);
        var won = await Task.WhenAll(appends);

        // The global log order is the commit order: no pack event of this lot may follow the recall.
        var auditor = await new LedgerAudit(Ledger).RunAsync(null, null, default);
        Assert.Empty(auditor.Violations);
        var recallIndex = Assert.Single(await Ledger.GetChainAsync(StreamKind.Lot, lot.Gtin, lot.Lot, default), e => e.Event.Type == EventType.LotRecalled).LogIndex;
        for (var i = 0; i < packs.Count; i++)
        {
            var chain = await Ledger.GetChainAsync(StreamKind.Pack, lot.Gtin, packs[i].Key, default);
            Assert.Equal(won[i] ? 2 : 1, chain.Count);
            if (won[i]) Assert.True(chain[1].LogIndex < recallIndex, $"pack {i} was decommissioned after the recall committed");
        }
    }

    [SkippableFact]
    public async Task Parties_products_and_scans_are_stored()
    {
        RequireStore();
        await Assert.ThrowsAsync<ConflictException>(() => Parties.AddAsync(new Party(Maker, "Again", PartyRole.Pharmacy), null, default).AsTask());
        Assert.Equal(new Party(Maker, "Maker", PartyRole.Manufacturer), await Parties.FindAsync(Maker, default));
        Assert.Equal(Maker, (await Parties.FindByApiKeyHashAsync("hash-of-maker", default))?.Gln);
        Assert.Null(await Parties.FindByApiKeyHashAsync("unknown", default));
        var product = new Product("05012345000121", "Metformin", "tablet", null, Maker);
        await Catalog.AddProductAsync(product, default);
        Assert.Equal(product, await Catalog.FindProductAsync(product.Gtin, default));
        Assert.Contains(product, await Catalog.ListProductsAsync(Maker, default));
        await Assert.ThrowsAsync<ConflictException>(() => Catalog.AddProductAsync(product, default).AsTask());
        await Scans.RecordAsync(new ScanRecord(Now, Pharmacy, "verify", "(01)x", null, null, "ok", null), default);
    }

    [SkippableFact]
    public async Task Products_are_listed_by_name_all_of_them_or_those_of_one_manufacturer()
    {
        RequireStore();
        var zinc = new Product("05012345000138", "Zinc", null, null, Maker);
        var benzocaine = new Product("05012345000145", "Benzocaine", "gel", "20%", Pharmacy);
        await Catalog.AddProductAsync(zinc, default);
        await Catalog.AddProductAsync(benzocaine, default);

        Assert.Equal(["Amoxicillin", "Benzocaine", "Zinc"], (await Catalog.ListProductsAsync(null, default)).Select(p => p.Name));
        Assert.Equal(["Amoxicillin", "Zinc"], (await Catalog.ListProductsAsync(Maker, default)).Select(p => p.Name));
        Assert.Equal([benzocaine], await Catalog.ListProductsAsync(Pharmacy, default));
        Assert.Empty(await Catalog.ListProductsAsync("4099999000019", default));
    }

    [SkippableFact]
    public async Task An_empty_batch_is_stored_at_once()
    {
        RequireStore();
        Assert.True(await Ledger.TryAppendBatchAsync([], default));
    }

    [SkippableFact]
    public async Task A_packs_recent_sightings_name_each_party_once_at_its_latest_scan_newest_first_and_leave_out_shipping_scans()
    {
        RequireStore();
        var gtin = "04012345000115";
        const string Wholesaler = "4012346000015";
        ScanRecord Scan(int minutes, string actor, string serial, string action = "verify") =>
            new(Now.AddMinutes(minutes), actor, action, $"(01){gtin}(21){serial}", gtin, serial, "warning", "CustodyException");
        await Scans.RecordAsync(Scan(-40, Maker, "SN1"), default);
        await Scans.RecordAsync(Scan(-25, Pharmacy, "SN1"), default);
        await Scans.RecordAsync(Scan(-20, Pharmacy, "SN1", "receive"), default);
        await Scans.RecordAsync(Scan(-10, Pharmacy, "SN2"), default);
        await Scans.RecordAsync(Scan(-8, Wholesaler, "SN1", "ship"), default);
        await Scans.RecordAsync(Scan(-6, Maker, "SN1"), default);
        await Scans.RecordAsync(Scan(-5, Maker, "SN1", "ship"), default);

        var recent = await Scans.SightingsOfPackAsync(gtin, "SN1", Now.AddMinutes(-30), default);

        // The maker's -40 scan is before the window, its -5 one shipped; the wholesaler only shipped.
        Assert.Equal([new ScanSighting(Maker, Now.AddMinutes(-6)), new ScanSighting(Pharmacy, Now.AddMinutes(-20))], recent);
        Assert.Empty(await Scans.SightingsOfPackAsync(gtin, "SN3", Now.AddHours(-1), default));
    }

    protected async Task InitializeAsync()
    {
        await Parties.AddAsync(new Party(Maker, "Maker", PartyRole.Manufacturer), "hash-of-maker", default);
        await Parties.AddAsync(new Party(Pharmacy, "Pharmacy", PartyRole.Pharmacy), null, default);
        await Catalog.AddProductAsync(new Product("04012345000115", "Amoxicillin", null, null, Maker), default);
    }

    protected async Task<(LotState Lot, IReadOnlyList<LedgerEvent> Packs)> CommissionAsync(
        string lotNumber, int quantity, string gtin = "04012345000115", IReadOnlyList<string>? serials = null, DateOnly? expiryGiven = null)
    {
        var expiry = expiryGiven ?? new DateOnly(2029, 5, 31);
        var lotEvent = EventHasher.Seal(new LedgerEvent
        {
            Stream = StreamKind.Lot, Gtin = gtin, Key = lotNumber, Seq = 0, Type = EventType.LotRegistered, Actor = Maker,
            Lot = lotNumber, Expiry = expiry, OccurredAt = Now, RecordedAt = Now, PrevHash = Hash256.Zero,
        });
        var packs = Enumerable.Range(0, quantity).Select(i => EventHasher.Seal(new LedgerEvent
        {
            Stream = StreamKind.Pack, Gtin = gtin, Key = serials?[i] ?? $"{lotNumber}S{i:D5}", Seq = 0, Type = EventType.Commissioned,
            Actor = Maker, Lot = lotNumber, Expiry = expiry, OccurredAt = Now, RecordedAt = Now, PrevHash = Hash256.Zero,
        })).ToList();
        var lot = new LotState(gtin, lotNumber, expiry, Maker, new ChainHead(0, lotEvent.Hash));
        await Ledger.CommissionAsync(lot, lotEvent, packs, default);
        return (lot, packs);
    }

    private static (LedgerEvent Event, LotState State) Recall(LotState lot)
    {
        var e = EventHasher.Seal(new LedgerEvent
        {
            Stream = StreamKind.Lot, Gtin = lot.Gtin, Key = lot.Lot, Seq = lot.Head.Seq + 1, Type = EventType.LotRecalled, Actor = Maker,
            Reason = "Contamination", OccurredAt = Now, RecordedAt = Now, PrevHash = lot.Head.Hash,
        });
        return (e, lot with { Head = new ChainHead(e.Seq, e.Hash), RecalledAt = Now, RecallReason = "Contamination" });
    }

    private static LedgerEvent Next(PackState pack, EventType type, string? to = null, string? reason = null, DateTimeOffset? at = null) =>
        EventHasher.Seal(new LedgerEvent
        {
            Stream = StreamKind.Pack, Gtin = pack.Gtin, Key = pack.Serial, Seq = pack.Head.Seq + 1, Type = type, Actor = pack.Custodian,
            From = pack.Custodian, To = to, Reason = reason, OccurredAt = at ?? Now, RecordedAt = at ?? Now, PrevHash = pack.Head.Hash,
        });

    /// <summary>A hash that differs from <paramref name="hash"/> in its first byte only.</summary>
    private static Hash256 OtherHash(Hash256 hash) => hash with { A = hash.A ^ 0xFF00_0000_0000_0000UL };

    protected async Task AssertAuditCleanAsync(long expectedEvents)
    {
        var auditor = await new LedgerAudit(Ledger).RunAsync(null, null, default);
        Assert.Empty(auditor.Violations);
        Assert.Equal(expectedEvents, auditor.Events);
    }

    /// <summary>Progress&lt;T&gt; posts to the thread pool; the test needs the reports before it asserts.</summary>
    private sealed class SynchronousProgress(List<long> reports) : IProgress<long>
    {
        public void Report(long value) => reports.Add(value);
    }
}
