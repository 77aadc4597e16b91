using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Packs;
using Microsoft.Data.Sqlite;

namespace DrugTrace.Storage.Sqlite;

internal sealed partial class SqliteLedgerStore
{
    // Pack chains are read in this many id ranges side by side, each on a connection of its own.
    private static readonly int PackParts = Math.Clamp(Environment.ProcessorCount, 1, 4);

    // The first read that pins each snapshot of an audit read, the same on every connection.
    private const string PinSnapshot = "SELECT MAX(log_index) FROM events";

    private sealed record Snapshots(SqliteConnection Connection, SqliteTransaction Snapshot, List<RawReadConnection> Parts);

    public async IAsyncEnumerable<StoredChain> ReadChainsAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var snapshots = await OpenSnapshotsAsync(PackParts, cancellationToken);
        var (connection, snapshot, parts) = snapshots;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producers = new List<Task>();
        try
        {
            foreach (var chain in LotChains(connection, snapshot)) yield return chain;

            // Pack chains: each part reads its id range in batches through one channel; the audit checks a batch on one
            // core while the parts read on.
            var batches = System.Threading.Channels.Channel.CreateBounded<List<StoredChain>>(new System.Threading.Channels.BoundedChannelOptions(4 * PackParts)
            {
                SingleReader = true,
            });
            foreach (var (part, from, to) in PackRanges(connection, snapshot, parts))
                producers.Add(Task.Run(() => WritePackChainsAsync(part, from, to, batches.Writer, stop.Token), stop.Token));
            _ = Task.WhenAll(producers).ContinueWith(t => batches.Writer.TryComplete(t.Exception?.InnerExceptions[0]), TaskScheduler.Default);
            await foreach (var batch in batches.Reader.ReadAllAsync(cancellationToken))
                foreach (var chain in batch) yield return chain;

            foreach (var chain in CaseChains(connection, snapshot, cancellationToken)) yield return chain;
        }
        finally
        {
            await CloseAsync(stop, producers, snapshots);
        }
    }

    public async ValueTask VisitChainsAsync(Action<StoredChain> visit, CancellationToken cancellationToken)
    {
        var snapshots = await OpenSnapshotsAsync(PackParts, cancellationToken);
        var (connection, snapshot, parts) = snapshots;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producers = new List<Task>();
        try
        {
            foreach (var chain in LotChains(connection, snapshot)) visit(chain);

            // Each part checks the chains it reads: on a core of its own, with no hand-over to another thread.
            foreach (var (part, from, to) in PackRanges(connection, snapshot, parts))
                producers.Add(Task.Run(() =>
                {
                    try
                    {
                        foreach (var chain in PackChains(part, from, to, stop.Token)) visit(chain);
                    }
                    catch
                    {
                        stop.Cancel();
                        throw;
                    }
                }, stop.Token));
            await Task.WhenAll(producers);

            foreach (var chain in CaseChains(connection, snapshot, cancellationToken)) visit(chain);
        }
        finally
        {
            await CloseAsync(stop, producers, snapshots);
        }
    }

    // The parts stop before their connections close; a part's failure has already reached the caller.
    private static async Task CloseAsync(CancellationTokenSource stop, List<Task> producers, Snapshots snapshots)
    {
        await stop.CancelAsync();
        await Task.WhenAll(producers).ContinueWith(static _ => { }, TaskScheduler.Default);
        foreach (var part in snapshots.Parts) part.Dispose();
        snapshots.Snapshot.Dispose();
        snapshots.Connection.Dispose();
    }

    private static IEnumerable<StoredChain> LotChains(SqliteConnection connection, SqliteTransaction snapshot)
    {
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
        // One command for every lot, its statement prepared once and bound again for each.
        using var events = connection.CreateCommand();
        events.Transaction = snapshot;
        events.CommandText = $"SELECT {EventColumns} FROM events WHERE chain = $chain ORDER BY seq";
        var chain = events.CreateParameter();
        chain.ParameterName = "$chain";
        events.Parameters.Add(chain);
        foreach (var (id, lot) in lots)
        {
            chain.Value = LotChain(id);
            yield return new StoredChain(StreamKind.Lot, lot.Gtin, lot.Lot, events.ReadAll(MapStoredEvent), null, lot);
        }
    }

    // The pack id ranges, one per part connection. The last range is open, so that events beyond the last pack row
    // (their row deleted) are read too.
    private static IEnumerable<(SQLitePCL.sqlite3 Part, long From, long To)> PackRanges(SqliteConnection connection, SqliteTransaction snapshot, List<RawReadConnection> parts)
    {
        var lastId = MaxOf(connection, snapshot, "SELECT MAX(id) FROM packs");
        var step = lastId / parts.Count + 1;
        for (var part = 0; part < parts.Count; part++)
            yield return (parts[part].Handle, part * step, part == parts.Count - 1 ? long.MaxValue / 2 : (part + 1) * step);
    }

    private static async Task WritePackChainsAsync(
        SQLitePCL.sqlite3 connection, long fromId, long toId, System.Threading.Channels.ChannelWriter<List<StoredChain>> output, CancellationToken cancellationToken)
    {
        const int BatchChains = 512;
        var batch = new List<StoredChain>(BatchChains);
        foreach (var chain in PackChains(connection, fromId, toId, cancellationToken))
        {
            batch.Add(chain);
            if (batch.Count < BatchChains) continue;
            await output.WriteAsync(batch, cancellationToken);
            batch = new List<StoredChain>(BatchChains);
        }
        if (batch.Count > 0) await output.WriteAsync(batch, cancellationToken);
    }

    // Merges the events (by chain, seq) with the pack rows (by id) of one id range.
    private static IEnumerable<StoredChain> PackChains(SQLitePCL.sqlite3 connection, long fromId, long toId, CancellationToken cancellationToken)
    {
        // Raw rows (see RawRows): a million of each; they run on the connection, inside its snapshot.
        using var eventReader = new RawRows(connection,
            $"SELECT {EventColumns} FROM events WHERE chain >= $from AND chain < $to AND chain % 2 = 0 ORDER BY chain, seq",
            ("$from", PackChain(fromId)), ("$to", PackChain(toId)));
        using var packReader = new RawRows(connection, $"SELECT {PackColumns} FROM packs WHERE id >= $from AND id < $to ORDER BY id",
            ("$from", fromId), ("$to", toId));
        // A pack row is read before its events: their key is its serial, one string for both.
        eventReader.ShareText(5, packReader, 2);
        var events = new List<StoredEvent>(4);
        // The chain of the event row the reader is on (long.MaxValue after the last), read once per row.
        long NextEventChain() => eventReader.Read() ? eventReader.Int64(1) : long.MaxValue;
        var eventChain = NextEventChain();
        var hasPack = packReader.Read();
        var read = 0;
        while (eventChain != long.MaxValue || hasPack)
        {
            if (++read % 4096 == 0) cancellationToken.ThrowIfCancellationRequested();
            var packChain = hasPack ? PackChain(packReader.Int64(0)) : long.MaxValue;
            var chain = Math.Min(eventChain, packChain);
            var pack = packChain == chain ? packReader.Pack() : null;
            events.Clear();
            while (eventChain == chain)
            {
                events.Add(new StoredEvent(eventReader.Int64(0), eventReader.Event()));
                eventChain = NextEventChain();
            }
            if (pack is not null) hasPack = packReader.Read();
            var gtin = pack?.Gtin ?? events[0].Event.Gtin;
            var serial = pack?.Serial ?? events[0].Event.Key;
            // An array of the chain's length: most chains are one event, and a list of four is twice its size.
            yield return new StoredChain(StreamKind.Pack, gtin, serial, events.ToArray(), pack, null);
        }
    }

    // Case chains (negative chain numbers, case id descending as the chain ascends): the same merge.
    private static IEnumerable<StoredChain> CaseChains(SqliteConnection connection, SqliteTransaction snapshot, CancellationToken cancellationToken)
    {
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

    /// <summary>
    /// Read transactions that all see the same state, on a pooled connection (lots and cases) and on
    /// <paramref name="parts"/> multi-thread-mode ones (pack chains): each is begun and pinned by a first read
    /// inside a write of the store's one writer, so that no commit can fall between them.
    /// </summary>
    private async Task<Snapshots> OpenSnapshotsAsync(int parts, CancellationToken cancellationToken)
    {
        var connection = db.OpenRead();
        var raws = new List<RawReadConnection>();
        try
        {
            for (var i = 0; i < parts; i++) raws.Add(new RawReadConnection(db.FilePath));
            return await db.Writer.WriteAsync(_ =>
            {
                var snapshot = connection.BeginTransaction(deferred: true);
                MaxOf(connection, snapshot, PinSnapshot);
                foreach (var part in raws) part.BeginSnapshot(PinSnapshot);
                return new Snapshots(connection, snapshot, raws);
            }, cancellationToken);
        }
        catch
        {
            foreach (var part in raws) part.Dispose();
            connection.Dispose();
            throw;
        }
    }

    private static long MaxOf(SqliteConnection connection, SqliteTransaction snapshot, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = snapshot;
        command.CommandText = sql;
        return command.ExecuteScalar() is long max ? max : 0;
    }
}
