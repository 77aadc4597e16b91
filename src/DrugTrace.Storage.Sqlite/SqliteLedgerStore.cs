using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Domain.Cases;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Packs;
using Microsoft.Data.Sqlite;

namespace DrugTrace.Storage.Sqlite;

/// <summary>
/// The ledger port on SQLite. Longer than the ~300-line guide on purpose: it is one port (pack reads,
/// commission, the two appends, the audit's snapshot reads), and all of it shares the event and pack
/// column lists, the row mappers and the prepared event insert; split, each part would re-declare them.
/// </summary>
internal sealed class SqliteLedgerStore(SqliteDatabase db) : ILedgerStore
{
    /// <summary>A pack head's columns in the order <see cref="MapPack"/> reads them (the custody queries share both).</summary>
    internal const string PackColumns =
        "id, gtin, serial, lot, expiry, status, custodian, ship_to, changed_by, changed_at, head_seq, head_hash, held_from, parent";

    private const string CaseColumns =
        "id, sscc, status, custodian, ship_to, parent, packed_by, packed_at, changed_by, changed_at, head_seq, head_hash";

    internal const string EventColumns =
        "log_index, chain, seq, stream, gtin, key, type, actor, from_gln, to_gln, reason, lot, expiry, occurred_at, recorded_at, prev_hash, hash";

    private const string InsertEvent =
        "INSERT INTO events (log_index, chain, seq, stream, gtin, key, type, actor, from_gln, to_gln, reason, lot, expiry, occurred_at, recorded_at, prev_hash, hash) "
        + $"VALUES ({SqliteTreeNodes.NextLogIndex}, $chain, $seq, $stream, $gtin, $key, $type, $actor, $from, $to, $reason, $lot, $expiry, $occurred, $recorded, $prev, $hash)";

    private static readonly System.Collections.Frozen.FrozenDictionary<string, EventType> EventTypes =
        System.Collections.Frozen.FrozenDictionary.ToFrozenDictionary(Enum.GetValues<EventType>(), t => t.ToString(), StringComparer.Ordinal);

    public static long PackChain(long packId) => packId * 2;

    public static long LotChain(long lotId) => lotId * 2 + 1;

    public static long CaseChain(long caseId) => -caseId;

    public ValueTask<CaseState?> FindCaseAsync(string sscc, CancellationToken cancellationToken)
    {
        using var connection = db.OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {CaseColumns} FROM cases WHERE sscc = $sscc";
        command.Add("$sscc", sscc);
        using var reader = command.ExecuteReader();
        return ValueTask.FromResult(reader.Read() ? MapCase(reader) : null);
    }

    public ValueTask<CaseChildren> ListCaseChildrenAsync(string sscc, CancellationToken cancellationToken)
    {
        using var connection = db.OpenRead();
        // One snapshot: a case's packs and cases as they stood together.
        using var snapshot = connection.BeginTransaction(deferred: true);
        var packs = new List<PackState>();
        using (var command = connection.CreateCommand())
        {
            command.Transaction = snapshot;
            command.CommandText = $"SELECT {PackColumns} FROM packs WHERE parent = $sscc";
            command.Add("$sscc", sscc);
            using var reader = command.ExecuteReader();
            while (reader.Read()) packs.Add(MapPack(reader));
        }
        var cases = new List<CaseState>();
        using (var command = connection.CreateCommand())
        {
            command.Transaction = snapshot;
            command.CommandText = $"SELECT {CaseColumns} FROM cases WHERE parent = $sscc";
            command.Add("$sscc", sscc);
            using var reader = command.ExecuteReader();
            while (reader.Read()) cases.Add(MapCase(reader));
        }
        return ValueTask.FromResult(new CaseChildren(packs, cases));
    }

    public ValueTask<PackState?> FindPackAsync(string gtin, string serial, CancellationToken cancellationToken)
    {
        using var connection = db.OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {PackColumns} FROM packs WHERE gtin = $gtin AND serial = $serial";
        command.Add("$gtin", gtin).Add("$serial", serial);
        using var reader = command.ExecuteReader();
        return ValueTask.FromResult(reader.Read() ? MapPack(reader) : null);
    }

    public ValueTask<IReadOnlyList<PackState>> ListPacksAsync(string gtin, string lot, int skip, int take, CancellationToken cancellationToken)
    {
        using var connection = db.OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {PackColumns} FROM packs
            WHERE lot_id = (SELECT id FROM lots WHERE gtin = $gtin AND lot = $lot)
            ORDER BY id LIMIT $take OFFSET $skip
            """;
        command.Add("$gtin", gtin).Add("$lot", lot).Add("$take", take).Add("$skip", skip);
        using var reader = command.ExecuteReader();
        var packs = new List<PackState>();
        while (reader.Read()) packs.Add(MapPack(reader));
        return ValueTask.FromResult<IReadOnlyList<PackState>>(packs);
    }

    public ValueTask<int> CountPacksAsync(string gtin, string lot, CancellationToken cancellationToken)
    {
        using var connection = db.OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM packs WHERE lot_id = (SELECT id FROM lots WHERE gtin = $gtin AND lot = $lot)";
        command.Add("$gtin", gtin).Add("$lot", lot);
        return ValueTask.FromResult(Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture));
    }

    public ValueTask<IReadOnlyList<StoredEvent>> GetChainAsync(StreamKind stream, string gtin, string key, CancellationToken cancellationToken)
    {
        using var connection = db.OpenRead();
        using var command = connection.CreateCommand();
        var chain = stream switch
        {
            StreamKind.Pack => "(SELECT id * 2 FROM packs WHERE gtin = $gtin AND serial = $key)",
            StreamKind.Lot => "(SELECT id * 2 + 1 FROM lots WHERE gtin = $gtin AND lot = $key)",
            _ => "(SELECT -id FROM cases WHERE sscc = $key)",
        };
        command.CommandText = $"SELECT {EventColumns} FROM events WHERE chain = {chain} ORDER BY seq";
        command.Add("$gtin", gtin).Add("$key", key);
        using var reader = command.ExecuteReader();
        var events = new List<StoredEvent>();
        while (reader.Read()) events.Add(new StoredEvent(reader.GetInt64(0), MapEvent(reader)));
        return ValueTask.FromResult<IReadOnlyList<StoredEvent>>(events);
    }

    public async ValueTask CommissionAsync(LotState lot, LedgerEvent lotEvent, IReadOnlyList<LedgerEvent> packEvents, CancellationToken cancellationToken)
    {
        await db.Writer.WriteAsync(w =>
        {
            long lotId;
            try
            {
                lotId = (long)w.Command("""
                        INSERT INTO lots (gtin, lot, expiry, manufacturer, head_seq, head_hash)
                        VALUES ($gtin, $lot, $expiry, $m, $seq, $hash) RETURNING id
                        """)
                    .Add("$gtin", lot.Gtin).Add("$lot", lot.Lot).Add("$expiry", Rows.Date(lot.Expiry))
                    .Add("$m", lot.Manufacturer).Add("$seq", lot.Head.Seq).Add("$hash", Rows.Blob(lot.Head.Hash))
                    .ExecuteScalar()!;
            }
            catch (SqliteException ex) when (Rows.IsConstraint(ex))
            {
                throw new ConflictException($"Lot {lot.Lot} of {lot.Gtin} is already registered.");
            }
            Insert(w, LotChain(lotId), lotEvent);

            InsertPacks(w, lotId, lot, packEvents);
            return true;
        }, cancellationToken);
    }

    public async ValueTask<bool> TryAppendAsync(LedgerEvent e, PackState newState, ChainHead lotHead, CancellationToken cancellationToken) =>
        await db.Writer.WriteAsync(w =>
        {
            // The head moves only if it is still the one the event was decided on (the optimistic check),
            // and only if the lot is still as the decision read it: one writer runs these in order, so a
            // recall committed before this append makes it lose.
            var packId = w.Command("""
                    UPDATE packs SET status = $status, custodian = $custodian, ship_to = $shipTo, changed_by = $by,
                        changed_at = $at, head_seq = $seq, head_hash = $hash, held_from = $heldFrom, parent = $parent
                    WHERE gtin = $gtin AND serial = $serial AND head_seq = $prevSeq AND head_hash = $prevHash
                        AND EXISTS (SELECT 1 FROM lots WHERE lots.id = packs.lot_id AND lots.head_seq = $lotSeq AND lots.head_hash = $lotHash)
                    RETURNING id
                    """)
                .Add("$lotSeq", lotHead.Seq).Add("$lotHash", Rows.Blob(lotHead.Hash))
                .Add("$status", (int)newState.Status).Add("$custodian", newState.Custodian).Add("$shipTo", newState.ShipTo)
                .Add("$heldFrom", newState.HeldFrom is { } held ? (int)held : null).Add("$parent", newState.Parent)
                .Add("$by", newState.ChangedBy).Add("$at", Rows.Millis(newState.ChangedAt))
                .Add("$seq", e.Seq).Add("$hash", Rows.Blob(e.Hash))
                .Add("$gtin", e.Gtin).Add("$serial", e.Key).Add("$prevSeq", e.Seq - 1).Add("$prevHash", Rows.Blob(e.PrevHash))
                .ExecuteScalar();
            if (packId is null) return false;
            Insert(w, PackChain((long)packId), e);
            return true;
        }, cancellationToken);

    public async ValueTask<bool> TryAppendAsync(LedgerEvent e, LotState newState, CancellationToken cancellationToken)
    {
        try
        {
            return await AppendLotAsync(e, newState, cancellationToken);
        }
        finally
        {
            // Committed or not, the cached lots are read again (a failed write changed nothing, so that is only a re-read).
            db.Lots.Invalidate();
        }
    }

    private async ValueTask<bool> AppendLotAsync(LedgerEvent e, LotState newState, CancellationToken cancellationToken) =>
        await db.Writer.WriteAsync(w =>
        {
            var lotId = w.Command("""
                    UPDATE lots SET head_seq = $seq, head_hash = $hash, recalled_at = $recalledAt, recall_reason = $reason
                    WHERE gtin = $gtin AND lot = $lot AND head_seq = $prevSeq AND head_hash = $prevHash
                    RETURNING id
                    """)
                .Add("$seq", e.Seq).Add("$hash", Rows.Blob(e.Hash))
                .Add("$recalledAt", newState.RecalledAt is { } at ? Rows.Millis(at) : null).Add("$reason", newState.RecallReason)
                .Add("$gtin", e.Gtin).Add("$lot", e.Key).Add("$prevSeq", e.Seq - 1).Add("$prevHash", Rows.Blob(e.PrevHash))
                .ExecuteScalar();
            if (lotId is null) return false;
            Insert(w, LotChain((long)lotId), e);
            return true;
        }, cancellationToken);

    // No RETURNING here: SQLite runs RETURNING like a trigger, which gives every insert a statement
    // journal, and releasing one inside this write's savepoint walks the whole in-memory sub-journal
    // from its start: quadratic in the lot size. The rowid is read from the connection instead.
    private static void InsertPacks(SqliteWriter w, long lotId, LotState lot, IReadOnlyList<LedgerEvent> packEvents)
    {
        var insertPack = w.Command("""
            INSERT INTO packs (gtin, serial, lot_id, lot, expiry, status, custodian, changed_by, changed_at, head_seq, head_hash)
            VALUES ($gtin, $serial, $lotId, $lot, $expiry, $status, $custodian, $custodian, $at, $seq, $hash)
            """);
        insertPack.Parameters.AddWithValue("$gtin", lot.Gtin);
        var pSerial = insertPack.Parameters.AddWithValue("$serial", "");
        insertPack.Parameters.AddWithValue("$lotId", lotId);
        insertPack.Parameters.AddWithValue("$lot", lot.Lot);
        insertPack.Parameters.AddWithValue("$expiry", Rows.Date(lot.Expiry));
        insertPack.Parameters.AddWithValue("$status", (int)PackStatus.Active);
        var pCustodian = insertPack.Parameters.AddWithValue("$custodian", "");
        var pAt = insertPack.Parameters.AddWithValue("$at", 0L);
        var pSeq = insertPack.Parameters.AddWithValue("$seq", 0);
        var pHash = insertPack.Parameters.AddWithValue("$hash", Array.Empty<byte>());
        var insertEvent = EventInsert(w);
        foreach (var e in packEvents)
        {
            pSerial.Value = e.Key;
            pCustodian.Value = e.Actor;
            pAt.Value = Rows.Millis(e.OccurredAt);
            pSeq.Value = e.Seq;
            pHash.Value = Rows.Blob(e.Hash);
            long packId;
            try
            {
                insertPack.ExecuteNonQuery();
                packId = w.LastInsertRowId;
            }
            catch (SqliteException ex) when (Rows.IsConstraint(ex))
            {
                throw new SerialCollisionException(lot.Gtin);
            }
            insertEvent.Bind(PackChain(packId), e);
            insertEvent.Command.ExecuteNonQuery();
            SqliteTreeNodes.Appended(w, w.LastInsertRowId);
        }
    }

    public async ValueTask<bool> TryAppendBatchAsync(IReadOnlyList<LedgerWrite> writes, CancellationToken cancellationToken)
    {
        if (writes.Count == 0) return true;
        var movesLots = writes.Any(w => w is LotAppend);
        try
        {
            // One write of the writer: one savepoint, so a check that fails half way undoes the writes before it.
            return await db.Writer.WriteAsync(w =>
            {
                foreach (var write in writes)
                {
                    var stored = write switch
                    {
                        LotRegistration r => RegisterLot(w, r),
                        PacksCommissioning c => CommissionInto(w, c),
                        PackAppend a => AppendPack(w, a),
                        LotAppend l => AppendLot(w, l),
                        CaseCreation c => CreateCase(w, c),
                        CaseAppend c => AppendCase(w, c),
                        _ => throw new InvalidOperationException($"Unknown ledger write {write.GetType().Name}."),
                    };
                    if (!stored) throw new BatchLost();
                }
                return true;
            }, cancellationToken);
        }
        catch (BatchLost)
        {
            return false;
        }
        catch (SerialCollisionException)
        {
            return false;
        }
        finally
        {
            if (movesLots) db.Lots.Invalidate();
        }
    }

    /// <summary>A check of a batch failed; thrown to roll its savepoint back.</summary>
    private sealed class BatchLost : Exception;

    private static bool RegisterLot(SqliteWriter w, LotRegistration r)
    {
        var lot = r.Lot;
        try
        {
            w.Command("""
                    INSERT INTO lots (gtin, lot, expiry, manufacturer, head_seq, head_hash)
                    VALUES ($gtin, $lot, $expiry, $m, $seq, $hash)
                    """)
                .Add("$gtin", lot.Gtin).Add("$lot", lot.Lot).Add("$expiry", Rows.Date(lot.Expiry))
                .Add("$m", lot.Manufacturer).Add("$seq", lot.Head.Seq).Add("$hash", Rows.Blob(lot.Head.Hash))
                .ExecuteNonQuery();
        }
        catch (SqliteException ex) when (Rows.IsConstraint(ex))
        {
            return false;
        }
        Insert(w, LotChain(w.LastInsertRowId), r.Event);
        return true;
    }

    private static bool CommissionInto(SqliteWriter w, PacksCommissioning c)
    {
        var lotId = w.Command("SELECT id FROM lots WHERE gtin = $gtin AND lot = $lot AND head_seq = $seq AND head_hash = $hash")
            .Add("$gtin", c.Lot.Gtin).Add("$lot", c.Lot.Lot).Add("$seq", c.Lot.Head.Seq).Add("$hash", Rows.Blob(c.Lot.Head.Hash))
            .ExecuteScalar();
        if (lotId is null) return false;
        InsertPacks(w, (long)lotId, c.Lot, c.Events);
        return true;
    }

    // The single appends' checks without RETURNING (see InsertPacks): many of them run in one savepoint here.
    private static bool AppendPack(SqliteWriter w, PackAppend a)
    {
        var (e, newState, lotHead) = (a.Event, a.State, a.LotHead);
        var changed = w.Command("""
                UPDATE packs SET status = $status, custodian = $custodian, ship_to = $shipTo, changed_by = $by,
                    changed_at = $at, head_seq = $seq, head_hash = $hash, held_from = $heldFrom, parent = $parent
                WHERE gtin = $gtin AND serial = $serial AND head_seq = $prevSeq AND head_hash = $prevHash
                    AND EXISTS (SELECT 1 FROM lots WHERE lots.id = packs.lot_id AND lots.head_seq = $lotSeq AND lots.head_hash = $lotHash)
                """)
            .Add("$lotSeq", lotHead.Seq).Add("$lotHash", Rows.Blob(lotHead.Hash))
            .Add("$status", (int)newState.Status).Add("$custodian", newState.Custodian).Add("$shipTo", newState.ShipTo)
            .Add("$heldFrom", newState.HeldFrom is { } held ? (int)held : null).Add("$parent", newState.Parent)
            .Add("$by", newState.ChangedBy).Add("$at", Rows.Millis(newState.ChangedAt))
            .Add("$seq", e.Seq).Add("$hash", Rows.Blob(e.Hash))
            .Add("$gtin", e.Gtin).Add("$serial", e.Key).Add("$prevSeq", e.Seq - 1).Add("$prevHash", Rows.Blob(e.PrevHash))
            .ExecuteNonQuery();
        if (changed != 1) return false;
        var packId = (long)w.Command("SELECT id FROM packs WHERE gtin = $gtin AND serial = $serial")
            .Add("$gtin", e.Gtin).Add("$serial", e.Key).ExecuteScalar()!;
        Insert(w, PackChain(packId), e);
        return true;
    }

    private static bool AppendLot(SqliteWriter w, LotAppend l)
    {
        var (e, newState) = (l.Event, l.State);
        var changed = w.Command("""
                UPDATE lots SET head_seq = $seq, head_hash = $hash, recalled_at = $recalledAt, recall_reason = $reason
                WHERE gtin = $gtin AND lot = $lot AND head_seq = $prevSeq AND head_hash = $prevHash
                """)
            .Add("$seq", e.Seq).Add("$hash", Rows.Blob(e.Hash))
            .Add("$recalledAt", newState.RecalledAt is { } at ? Rows.Millis(at) : null).Add("$reason", newState.RecallReason)
            .Add("$gtin", e.Gtin).Add("$lot", e.Key).Add("$prevSeq", e.Seq - 1).Add("$prevHash", Rows.Blob(e.PrevHash))
            .ExecuteNonQuery();
        if (changed != 1) return false;
        var lotId = (long)w.Command("SELECT id FROM lots WHERE gtin = $gtin AND lot = $lot").Add("$gtin", e.Gtin).Add("$lot", e.Key).ExecuteScalar()!;
        Insert(w, LotChain(lotId), e);
        return true;
    }

    private static bool CreateCase(SqliteWriter w, CaseCreation c)
    {
        var state = c.Case;
        try
        {
            w.Command("""
                    INSERT INTO cases (sscc, status, custodian, ship_to, parent, packed_by, packed_at, changed_by, changed_at, head_seq, head_hash)
                    VALUES ($sscc, $status, $custodian, $shipTo, $parent, $packedBy, $packedAt, $by, $at, $seq, $hash)
                    """)
                .Add("$sscc", state.Sscc).Add("$status", (int)state.Status).Add("$custodian", state.Custodian).Add("$shipTo", state.ShipTo)
                .Add("$parent", state.Parent).Add("$packedBy", state.PackedBy).Add("$packedAt", Rows.Millis(state.PackedAt))
                .Add("$by", state.ChangedBy).Add("$at", Rows.Millis(state.ChangedAt)).Add("$seq", state.Head.Seq).Add("$hash", Rows.Blob(state.Head.Hash))
                .ExecuteNonQuery();
        }
        catch (SqliteException ex) when (Rows.IsConstraint(ex))
        {
            return false;
        }
        Insert(w, CaseChain(w.LastInsertRowId), c.Event);
        return true;
    }

    private static bool AppendCase(SqliteWriter w, CaseAppend a)
    {
        var (e, state) = (a.Event, a.State);
        var changed = w.Command("""
                UPDATE cases SET status = $status, custodian = $custodian, ship_to = $shipTo, parent = $parent, changed_by = $by,
                    changed_at = $at, head_seq = $seq, head_hash = $hash
                WHERE sscc = $sscc AND head_seq = $prevSeq AND head_hash = $prevHash
                """)
            .Add("$status", (int)state.Status).Add("$custodian", state.Custodian).Add("$shipTo", state.ShipTo).Add("$parent", state.Parent)
            .Add("$by", state.ChangedBy).Add("$at", Rows.Millis(state.ChangedAt)).Add("$seq", e.Seq).Add("$hash", Rows.Blob(e.Hash))
            .Add("$sscc", e.Key).Add("$prevSeq", e.Seq - 1).Add("$prevHash", Rows.Blob(e.PrevHash))
            .ExecuteNonQuery();
        if (changed != 1) return false;
        var caseId = (long)w.Command("SELECT id FROM cases WHERE sscc = $sscc").Add("$sscc", e.Key).ExecuteScalar()!;
        Insert(w, CaseChain(caseId), e);
        return true;
    }

    public async ValueTask AuditAsync(ChainAuditor auditor, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        const int BatchSize = 8192;
        using var connection = db.OpenRead();
        // One read transaction: the log and the heads are read from the same snapshot.
        using var snapshot = connection.BeginTransaction(deferred: true);
        using (var command = connection.CreateCommand())
        {
            command.Transaction = snapshot;
            command.CommandText = $"SELECT {EventColumns} FROM events ORDER BY log_index";
            using var reader = command.ExecuteReader();
            long n = 0;
            // Reading the next batch overlaps with checking the previous one.
            var checking = Task.CompletedTask;
            var batch = new List<AuditEntry>(BatchSize);
            while (reader.Read())
            {
                batch.Add(new AuditEntry(reader.GetInt64(0), reader.GetInt64(1), MapEvent(reader)));
                if (batch.Count < BatchSize) continue;
                await checking;
                var full = batch;
                checking = Task.Run(() => auditor.ObserveBatch(full), cancellationToken);
                batch = new List<AuditEntry>(BatchSize);
                n += BatchSize;
                if (n % (BatchSize * 8) == 0) progress?.Report(n);
            }
            await checking;
            auditor.ObserveBatch(batch);
            progress?.Report(n + batch.Count);
        }
        CheckHeads(connection, snapshot, auditor, "SELECT id * 2, gtin, serial, head_seq, head_hash FROM packs", StreamKind.Pack);
        CheckHeads(connection, snapshot, auditor, "SELECT id * 2 + 1, gtin, lot, head_seq, head_hash FROM lots", StreamKind.Lot);
        CheckHeads(connection, snapshot, auditor, "SELECT -id, '', sscc, head_seq, head_hash FROM cases", StreamKind.Case);
    }

    public async IAsyncEnumerable<StoredChain> ReadChainsAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        using var connection = db.OpenRead();
        using var snapshot = connection.BeginTransaction(deferred: true);

        var lots = new List<(long Id, LotState Lot)>();
        using (var command = connection.CreateCommand())
        {
            command.Transaction = snapshot;
            command.CommandText = "SELECT id, gtin, lot, expiry, manufacturer, head_seq, head_hash, recalled_at, recall_reason FROM lots ORDER BY id";
            using var reader = command.ExecuteReader();
            while (reader.Read())
                lots.Add((reader.GetInt64(0), new LotState(reader.GetString(1), reader.GetString(2), Rows.Date(reader.GetString(3)), reader.GetString(4),
                    new ChainHead(reader.GetInt32(5), Rows.Hash(reader, 6)), reader.IsDBNull(7) ? null : Rows.Time(reader.GetInt64(7)),
                    Rows.NullableString(reader, 8))));
        }
        foreach (var (id, lot) in lots)
        {
            using var command = connection.CreateCommand();
            command.Transaction = snapshot;
            command.CommandText = $"SELECT {EventColumns} FROM events WHERE chain = $chain ORDER BY seq";
            command.Add("$chain", LotChain(id));
            using var reader = command.ExecuteReader();
            var events = new List<StoredEvent>();
            while (reader.Read()) events.Add(new StoredEvent(reader.GetInt64(0), MapEvent(reader)));
            yield return new StoredChain(StreamKind.Lot, lot.Gtin, lot.Lot, events, null, lot);
        }

        // Pack chains: a merge of the events (by chain, seq) with the pack rows (by id), both in chain order.
        using var eventsCommand = connection.CreateCommand();
        eventsCommand.Transaction = snapshot;
        eventsCommand.CommandText = $"SELECT {EventColumns} FROM events WHERE chain >= 0 AND chain % 2 = 0 ORDER BY chain, seq";
        using var packsCommand = connection.CreateCommand();
        packsCommand.Transaction = snapshot;
        packsCommand.CommandText = $"SELECT {PackColumns} FROM packs ORDER BY id";
        using var eventReader = eventsCommand.ExecuteReader();
        using var packReader = packsCommand.ExecuteReader();
        var hasEvent = eventReader.Read();
        var hasPack = packReader.Read();
        while (hasEvent || hasPack)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var eventChain = hasEvent ? eventReader.GetInt64(1) : long.MaxValue;
            var packChain = hasPack ? PackChain(packReader.GetInt64(0)) : long.MaxValue;
            var chain = Math.Min(eventChain, packChain);
            var pack = packChain == chain ? MapPack(packReader) : null;
            var events = new List<StoredEvent>();
            while (hasEvent && eventReader.GetInt64(1) == chain)
            {
                events.Add(new StoredEvent(eventReader.GetInt64(0), MapEvent(eventReader)));
                hasEvent = eventReader.Read();
            }
            if (pack is not null) hasPack = packReader.Read();
            var gtin = pack?.Gtin ?? events[0].Event.Gtin;
            var serial = pack?.Serial ?? events[0].Event.Key;
            yield return new StoredChain(StreamKind.Pack, gtin, serial, events, pack, null);
        }

        // Case chains (negative chain numbers, case id descending as the chain ascends): the same merge.
        using var caseEvents = connection.CreateCommand();
        caseEvents.Transaction = snapshot;
        caseEvents.CommandText = $"SELECT {EventColumns} FROM events WHERE chain < 0 ORDER BY chain DESC, seq";
        using var caseRows = connection.CreateCommand();
        caseRows.Transaction = snapshot;
        caseRows.CommandText = $"SELECT {CaseColumns} FROM cases ORDER BY id";
        using var caseEventReader = caseEvents.ExecuteReader();
        using var caseReader = caseRows.ExecuteReader();
        var hasCaseEvent = caseEventReader.Read();
        var hasCase = caseReader.Read();
        while (hasCaseEvent || hasCase)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var eventCase = hasCaseEvent ? -caseEventReader.GetInt64(1) : long.MaxValue;
            var rowCase = hasCase ? caseReader.GetInt64(0) : long.MaxValue;
            var id = Math.Min(eventCase, rowCase);
            var state = rowCase == id ? MapCase(caseReader) : null;
            var events = new List<StoredEvent>();
            while (hasCaseEvent && -caseEventReader.GetInt64(1) == id)
            {
                events.Add(new StoredEvent(caseEventReader.GetInt64(0), MapEvent(caseEventReader)));
                hasCaseEvent = caseEventReader.Read();
            }
            if (state is not null) hasCase = caseReader.Read();
            yield return new StoredChain(StreamKind.Case, "", state?.Sscc ?? events[0].Event.Key, events, null, null) { Case = state };
        }
    }

    // A head that disagrees with its chain means the projection or the log was edited.
    private static void CheckHeads(SqliteConnection connection, SqliteTransaction snapshot, ChainAuditor auditor, string sql, StreamKind stream)
    {
        using var command = connection.CreateCommand();
        command.Transaction = snapshot;
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var seq = reader.GetInt32(3);
            var hash = Rows.Hash(reader, 4);
            if (!auditor.TryGetHead(reader.GetInt64(0), out var head))
                auditor.Report(new AuditViolation(stream, reader.GetString(1), reader.GetString(2), seq, 0, "the chain has no events"));
            else if (head.Seq != seq || head.Hash != hash)
                auditor.Report(new AuditViolation(stream, reader.GetString(1), reader.GetString(2), seq, 0,
                    $"the current state says seq {seq}, but the chain ends at seq {head.Seq} with another hash"));
        }
    }

    private static void Insert(SqliteWriter w, long chain, LedgerEvent e)
    {
        var insert = EventInsert(w);
        insert.Bind(chain, e);
        insert.Command.ExecuteNonQuery();
        SqliteTreeNodes.Appended(w, w.LastInsertRowId);
    }

    private static EventInsertCommand EventInsert(SqliteWriter w) => new(w.Command(InsertEvent));

    internal static PackState MapPack(SqliteDataReader r) => new()
    {
        Gtin = r.GetString(1),
        Serial = r.GetString(2),
        Lot = r.GetString(3),
        Expiry = Rows.Date(r.GetString(4)),
        Status = (PackStatus)r.GetInt32(5),
        Custodian = r.GetString(6),
        ShipTo = Rows.NullableString(r, 7),
        ChangedBy = r.GetString(8),
        ChangedAt = Rows.Time(r.GetInt64(9)),
        Head = new ChainHead(r.GetInt32(10), Rows.Hash(r, 11)),
        HeldFrom = r.IsDBNull(12) ? null : (PackStatus)r.GetInt32(12),
        Parent = Rows.NullableString(r, 13),
    };

    private static CaseState MapCase(SqliteDataReader r) => new()
    {
        Sscc = r.GetString(1),
        Status = (CaseStatus)r.GetInt32(2),
        Custodian = r.GetString(3),
        ShipTo = Rows.NullableString(r, 4),
        Parent = Rows.NullableString(r, 5),
        PackedBy = r.GetString(6),
        PackedAt = Rows.Time(r.GetInt64(7)),
        ChangedBy = r.GetString(8),
        ChangedAt = Rows.Time(r.GetInt64(9)),
        Head = new ChainHead(r.GetInt32(10), Rows.Hash(r, 11)),
    };

    internal static LedgerEvent MapEvent(SqliteDataReader r) => new()
    {
        Seq = r.GetInt32(2),
        Stream = (StreamKind)r.GetInt32(3),
        Gtin = r.GetString(4),
        Key = r.GetString(5),
        // An edited type name is reported by the hash check; it must not stop the audit here.
        Type = EventTypes.TryGetValue(r.GetString(6), out var type) ? type : (EventType)(-1),
        Actor = r.GetString(7),
        From = Rows.NullableString(r, 8),
        To = Rows.NullableString(r, 9),
        Reason = Rows.NullableString(r, 10),
        Lot = Rows.NullableString(r, 11),
        Expiry = r.IsDBNull(12) ? null : Rows.Date(r.GetString(12)),
        OccurredAt = Rows.Time(r.GetInt64(13)),
        RecordedAt = Rows.Time(r.GetInt64(14)),
        PrevHash = Rows.Hash(r, 15),
        Hash = Rows.Hash(r, 16),
    };

    /// <summary>The prepared event insert with its parameters bound once and refilled per event.</summary>
    private sealed class EventInsertCommand
    {
        private readonly SqliteParameter _chain, _seq, _stream, _gtin, _key, _type, _actor, _from, _to, _reason, _lot, _expiry, _occurred, _recorded, _prev, _hash;

        public EventInsertCommand(SqliteCommand command)
        {
            Command = command;
            var p = command.Parameters;
            _chain = p.Add("$chain", SqliteType.Integer);
            _seq = p.Add("$seq", SqliteType.Integer);
            _stream = p.Add("$stream", SqliteType.Integer);
            _gtin = p.Add("$gtin", SqliteType.Text);
            _key = p.Add("$key", SqliteType.Text);
            _type = p.Add("$type", SqliteType.Text);
            _actor = p.Add("$actor", SqliteType.Text);
            _from = p.Add("$from", SqliteType.Text);
            _to = p.Add("$to", SqliteType.Text);
            _reason = p.Add("$reason", SqliteType.Text);
            _lot = p.Add("$lot", SqliteType.Text);
            _expiry = p.Add("$expiry", SqliteType.Text);
            _occurred = p.Add("$occurred", SqliteType.Integer);
            _recorded = p.Add("$recorded", SqliteType.Integer);
            _prev = p.Add("$prev", SqliteType.Blob);
            _hash = p.Add("$hash", SqliteType.Blob);
        }

        public SqliteCommand Command { get; }

        public void Bind(long chain, LedgerEvent e)
        {
            _chain.Value = chain;
            _seq.Value = e.Seq;
            _stream.Value = (int)e.Stream;
            _gtin.Value = e.Gtin;
            _key.Value = e.Key;
            _type.Value = e.Type.ToString();
            _actor.Value = e.Actor;
            _from.Value = Rows.Db(e.From);
            _to.Value = Rows.Db(e.To);
            _reason.Value = Rows.Db(e.Reason);
            _lot.Value = Rows.Db(e.Lot);
            _expiry.Value = e.Expiry is { } d ? Rows.Date(d) : DBNull.Value;
            _occurred.Value = Rows.Millis(e.OccurredAt);
            _recorded.Value = Rows.Millis(e.RecordedAt);
            _prev.Value = Rows.Blob(e.PrevHash);
            _hash.Value = Rows.Blob(e.Hash);
        }
    }
}
