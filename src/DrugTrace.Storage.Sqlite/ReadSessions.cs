using Microsoft.Data.Sqlite;

namespace DrugTrace.Storage.Sqlite;

/// <summary>
/// Read connections kept open with their prepared statements, for the reads every scan makes (the pack, its
/// sightings, its chain). A connection from <see cref="SqliteDatabase.OpenRead"/> drops its statements when it is
/// closed, so each such read parsed and planned its SQL anew: <c>sqlite3_prepare_v2</c> was an eighth of the app's
/// CPU under the verify load of benchmark scenario 4 (perf). A session is used by one caller at a time and holds no
/// transaction between reads (each statement is reset when its reader is disposed), so it always reads the latest
/// commit. At most <see cref="MaxIdle"/> idle sessions are kept; the others are closed when given back.
/// </summary>
internal sealed class ReadSessions(string connectionString) : IDisposable
{
    internal const int MaxIdle = 16;

    private readonly Stack<ReadSession> _idle = new();
    private readonly Lock _gate = new();
    private bool _disposed;

    /// <summary>Idle sessions kept (for the tests).</summary>
    internal int IdleCount
    {
        get
        {
            lock (_gate) return _idle.Count;
        }
    }

    /// <summary>A session for this caller alone; dispose it to give it back.</summary>
    public ReadSession Rent()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_idle.TryPop(out var idle)) return idle;
        }
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        return new ReadSession(this, connection);
    }

    internal void Return(ReadSession session)
    {
        lock (_gate)
        {
            if (!_disposed && _idle.Count < MaxIdle)
            {
                _idle.Push(session);
                return;
            }
        }
        session.Close();
    }

    public void Dispose()
    {
        ReadSession[] idle;
        lock (_gate)
        {
            _disposed = true;
            idle = [.. _idle];
            _idle.Clear();
        }
        foreach (var session in idle) session.Close();
    }
}
