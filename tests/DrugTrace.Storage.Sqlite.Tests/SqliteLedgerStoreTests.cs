using DrugTrace.Application.Audit;
using DrugTrace.Application.Cases;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Domain.Cases;
using DrugTrace.Domain.Epcis;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Packs;
using DrugTrace.Domain.Parties;
using DrugTrace.Storage.Contract;
using Microsoft.Data.Sqlite;
using static DrugTrace.Storage.Sqlite.Tests.TestSql;

namespace DrugTrace.Storage.Sqlite.Tests;

/// <summary>The store contract against a fresh SQLite file per test.</summary>
public sealed class SqliteLedgerStoreTests : LedgerStoreContractTests, IAsyncLifetime
{
    private readonly SqliteTestStore _store = new("drugtrace-store-");

    protected override IPartyStore Parties => _store.Get<IPartyStore>();
    protected override ICatalogStore Catalog => _store.Get<ICatalogStore>();
    protected override ILedgerStore Ledger => _store.Get<ILedgerStore>();
    protected override IScanLog Scans => _store.Get<IScanLog>();
    protected override ILogTreeStore Tree => _store.Get<ILogTreeStore>();
    protected override ICustodyQueries Custody => _store.Get<ICustodyQueries>();
    protected override IRecallNotices RecallNotices => _store.Get<IRecallNotices>();
    protected override ILedgerEventQuery Events => _store.Get<ILedgerEventQuery>();

    [Fact]
    public void The_database_is_in_WAL_mode_at_the_current_schema_version()
    {
        var db = _store.Get<SqliteDatabase>();
        using var connection = db.OpenRead();
        Assert.Equal("wal", Scalar(connection, "PRAGMA journal_mode"));
        Assert.Equal((long)SqliteSchema.Version, Scalar(connection, "PRAGMA user_version"));
        Assert.StartsWith(_store.Directory, db.FilePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_audit_read_sees_the_ledger_as_it_was_when_it_began_in_every_part()
    {
        await CommissionAsync("SNAP1", 6);

        var chains = new List<StoredChain>();
        await using (var read = Ledger.ReadChainsAsync(default).GetAsyncEnumerator())
        {
            Assert.True(await read.MoveNextAsync());
            chains.Add(read.Current);
            // Committed after the snapshots were taken, before the pack parts run: no part may read it.
            await CommissionAsync("SNAP2", 5);
            while (await read.MoveNextAsync()) chains.Add(read.Current);
        }

        Assert.Equal(["SNAP1"], chains.Where(c => c.Stream == StreamKind.Lot).Select(c => c.Key));
        Assert.Equal(6, chains.Count(c => c.Stream == StreamKind.Pack));
        Assert.DoesNotContain(chains, c => c.Key.StartsWith("SNAP2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_audit_read_sees_no_commit_that_falls_after_its_snapshots_are_taken_and_before_its_first_read()
    {
        await CommissionAsync("PIN1", 3);
        var writer = _store.Get<SqliteDatabase>().Writer;
        using var context = new QueuedSynchronizationContext();
        var bound = TimeSpan.FromMinutes(1); // only so that a hang fails the test rather than the run

        // The writer held in a write, so the read's snapshot write is still queued when the read awaits it.
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var gate = new ManualResetEventSlim();
        var held = writer.WriteAsync(_ =>
        {
            entered.SetResult();
            gate.Wait();
            return 0;
        });
        await entered.Task.WaitAsync(bound);
        var read = Ledger.ReadChainsAsync(default).GetAsyncEnumerator();
        var first = context.Start(() => read.MoveNextAsync().AsTask());
        gate.Set();
        await held.WaitAsync(bound);
        await context.WaitForPostAsync(bound); // the snapshots are taken; the read goes on only when the context runs it

        await CommissionAsync("PIN2", 2);
        await context.RunUntilAsync(first, bound);

        var chains = new List<StoredChain>();
        await using (read)
        {
            Assert.True(await first);
            chains.Add(read.Current);
            while (await read.MoveNextAsync()) chains.Add(read.Current);
        }
        Assert.Equal(["PIN1"], chains.Where(c => c.Stream == StreamKind.Lot).Select(c => c.Key));
        Assert.Equal(3, chains.Count(c => c.Stream == StreamKind.Pack));
    }

    [Fact]
    public async Task The_audit_read_yields_every_chain_once_across_its_parts_and_the_events_past_the_last_pack_row()
    {
        await CommissionAsync("PARTS1", 9);
        var (_, newer) = await CommissionAsync("PARTS2", 4);
        // The three newest packs' rows deleted: their events lie past the last row, where only the open last part reads.
        var orphans = newer.Skip(1).Select(e => e.Key).ToList();
        using (var connection = _store.Get<SqliteDatabase>().OpenRead())
            Execute(connection, $"DELETE FROM packs WHERE serial IN ({string.Join(", ", orphans.Select(o => $"'{o}'"))})");

        var chains = new List<StoredChain>();
        await foreach (var chain in Ledger.ReadChainsAsync(default)) chains.Add(chain);

        Assert.Equal([StreamKind.Lot, StreamKind.Lot], chains.Take(2).Select(c => c.Stream));
        var packChains = chains.Skip(2).ToList();
        Assert.All(packChains, c => Assert.Equal(StreamKind.Pack, c.Stream));
        Assert.Equal(13, packChains.Select(c => c.Key).Distinct().Count());
        Assert.Equal(13, packChains.Count);
        Assert.All(packChains, c => Assert.Equal((c.Key, EventType.Commissioned), (Assert.Single(c.Events).Event.Key, c.Events[0].Event.Type)));
        Assert.Equal(orphans, packChains.Where(c => c.Pack is null).Select(c => c.Key));
        Assert.All(packChains.Where(c => !orphans.Contains(c.Key)), c => Assert.Equal(c.Key, c.Pack?.Serial));
    }

    [Fact]
    public async Task Reopening_an_existing_file_keeps_its_data()
    {
        Assert.NotNull(await Parties.FindAsync(Maker, default));
        await _store.ReopenAsync();
        Assert.NotNull(await _store.Get<IPartyStore>().FindAsync(Maker, default));
    }

    [Fact]
    public async Task A_log_written_from_1_before_the_tree_existed_is_renumbered_from_0_and_its_tree_built_on_start()
    {
        var (lot, _) = await CommissionAsync("OLD1", 299);
        var root = (await new LedgerAudit(Ledger).RunAsync(null, null, default)).LogRoot;
        Assert.NotNull(root);

        // Back to the schema before the Merkle migration: a log from 1 and none of its tables (nor the later custody exception
        // and case columns, which cannot be added twice).
        var db = _store.Get<SqliteDatabase>();
        using (var connection = db.OpenRead())
        {
            Execute(connection, $"""
                DROP INDEX events_epcis_id;
                ALTER TABLE events DROP COLUMN epcis_id;
                DROP INDEX alerts_custodian;
                ALTER TABLE alerts DROP COLUMN custodian;
                DROP INDEX packs_quarantined;
                DROP INDEX packs_parent;
                ALTER TABLE packs DROP COLUMN parent;
                DROP TABLE cases;
                DROP TABLE tree_nodes;
                DROP TABLE checkpoints;
                DROP TABLE witnessed_logs;
                DROP TABLE witness_answers;
                UPDATE events SET log_index = -log_index - 1;
                UPDATE events SET log_index = -log_index;
                PRAGMA user_version = {SqliteSchema.VersionAfter(SqliteSchema.MerkleMigration) - 1};
                """);
            Assert.Equal(1L, Scalar(connection, "SELECT MIN(log_index) FROM events"));
        }
        await _store.ReopenAsync();

        using (var connection = _store.Get<SqliteDatabase>().OpenRead())
        {
            Assert.Equal(0L, Scalar(connection, "SELECT MIN(log_index) FROM events"));
            Assert.Equal(1L, Scalar(connection, "SELECT COUNT(*) FROM tree_nodes WHERE level = 1"));
        }
        var tree = new DrugTrace.Application.Transparency.LogTree(_store.Get<ILogTreeStore>());
        Assert.Equal(300, await tree.SizeAsync(default));
        Assert.Equal(root, await tree.RootAsync(300, default));
        var after = await new LedgerAudit(_store.Get<ILedgerStore>()).RunAsync(null, null, default);
        Assert.Empty(after.Violations);
        Assert.Equal(lot.Head.Hash, (await _store.Get<ILedgerStore>().GetChainAsync(DrugTrace.Domain.Ledger.StreamKind.Lot, "04012345000115", "OLD1", default))[0].Event.Hash);
    }

    [Fact]
    public async Task Pack_events_keep_their_EPCIS_event_ID_indexed_and_a_database_from_before_gets_them_on_start()
    {
        var (_, packs) = await CommissionAsync("IDS1", 3);
        var wanted = PackEpcisEvents.EventId(packs[1])!;
        var found = await _store.Get<ILedgerEventQuery>().QueryAsync(new LedgerEventQuery { EventIds = [wanted, "ni:///sha-256;00?ver=CBV2.0"], Take = 10 }, default);
        Assert.Equal(packs[1].Key, Assert.Single(found).Event.Key);
        using (var connection = _store.Get<SqliteDatabase>().OpenRead())
            Assert.Contains(Plan(connection, "SELECT log_index FROM events WHERE stream = 0 AND epcis_id IN ('a', 'b')"), d => d.Contains("events_epcis_id", StringComparison.Ordinal));

        // Back to the schema before the IDs were kept: the events stored then get theirs when the store opens.
        using (var connection = _store.Get<SqliteDatabase>().OpenRead())
        {
            Execute(connection, $"""
                DROP INDEX events_epcis_id;
                ALTER TABLE events DROP COLUMN epcis_id;
                PRAGMA user_version = {SqliteSchema.VersionAfter(SqliteSchema.EpcisIdMigration) - 1};
                """);
        }
        await _store.ReopenAsync();
        using (var connection = _store.Get<SqliteDatabase>().OpenRead())
        {
            Assert.Equal((long)SqliteSchema.Version, Scalar(connection, "PRAGMA user_version"));
            foreach (var pack in packs)
                Assert.Equal(PackEpcisEvents.EventId(pack), Scalar(connection, $"SELECT epcis_id FROM events WHERE stream = 0 AND key = '{pack.Key}'"));
            Assert.Equal(DBNull.Value, Scalar(connection, "SELECT epcis_id FROM events WHERE stream = 1"));
        }
        found = await _store.Get<ILedgerEventQuery>().QueryAsync(new LedgerEventQuery { EventIds = [wanted], Take = 10 }, default);
        Assert.Equal(packs[1].Hash, Assert.Single(found).Event.Hash);
    }

    [Fact]
    public async Task A_database_from_before_gets_new_EPCIS_event_IDs_for_its_dot_serials_and_keeps_every_other()
    {
        var (_, packs) = await CommissionAsync("DOTS1", 3, serials: [".", "..", "S"]);
        // As stored before: one ID for both dot serials (their GTIN alone was hashed); S's is marked to see it is not touched.
        using (var connection = _store.Get<SqliteDatabase>().OpenRead())
        {
            Execute(connection, $"""
                UPDATE events SET epcis_id = 'collided' WHERE stream = 0 AND key IN ('.', '..');
                UPDATE events SET epcis_id = 'kept' WHERE stream = 0 AND key = 'S';
                PRAGMA user_version = {SqliteSchema.VersionAfter(SqliteSchema.DotSerialEpcisIdMigration) - 1};
                """);
        }
        await _store.ReopenAsync();
        using (var connection = _store.Get<SqliteDatabase>().OpenRead())
        {
            Assert.Equal((long)SqliteSchema.Version, Scalar(connection, "PRAGMA user_version"));
            Assert.Equal(PackEpcisEvents.EventId(packs[0]), Scalar(connection, "SELECT epcis_id FROM events WHERE stream = 0 AND key = '.'"));
            Assert.Equal(PackEpcisEvents.EventId(packs[1]), Scalar(connection, "SELECT epcis_id FROM events WHERE stream = 0 AND key = '..'"));
            Assert.Equal("kept", Scalar(connection, "SELECT epcis_id FROM events WHERE stream = 0 AND key = 'S'"));
        }
        var found = await _store.Get<ILedgerEventQuery>().QueryAsync(new LedgerEventQuery { EventIds = [PackEpcisEvents.EventId(packs[1])!], Take = 10 }, default);
        Assert.Equal("..", Assert.Single(found).Event.Key);
    }

    private static readonly DateTimeOffset At = new(2026, 11, 25, 10, 0, 0, 123, TimeSpan.Zero);

    [Fact]
    public async Task A_batch_recall_with_a_pack_event_is_stored_and_the_cached_lot_is_read_again()
    {
        var (lot, packs) = await CommissionAsync("BATCH1", 2);
        Assert.Equal(lot, await Catalog.FindLotAsync(lot.Gtin, "BATCH1", default)); // now cached
        var pack = (await Ledger.FindPackAsync(lot.Gtin, packs[0].Key, default))!;
        var shipped = Shipped(pack);
        var (recall, recalled) = Recall(lot);

        Assert.True(await Ledger.TryAppendBatchAsync(
            [new PackAppend(shipped, PackLifecycle.Apply(pack, shipped), lot.Head), new LotAppend(recall, recalled)], default));

        Assert.Equal(recalled, await Catalog.FindLotAsync(lot.Gtin, "BATCH1", default));
        var chain = await Ledger.GetChainAsync(StreamKind.Lot, lot.Gtin, "BATCH1", default);
        Assert.Equal([lot.Head.Hash, recall.Hash], chain.Select(c => c.Event.Hash));
        Assert.Equal(1, (await Ledger.FindPackAsync(lot.Gtin, packs[0].Key, default))!.Head.Seq);
        await AssertAuditCleanAsync(5);
    }

    [Fact]
    public async Task A_batch_lot_event_on_a_stale_lot_head_loses_and_stores_nothing()
    {
        var (lot, _) = await CommissionAsync("BATCH2", 1);
        var (recall, recalled) = Recall(lot);
        Assert.True(await Ledger.TryAppendBatchAsync([new LotAppend(recall, recalled)], default));

        var (late, lateState) = Recall(lot, "Mislabelled");
        Assert.False(await Ledger.TryAppendBatchAsync([new LotAppend(late, lateState)], default));

        Assert.Equal(recalled, await Catalog.FindLotAsync(lot.Gtin, "BATCH2", default));
        Assert.Equal(2, (await Ledger.GetChainAsync(StreamKind.Lot, lot.Gtin, "BATCH2", default)).Count);
        await AssertAuditCleanAsync(3);
    }

    [Fact]
    public async Task A_pack_event_appended_alone_or_in_a_batch_is_found_by_its_EPCIS_event_ID()
    {
        var (lot, packs) = await CommissionAsync("IDS2", 2);
        var first = (await Ledger.FindPackAsync(lot.Gtin, packs[0].Key, default))!;
        var second = (await Ledger.FindPackAsync(lot.Gtin, packs[1].Key, default))!;
        var alone = Shipped(first);
        var batched = Shipped(second);
        Assert.True(await Ledger.TryAppendAsync(alone, PackLifecycle.Apply(first, alone), lot.Head, default));
        Assert.True(await Ledger.TryAppendBatchAsync([new PackAppend(batched, PackLifecycle.Apply(second, batched), lot.Head)], default));

        foreach (var e in new[] { alone, batched })
        {
            var found = await Events.QueryAsync(new LedgerEventQuery { EventIds = [PackEpcisEvents.EventId(e)!], Take = 10 }, default);
            Assert.Equal(e.Hash, Assert.Single(found).Event.Hash);
        }
    }

    [Fact]
    public async Task A_pack_read_is_kept_and_read_again_after_its_append_alone_or_in_a_batch_and_a_lost_append_keeps_it_right()
    {
        var (lot, packs) = await CommissionAsync("KEPT1", 3);
        var db = _store.Get<SqliteDatabase>();
        var first = (await Ledger.FindPackAsync(lot.Gtin, packs[0].Key, default))!;
        var second = (await Ledger.FindPackAsync(lot.Gtin, packs[1].Key, default))!;
        var third = (await Ledger.FindPackAsync(lot.Gtin, packs[2].Key, default))!;
        Assert.True(db.Packs.TryGet((lot.Gtin, packs[0].Key), out _));
        Assert.Same(first, await Ledger.FindPackAsync(lot.Gtin, packs[0].Key, default));

        var alone = Shipped(first);
        var batched = Shipped(second);
        Assert.True(await Ledger.TryAppendAsync(alone, PackLifecycle.Apply(first, alone), lot.Head, default));
        Assert.True(await Ledger.TryAppendBatchAsync([new PackAppend(batched, PackLifecycle.Apply(second, batched), lot.Head)], default));
        // A stale head loses, and the pack is read again all the same.
        Assert.False(await Ledger.TryAppendAsync(alone, PackLifecycle.Apply(first, alone), lot.Head, default));

        Assert.Equal(alone.Hash, (await Ledger.FindPackAsync(lot.Gtin, packs[0].Key, default))!.Head.Hash);
        Assert.Equal(batched.Hash, (await Ledger.FindPackAsync(lot.Gtin, packs[1].Key, default))!.Head.Hash);
        // The untouched pack is still the kept one.
        Assert.Same(third, await Ledger.FindPackAsync(lot.Gtin, packs[2].Key, default));
    }

    [Fact]
    public async Task An_unknown_pack_is_not_kept_and_is_found_once_commissioned()
    {
        Assert.Null(await Ledger.FindPackAsync("04012345000115", "LATER1S000000", default));
        var (lot, packs) = await CommissionAsync("LATER1", 1);
        Assert.Equal(packs[0].Hash, (await Ledger.FindPackAsync(lot.Gtin, packs[0].Key, default))!.Head.Hash);
    }

    [Fact]
    public async Task A_read_of_many_packs_with_a_cancelled_token_is_cancelled()
    {
        var (lot, packs) = await CommissionAsync("CANCEL1", 1);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Ledger.FindPacksAsync(lot.Gtin, [packs[0].Key], new CancellationToken(canceled: true)).AsTask());
    }

    [Fact]
    public async Task A_recalled_lot_is_read_by_the_audit_with_its_recall_and_replays_clean()
    {
        var (lot, _) = await CommissionAsync("RECALLED1", 2);
        var (recall, recalled) = Recall(lot);
        Assert.True(await Ledger.TryAppendAsync(recall, recalled, default));

        var chains = new List<StoredChain>();
        await foreach (var chain in Ledger.ReadChainsAsync(default)) chains.Add(chain);

        Assert.Equal(recalled, Assert.Single(chains, c => c.Stream == StreamKind.Lot).Lot);
        var replay = await LedgerReplay.StartAsync(Parties, default);
        Assert.Empty((await new LedgerAudit(Ledger, replay).RunAsync(null, null, default)).Violations);
    }

    [Fact]
    public async Task The_audit_read_names_a_pack_chain_by_its_row_and_lists_a_row_whose_events_are_gone()
    {
        var (_, packs) = await CommissionAsync("ROWS1", 3);
        using (var connection = _store.Get<SqliteDatabase>().OpenRead())
        {
            Execute(connection, $"UPDATE packs SET serial = 'RENAMED' WHERE serial = '{packs[0].Key}'");
            Execute(connection, $"DELETE FROM events WHERE stream = 0 AND key = '{packs[2].Key}'");
        }

        var chains = new List<StoredChain>();
        await foreach (var chain in Ledger.ReadChainsAsync(default)) chains.Add(chain);

        var renamed = Assert.Single(chains, c => c.Pack?.Serial == "RENAMED");
        Assert.Equal(("04012345000115", "RENAMED"), (renamed.Gtin, renamed.Key));
        Assert.Equal(packs[0].Hash, Assert.Single(renamed.Events).Event.Hash);
        var bare = Assert.Single(chains, c => c.Pack?.Serial == packs[2].Key);
        Assert.Equal(packs[2].Key, bare.Key);
        Assert.Empty(bare.Events);
        Assert.Equal(3, chains.Count(c => c.Stream == StreamKind.Pack));
    }

    [Fact]
    public async Task The_audit_read_lists_case_events_without_their_row_and_a_case_row_without_events()
    {
        var (first, second) = await TwoCasesAsync("CASES1");
        using (var connection = _store.Get<SqliteDatabase>().OpenRead())
        {
            Execute(connection, $"DELETE FROM cases WHERE sscc = '{first.Value}'");
            Execute(connection, "DELETE FROM events WHERE chain = (SELECT MIN(chain) FROM events)"); // the last case's events
        }

        var chains = new List<StoredChain>();
        await foreach (var chain in Ledger.ReadChainsAsync(default)) chains.Add(chain);

        var cases = chains.Where(c => c.Stream == StreamKind.Case).ToList();
        Assert.Equal(2, cases.Count);
        var orphan = Assert.Single(cases, c => c.Case is null);
        Assert.Equal(("", first.Value, EventType.CasePacked), (orphan.Gtin, orphan.Key, Assert.Single(orphan.Events).Event.Type));
        var bare = Assert.Single(cases, c => c.Case is not null);
        Assert.Equal(("", second.Value, second.Value), (bare.Gtin, bare.Key, bare.Case!.Sscc));
        Assert.Empty(bare.Events);
    }

    [Fact]
    public async Task The_audit_read_lists_the_events_of_the_last_case_whose_row_is_gone()
    {
        var (first, second) = await TwoCasesAsync("CASES2");
        using (var connection = _store.Get<SqliteDatabase>().OpenRead())
            Execute(connection, "DELETE FROM cases WHERE id = (SELECT MAX(id) FROM cases)"); // its events stay, after every case row

        var chains = new List<StoredChain>();
        await foreach (var chain in Ledger.ReadChainsAsync(default)) chains.Add(chain);

        var cases = chains.Where(c => c.Stream == StreamKind.Case).ToList();
        Assert.Equal([first.Value, second.Value], cases.Select(c => c.Key));
        Assert.Equal(first.Value, cases[0].Case?.Sscc);
        Assert.Null(cases[1].Case);
        Assert.Equal(EventType.CasePacked, Assert.Single(cases[1].Events).Event.Type);
    }

    [Fact]
    public async Task An_audit_read_cancelled_between_two_case_chains_stops_there()
    {
        await TwoCasesAsync("CASES3");
        using var cancel = new CancellationTokenSource();
        await using var read = Ledger.ReadChainsAsync(cancel.Token).GetAsyncEnumerator();
        do Assert.True(await read.MoveNextAsync());
        while (read.Current.Stream != StreamKind.Case);

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read.MoveNextAsync().AsTask());
    }

    [Fact]
    public async Task An_audit_read_with_a_cancelled_token_is_cancelled()
    {
        await CommissionAsync("CANCEL2", 1);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var chain in Ledger.ReadChainsAsync(new CancellationToken(canceled: true))) Assert.Fail($"read {chain.Key}");
        });
    }

    [Fact]
    public async Task An_audit_read_abandoned_while_its_parts_still_have_batches_to_hand_over_ends()
    {
        // More pack chains than the channel (4 batches of 512 per part, up to 4 parts) and the batch taken can hold, in every
        // part: each part is left waiting to hand one over, until the abandoned read stops it.
        await CommissionAsync("ABANDON1", 4 * 6 * 512);
        var read = Ledger.ReadChainsAsync(default).GetAsyncEnumerator();
        do Assert.True(await read.MoveNextAsync());
        while (read.Current.Stream != StreamKind.Pack);

        // Bounded only so that a hang fails the test rather than the run.
        await read.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromMinutes(1));

        using var connection = _store.Get<SqliteDatabase>().OpenRead();
        Assert.Equal(4L * 6 * 512, Scalar(connection, "SELECT COUNT(*) FROM packs"));
    }

    [Fact]
    public async Task A_finished_audit_read_keeps_no_snapshot_open_that_would_hold_back_a_checkpoint()
    {
        await CommissionAsync("CHECKPOINT1", 20);
        await foreach (var chain in Ledger.ReadChainsAsync(default)) Assert.NotNull(chain.Key);
        await CommissionAsync("CHECKPOINT2", 1); // a commit after the read's snapshots

        using var connection = _store.Get<SqliteDatabase>().OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal(0L, reader.GetInt64(0)); // busy: 1 while any connection still reads an older snapshot
    }

    /// <summary>Two cases of two packs each, of a lot of four; the first has the lower case id (the higher chain number).</summary>
    private async Task<(Sscc First, Sscc Second)> TwoCasesAsync(string lotNumber)
    {
        var (lot, events) = await CommissionAsync(lotNumber, 4);
        var packs = new List<PackState>();
        foreach (var e in events) packs.Add((await Ledger.FindPackAsync(lot.Gtin, e.Key, default))!);
        var first = Sscc.Create(0, "4012345", 11);
        var second = Sscc.Create(0, "4012345", 12);
        await PackAsync(first, lot, packs.Take(2));
        await PackAsync(second, lot, packs.Skip(2));
        return (first, second);
    }

    [Fact]
    public async Task The_audit_visit_gives_the_chains_of_the_audit_read_lots_first_then_packs_then_cases()
    {
        await CommissionAsync("VISIT1", 7);
        var (lot, events) = await CommissionAsync("VISIT2", 5);
        var packs = new List<PackState>();
        foreach (var e in events) packs.Add((await Ledger.FindPackAsync(lot.Gtin, e.Key, default))!);
        await PackAsync(Sscc.Create(0, "4012345", 3), lot, packs.Take(2));
        using (var connection = _store.Get<SqliteDatabase>().OpenRead())
        {
            // A pack row without events, and events past the last pack row without their row.
            Execute(connection, $"DELETE FROM events WHERE stream = 0 AND key = '{events[2].Key}'");
            Execute(connection, $"DELETE FROM packs WHERE serial = '{events[4].Key}'");
        }
        var read = new List<StoredChain>();
        await foreach (var chain in Ledger.ReadChainsAsync(default)) read.Add(chain);

        var visited = new List<StoredChain>();
        await ((IChainVisitingStore)Ledger).VisitChainsAsync(chain => { lock (visited) visited.Add(chain); }, default);

        static int Order(StreamKind stream) => stream switch { StreamKind.Lot => 0, StreamKind.Pack => 1, _ => 2 };
        Assert.Equal(visited.Select(c => Order(c.Stream)).Order(), visited.Select(c => Order(c.Stream)));
        Assert.Equal(["VISIT1", "VISIT2"], visited.Where(c => c.Stream == StreamKind.Lot).Select(c => c.Key));
        static string Shape(StoredChain c) =>
            $"{c.Stream} {c.Gtin} {c.Key} {c.Pack} {c.Lot} {c.Case} {string.Join(",", c.Events.Select(e => $"{e.LogIndex}:{e.Event}"))}";
        Assert.Equal(read.Select(Shape).Order(StringComparer.Ordinal), visited.Select(Shape).Order(StringComparer.Ordinal));
        Assert.Empty(Assert.Single(visited, c => c.Key == events[2].Key).Events);
        Assert.Null(Assert.Single(visited, c => c.Key == events[4].Key).Pack);
        Assert.Equal(1, visited.Count(c => c.Stream == StreamKind.Case));
    }

    [Fact]
    public async Task A_failing_audit_visit_of_a_pack_stops_the_read_with_its_exception()
    {
        await CommissionAsync("VISIT3", 20);

        var failed = await Assert.ThrowsAsync<InvalidOperationException>(async () => await ((IChainVisitingStore)Ledger).VisitChainsAsync(
            chain => { if (chain.Stream == StreamKind.Pack) throw new InvalidOperationException("refused"); }, default));

        Assert.Equal("refused", failed.Message);
    }

    private async Task PackAsync(Sscc sscc, LotState lot, IEnumerable<PackState> packs)
    {
        var decision = Assert.IsType<CaseDecision.Accepted>(CaseLifecycle.Pack(
            sscc, [.. packs.Select(p => new PackInCase(p, lot))], [], new Party(Maker, "Maker", PartyRole.Manufacturer), At));
        Assert.True(await Ledger.TryAppendBatchAsync(CaseWrites.Of(decision.Steps), default));
    }

    private static LedgerEvent Shipped(PackState pack) => EventHasher.Seal(new LedgerEvent
    {
        Stream = StreamKind.Pack, Gtin = pack.Gtin, Key = pack.Serial, Seq = pack.Head.Seq + 1, Type = EventType.Shipped, Actor = pack.Custodian,
        From = pack.Custodian, To = Pharmacy, OccurredAt = At, RecordedAt = At, PrevHash = pack.Head.Hash,
    });

    private static (LedgerEvent Event, LotState State) Recall(LotState lot, string reason = "Contamination")
    {
        var e = EventHasher.Seal(new LedgerEvent
        {
            Stream = StreamKind.Lot, Gtin = lot.Gtin, Key = lot.Lot, Seq = lot.Head.Seq + 1, Type = EventType.LotRecalled, Actor = Maker,
            Reason = reason, OccurredAt = At, RecordedAt = At, PrevHash = lot.Head.Hash,
        });
        return (e, lot with { Head = new ChainHead(e.Seq, e.Hash), RecalledAt = At, RecallReason = reason });
    }

    private static List<string> Plan(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        using var reader = command.ExecuteReader();
        var details = new List<string>();
        while (reader.Read()) details.Add(reader.GetString(3));
        return details;
    }

    Task IAsyncLifetime.InitializeAsync() => InitializeAsync();

    Task IAsyncLifetime.DisposeAsync() => _store.DeleteAsync();
}
