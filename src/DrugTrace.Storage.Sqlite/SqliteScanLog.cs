using System.Collections.Concurrent;
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

    // Each queued write's completion (never faulted: failures are logged) and the pack it is of.
    private readonly ConcurrentDictionary<Task, (string? Gtin, string? Serial)> _unwritten = new();

    public async ValueTask RecordAsync(ScanRecord scan, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        // Not cancellable once queued: the scan happened.
        var write = db.Writer.WriteAsync(w => w.Command("""
                INSERT INTO scans (at, actor, action, code, gtin, serial, verdict, alerts)
                VALUES ($at, $actor, $action, $code, $gtin, $serial, $verdict, $alerts)
                """)
            .Add("$at", Rows.Millis(scan.At)).Add("$actor", scan.Actor).Add("$action", scan.Action.Name)
            .Add("$code", scan.Code).Add("$gtin", scan.Gtin).Add("$serial", scan.Serial)
            .Add("$verdict", scan.Verdict).Add("$alerts", scan.Alerts)
            .ExecuteNonQuery(), CancellationToken.None);
        if (_unwritten.Count >= MaxUnwritten)
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
        _unwritten[written] = (scan.Gtin, scan.Serial);
        // Removed once done; if it was done before it was added, this removes it at once.
        _ = written.ContinueWith(static (t, state) => ((ConcurrentDictionary<Task, (string?, string?)>)state!).TryRemove(t, out _),
            _unwritten, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Waits for the queued writes that <paramref name="pending"/> selects.</summary>
    private Task WrittenAsync(Func<(string? Gtin, string? Serial), bool> pending)
    {
        if (_unwritten.IsEmpty) return Task.CompletedTask;
        var waits = _unwritten.Where(u => pending(u.Value)).Select(u => u.Key).ToList();
        return waits.Count == 0 ? Task.CompletedTask : Task.WhenAll(waits);
    }

    public async ValueTask<IReadOnlyList<ScanSighting>> SightingsOfPackAsync(string gtin, string serial, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await WrittenAsync(p => p.Gtin == gtin && p.Serial == serial).WaitAsync(cancellationToken).ConfigureAwait(false);
        using var connection = db.OpenRead();
        using var command = connection.CreateCommand();
        // Read from scans_sightings alone (it holds every column named here, and the rowid). With MAX(id),
        // SQLite takes the bare column "at" from that same row: each party's latest scan.
        command.CommandText = """
            SELECT actor, at, MAX(id) AS latest FROM scans
            WHERE gtin = $gtin AND serial = $serial AND at >= $since AND action <> $ship
            GROUP BY actor ORDER BY latest DESC
            """;
        command.Add("$gtin", gtin).Add("$serial", serial).Add("$since", Rows.Millis(since)).Add("$ship", ShipWord);
        var sightings = new List<ScanSighting>();
        using (var reader = command.ExecuteReader())
            while (reader.Read())
                sightings.Add(new ScanSighting(reader.GetString(0), Rows.Time(reader.GetInt64(1))));
        return sightings;
    }

    private static readonly string ShipWord = new WireName<PackAction>(PackAction.Ship).Name;

    public async ValueTask<IReadOnlyList<(DateTimeOffset Hour, int Count)>> CountPerHourAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        await WrittenAsync(_ => true).WaitAsync(cancellationToken).ConfigureAwait(false);
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
