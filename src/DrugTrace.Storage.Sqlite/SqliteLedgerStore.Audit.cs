using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Packs;
using Microsoft.Data.Sqlite;

namespace DrugTrace.Storage.Sqlite;

internal sealed partial class SqliteLedgerStore
{
    public async ValueTask AuditAsync(ChainAuditor auditor, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        const int BatchSize = 8192;
        using var connection = db.OpenRead();
        // One read transaction: the log and the heads are read from the same snapshot.
        using var snapshot = connection.BeginTransaction(deferred: true);
        using (var reader = new RawRows(connection, $"SELECT {EventColumns} FROM events ORDER BY log_index"))
        {
            long n = 0;
            // Reading the next batch overlaps with checking the previous one.
            var checking = Task.CompletedTask;
            var batch = new List<AuditEntry>(BatchSize);
            while (reader.Read())
            {
                batch.Add(new AuditEntry(reader.Int64(0), reader.Int64(1), reader.Event()));
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
        CheckHeads(connection, auditor, "SELECT id * 2, gtin, serial, head_seq, head_hash FROM packs", StreamKind.Pack);
        CheckHeads(connection, auditor, "SELECT id * 2 + 1, gtin, lot, head_seq, head_hash FROM lots", StreamKind.Lot);
        CheckHeads(connection, auditor, "SELECT -id, '', sscc, head_seq, head_hash FROM cases", StreamKind.Case);
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
            yield return new StoredChain(StreamKind.Lot, lot.Gtin, lot.Lot, command.ReadAll(MapStoredEvent), null, lot);
        }

        // Pack chains: a merge of the events (by chain, seq) with the pack rows (by id), both in chain order.
        // Raw rows (see RawRows): a million of each; they run on the connection, inside its snapshot.
        using var eventReader = new RawRows(connection, $"SELECT {EventColumns} FROM events WHERE chain >= 0 AND chain % 2 = 0 ORDER BY chain, seq");
        using var packReader = new RawRows(connection, $"SELECT {PackColumns} FROM packs ORDER BY id");
        var hasEvent = eventReader.Read();
        var hasPack = packReader.Read();
        while (hasEvent || hasPack)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var eventChain = hasEvent ? eventReader.Int64(1) : long.MaxValue;
            var packChain = hasPack ? PackChain(packReader.Int64(0)) : long.MaxValue;
            var chain = Math.Min(eventChain, packChain);
            var pack = packChain == chain ? packReader.Pack() : null;
            var events = new List<StoredEvent>();
            while (hasEvent && eventReader.Int64(1) == chain)
            {
                events.Add(new StoredEvent(eventReader.Int64(0), eventReader.Event()));
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
    // Raw rows run on the connection, so inside its open read transaction (the snapshot of the log read before).
    private static void CheckHeads(SqliteConnection connection, ChainAuditor auditor, string sql, StreamKind stream)
    {
        using var reader = new RawRows(connection, sql);
        while (reader.Read())
        {
            var seq = reader.Int32(3);
            var hash = reader.Hash(4);
            if (!auditor.TryGetHead(reader.Int64(0), out var head))
                auditor.Report(new AuditViolation(stream, reader.Text(1), reader.Text(2), seq, 0, "the chain has no events"));
            else if (head.Seq != seq || head.Hash != hash)
                auditor.Report(new AuditViolation(stream, reader.Text(1), reader.Text(2), seq, 0,
                    $"the current state says seq {seq}, but the chain ends at seq {head.Seq} with another hash"));
        }
    }
}
