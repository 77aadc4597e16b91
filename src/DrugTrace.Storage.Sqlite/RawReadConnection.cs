using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace DrugTrace.Storage.Sqlite;

/// <summary>
/// A connection of the SQLite library's own, not pooled, opened in its multi-thread mode (SQLITE_OPEN_NOMUTEX), for
/// the audit's reads of every pack and event row. Microsoft.Data.Sqlite's connections are serialised, so each of the
/// tens of millions of column reads locks and unlocks the connection's mutex (a tenth of the audit's time); this one
/// is used by one reader at a time, which is all that mode asks, and its statements are disposed before it closes.
/// </summary>
internal sealed class RawReadConnection : IDisposable
{
    public RawReadConnection(string path)
    {
        var rc = raw.sqlite3_open_v2(path, out var db, raw.SQLITE_OPEN_READWRITE | raw.SQLITE_OPEN_NOMUTEX, null);
        if (rc != raw.SQLITE_OK)
        {
            using (db) SqliteException.ThrowExceptionForRC(rc, db);
        }
        Handle = db;
        // As the pooled connections (DefaultTimeout = 30): a reader waits only while a checkpoint resets the log.
        raw.sqlite3_busy_timeout(Handle, 30_000);
    }

    public sqlite3 Handle { get; }

    /// <summary>Begins a read transaction and pins its snapshot with <paramref name="firstRead"/>, as a deferred one only starts at its first read.</summary>
    public void BeginSnapshot(string firstRead)
    {
        SqliteException.ThrowExceptionForRC(raw.sqlite3_exec(Handle, "BEGIN"), Handle);
        using var pin = new RawRows(Handle, firstRead);
        pin.Read();
    }

    public void Dispose() => Handle.Dispose();
}
