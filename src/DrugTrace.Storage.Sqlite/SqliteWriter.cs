using System.Threading.Channels;
using DrugTrace.Application.Common.Exceptions;
using Microsoft.Data.Sqlite;

namespace DrugTrace.Storage.Sqlite;

/// <summary>
/// The one connection that writes. SQLite allows a single writer anyway; queueing the writes
/// here instead of racing for the file lock means no SQLITE_BUSY, and lets every write that is
/// waiting share one transaction and one fsync (group commit). Each write runs in its own
/// savepoint, so one failing write never takes the others down, and a fault of the store (disk
/// full, I/O error) fails the writes it hit with <see cref="StoreUnavailableException"/> while the
/// loop goes on serving the next ones.
/// </summary>
internal sealed class SqliteWriter : IAsyncDisposable
{
    private readonly Channel<WriteOperation> _queue = Channel.CreateUnbounded<WriteOperation>(new() { SingleReader = true });
    private readonly SqliteConnection _connection;
    private readonly PreparedCommands _commands;
    private readonly Dictionary<string, RawStatement> _statements = new(StringComparer.Ordinal);
    private readonly int _maxBatch;
    private readonly Task _loop;

    public SqliteWriter(SqliteConnection connection, int maxBatch)
    {
        _connection = connection;
        _commands = new PreparedCommands(connection);
        _maxBatch = Math.Max(1, maxBatch);
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Runs <paramref name="work"/> on the writer connection inside a transaction and waits for its commit.</summary>
    public Task<T> WriteAsync<T>(Func<SqliteWriter, T> work, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var operation = new WriteOperation<T>(work);
        if (!_queue.Writer.TryWrite(operation))
            throw new ObjectDisposedException(nameof(SqliteWriter), "The store is shutting down.");
        return operation.Task;
    }

    /// <summary>The writer connection, for raw statements (<see cref="RawRows"/>) inside the running write.</summary>
    internal SqliteConnection Connection => _connection;

    /// <summary>The leaves of the log's tile being filled (see <see cref="SqliteTreeNodes.Appended"/>).</summary>
    internal OpenTile Tile { get; } = new();

    /// <summary>The rowid of the last row inserted on the writer connection.</summary>
    public long LastInsertRowId => SQLitePCL.raw.sqlite3_last_insert_rowid(_connection.Handle);

    /// <summary>A prepared command for <paramref name="sql"/>, reused across writes, with its parameters cleared.</summary>
    public SqliteCommand Command(string sql) => _commands.For(sql);

    /// <summary>
    /// A raw statement for <paramref name="sql"/> (positional parameters), prepared once and reused across
    /// writes; it keeps the values bound last, so the caller binds every parameter before it runs.
    /// </summary>
    public RawStatement Statement(string sql)
    {
        if (!_statements.TryGetValue(sql, out var statement))
        {
            statement = new RawStatement(_connection, sql);
            _statements[sql] = statement;
        }
        return statement;
    }

    /// <summary>
    /// Why the last batch could not write (disk full, I/O error, ...), or null when it committed
    /// cleanly. The health check reports it and, while it is set, probes with a write of its own.
    /// </summary>
    public string? Fault => _fault;

    private volatile string? _fault;

    /// <summary>
    /// Commits a small write that needs fresh pages (and removes it again in the same
    /// transaction), so the health check can tell when a full or failing store can write again.
    /// Throws <see cref="StoreUnavailableException"/> when it cannot.
    /// </summary>
    public Task ProbeAsync(long nowMillis, CancellationToken cancellationToken) =>
        WriteAsync(w =>
        {
            w.Command("INSERT INTO write_probe (at, pad) VALUES ($at, zeroblob(8192))").Add("$at", nowMillis).ExecuteNonQuery();
            w.Command("DELETE FROM write_probe WHERE id <> $id").Add("$id", w.LastInsertRowId).ExecuteNonQuery();
            return true;
        }, cancellationToken);

    private async Task LoopAsync()
    {
        var batch = new List<WriteOperation>(_maxBatch);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < _maxBatch && _queue.Reader.TryRead(out var operation)) batch.Add(operation);
            RunBatch(batch);
            batch.Clear();
        }
    }

    /// <summary>
    /// Commits the batch together; when the transaction as a whole fails (it cannot begin, SQLite
    /// rolled it back, or COMMIT fails) nothing of it is stored, and each write that had not
    /// failed on its own is tried again alone, so one write that cannot fit does not take the
    /// others down. This never throws: the loop must survive every fault to serve later writes.
    /// </summary>
    private void RunBatch(List<WriteOperation> batch)
    {
        var storeFault = RunTogether(batch, out var lost);
        if (lost is null)
        {
            _fault = storeFault;
            foreach (var operation in batch) operation.Complete();
            return;
        }

        var pending = batch.Where(o => !o.IsFailed).ToList();
        if (pending.Count > 1)
        {
            foreach (var operation in pending) RunBatch([operation]);
            return;
        }
        var reason = StorageFault.Describe(lost);
        _fault = reason ?? "the transaction could not be committed";
        var error = reason is null ? lost : new StoreUnavailableException(reason, lost);
        foreach (var operation in pending) operation.Fail(error);
    }

    /// <summary>
    /// Runs every write in its own savepoint of one transaction and commits. Returns the reason of
    /// a store fault that failed one write while the transaction survived; <paramref name="lost"/>
    /// is the error that ended the whole transaction (then nothing is stored), or null.
    /// </summary>
    private string? RunTogether(List<WriteOperation> batch, out Exception? lost)
    {
        string? storeFault = null;
        try
        {
            Exec("BEGIN IMMEDIATE");
            foreach (var operation in batch)
            {
                Exec("SAVEPOINT op");
                try
                {
                    operation.Run(this);
                    Exec("RELEASE op");
                }
                catch (Exception ex) when (InTransaction)
                {
                    // SQLite undid only the failed statement: undo the rest of this write, keep the others.
                    Exec("ROLLBACK TO op");
                    Exec("RELEASE op");
                    var reason = StorageFault.Describe(ex);
                    storeFault ??= reason;
                    // Known as the store's fault before the caller hears of it, not only once the batch commits.
                    if (reason is not null) _fault = reason;
                    operation.Fail(reason is null ? ex : new StoreUnavailableException(reason, ex));
                }
            }
            Exec("COMMIT");
            lost = null;
            return storeFault;
        }
        catch (Exception ex)
        {
            TryRollback();
            lost = ex;
            return storeFault;
        }
    }

    /// <summary>False once SQLite has rolled the transaction back by itself (disk full, I/O error).</summary>
    private bool InTransaction => SQLitePCL.raw.sqlite3_get_autocommit(_connection.Handle) == 0;

    private void TryRollback()
    {
        if (!InTransaction) return;
        try
        {
            Exec("ROLLBACK");
        }
        catch (SqliteException)
        {
            // The connection could not even roll back; SQLite rolls back a hot journal when next used.
        }
    }

    // Run on their raw statements: through SqliteCommand each of the four or five per write built a data reader
    // and bound nothing, every time (perf of scenarios 4 and 5: the writer's own overhead per scan).
    private void Exec(string sql) => Statement(sql).Execute();

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
        _commands.Dispose();
        foreach (var statement in _statements.Values) statement.Dispose();
        await _connection.DisposeAsync().ConfigureAwait(false);
    }

    private abstract class WriteOperation
    {
        /// <summary>Failed on its own (its error stands even if the batch is tried again).</summary>
        public abstract bool IsFailed { get; }

        public abstract void Run(SqliteWriter writer);
        public abstract void Fail(Exception ex);
        public abstract void Complete();
    }

    private sealed class WriteOperation<T>(Func<SqliteWriter, T> work) : WriteOperation
    {
        private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _result;
        private bool _failed;

        public Task<T> Task => _completion.Task;

        public override bool IsFailed => _failed;

        public override void Run(SqliteWriter writer) => _result = work(writer);

        public override void Fail(Exception ex)
        {
            _failed = true;
            _completion.TrySetException(ex);
        }

        public override void Complete()
        {
            if (!_failed) _completion.TrySetResult(_result!);
        }
    }
}
