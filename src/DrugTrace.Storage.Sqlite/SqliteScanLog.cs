using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Application.Common.Wire;
using DrugTrace.Domain.Packs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DrugTrace.Storage.Sqlite;

/// <summary>
/// The scan log is not the ledger: a scan is queued to the group-commit writer and the caller goes on
/// without waiting for its commit and fsync. What is queued is written before the writer closes (a clean
/// shutdown disposes the database, which drains the queue); a write that fails is logged. Reads wait for
/// the queued writes they could see (the pack's own, or all for the hourly counts), so this process
/// always reads its own scans. Past <see cref="MaxUnwritten"/> queued scans a caller waits again, so a
/// writer that falls behind slows scanning down instead of filling memory.
/// </summary>
internal sealed class SqliteScanLog(SqliteDatabase db, ILogger<SqliteScanLog>? logger = null) : IScanLog
{
    private const long MillisPerHour = 3_600_000;
    internal const int MaxUnwritten = 10_000;

    // Each queued write's completion (never faulted: failures are logged), all of them and by pack, under _gate.
    // Kept by pack because every verification waits for its own pack's writes: finding them among all the
    // queued ones was a scan of the whole set per request (a fortieth of the app's CPU under verify load).
    private readonly Lock _gate = new();
    private readonly HashSet<Task> _unwritten = [];
    private readonly Dictionary<(string Gtin, string Serial), List<Task>> _unwrittenOfPack = [];

    // Positional, on the writer's raw statement (see RawStatement): one of these per scan.
    private const string InsertScan = """
        INSERT INTO scans (at, actor, action, code, gtin, serial, verdict, alerts)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
        """;

    // The party's latest scan of the pack, in the same commit as the scan row (its rowid, just inserted).
    private const string KeepSighting = """
        INSERT INTO sightings (gtin, serial, actor, at, scan) VALUES (?1, ?2, ?3, ?4, last_insert_rowid())
        ON CONFLICT (gtin, serial, actor) DO UPDATE SET at = excluded.at, scan = excluded.scan
        """;

    public async ValueTask RecordAsync(ScanRecord scan, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        // Not cancellable once queued: the scan happened.
        var write = db.Writer.WriteAsync(w =>
        {
            w.Statement(InsertScan)
                .Int(1, Rows.Millis(scan.At)).Text(2, scan.Actor).Text(3, scan.Action.Name).Text(4, scan.Code)
                .Text(5, scan.Gtin).Text(6, scan.Serial).Text(7, scan.Verdict).Text(8, scan.Alerts)
                .Execute();
            // Shipping scans are no sighting: a shipping scan says the pack left that party, not that it is in stock there.
            if (scan.Gtin is { } gtin && scan.Serial is { } serial && scan.Action.Value != PackAction.Ship)
                w.Statement(KeepSighting).Text(1, gtin).Text(2, serial).Text(3, scan.Actor).Int(4, Rows.Millis(scan.At)).Execute();
            return true;
        }, CancellationToken.None);
        int unwritten;
        lock (_gate) unwritten = _unwritten.Count;
        if (unwritten >= MaxUnwritten)
        {
            await write.ConfigureAwait(false);
            return;
        }
        var written = write.ContinueWith(t =>
        {
            if (t.Exception is { } ex)
                (logger ?? (ILogger)NullLogger.Instance).LogWarning(ex.GetBaseException(), "The scan log could not record a {Action} scan by {Actor} of {Gtin}/{Serial} (verdict {Verdict}); the scan itself stands",
                    scan.Action.Name, scan.Actor, scan.Gtin, scan.Serial, scan.Verdict);
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        var pack = scan.Gtin is { } gtin && scan.Serial is { } serial ? (gtin, serial) : default((string, string)?);
        lock (_gate)
        {
            _unwritten.Add(written);
            if (pack is { } key)
            {
                if (!_unwrittenOfPack.TryGetValue(key, out var ofPack)) _unwrittenOfPack[key] = ofPack = [];
                ofPack.Add(written);
            }
        }
        // Removed once done; if it was done before it was added, this removes it at once.
        _ = written.ContinueWith(t => Forget(t, pack), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private void Forget(Task written, (string Gtin, string Serial)? pack)
    {
        lock (_gate)
        {
            _unwritten.Remove(written);
            if (pack is { } key && _unwrittenOfPack.TryGetValue(key, out var ofPack))
            {
                ofPack.Remove(written);
                if (ofPack.Count == 0) _unwrittenOfPack.Remove(key);
            }
        }
    }

    /// <summary>Waits for the queued writes of this pack, or of every pack when it is null.</summary>
    private Task WrittenAsync((string Gtin, string Serial)? pack)
    {
        Task[] waits;
        lock (_gate)
        {
            if (pack is null) waits = [.. _unwritten];
            else if (_unwrittenOfPack.TryGetValue(pack.Value, out var ofPack)) waits = [.. ofPack];
            else return Task.CompletedTask;
        }
        return waits.Length == 0 ? Task.CompletedTask : Task.WhenAll(waits);
    }

    public async ValueTask<IReadOnlyList<ScanSighting>> SightingsOfPackAsync(string gtin, string serial, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await WrittenAsync((gtin, serial)).WaitAsync(cancellationToken).ConfigureAwait(false);
        using var session = db.Reads.Rent();
        var command = session.Command(SightingsSql);
        command.Add("$gtin", gtin).Add("$serial", serial).Add("$since", Rows.Millis(since));
        var sightings = new List<ScanSighting>();
        using (var reader = command.ExecuteReader())
            while (reader.Read())
                sightings.Add(new ScanSighting(reader.GetString(0), Rows.Time(reader.GetInt64(1))));
        return sightings;
    }

    // One row per party that scanned the pack (see SqliteSchema.SightingsTableMigration), newest scan first.
    private const string SightingsSql = """
        SELECT actor, at FROM sightings
        WHERE gtin = $gtin AND serial = $serial AND at >= $since
        ORDER BY scan DESC
        """;

    internal static readonly string ShipWord = new WireName<PackAction>(PackAction.Ship).Name;

    public async ValueTask<IReadOnlyList<(DateTimeOffset Hour, int Count)>> CountPerHourAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        await WrittenAsync(null).WaitAsync(cancellationToken).ConfigureAwait(false);
        // Scans are appended in time order, so reading backwards by id stops at the first older
        // one instead of scanning the whole table (there is no index on the time).
        using var connection = db.OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT at FROM scans ORDER BY id DESC";
        var from = Rows.Millis(since);
        var counts = new Dictionary<long, int>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                cancellationToken.ThrowIfCancellationRequested();
                var at = reader.GetInt64(0);
                if (at < from) break;
                var hour = at - (at % MillisPerHour);
                counts[hour] = counts.GetValueOrDefault(hour) + 1;
            }
        }
        return [.. counts.Select(c => (Rows.Time(c.Key), c.Value))];
    }
}
