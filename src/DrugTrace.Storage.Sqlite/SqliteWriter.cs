using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace DrugTrace.Storage.Sqlite;

/// <summary>
/// The one connection that writes. SQLite allows a single writer anyway; queueing the writes
/// here instead of racing for the file lock means no SQLITE_BUSY, and lets every write that is
/// waiting share one transaction and one fsync (group commit). Each write runs in its own
/// savepoint, so one failing write never takes the others down.
/// </summary>
internal sealed class SqliteWriter : IAsyncDisposable
{
    private readonly Channel<WriteOperation> _queue = Channel.CreateUnbounded<WriteOperation>(new() { SingleReader = true });
    private readonly SqliteConnection _connection;
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private readonly int _maxBatch;
    private readonly Task _loop;

    public SqliteWriter(SqliteConnection connection, int maxBatch)
    {
        _connection = connection;
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

    /// <summary>The rowid of the last row inserted on the writer connection.</summary>
    public long LastInsertRowId => SQLitePCL.raw.sqlite3_last_insert_rowid(_connection.Handle);

    /// <summary>A prepared command for <paramref name="sql"/>, reused across writes, with its parameters cleared.</summary>
    public SqliteCommand Command(string sql)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = _connection.CreateCommand();
            command.CommandText = sql;
            _commands[sql] = command;
        }
        command.Parameters.Clear();
        return command;
    }

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

    private void RunBatch(List<WriteOperation> batch)
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
            catch (Exception ex)
            {
                Exec("ROLLBACK TO op");
                Exec("RELEASE op");
                operation.Fail(ex);
            }
        }
        try
        {
            Exec("COMMIT");
        }
        catch (Exception ex)
        {
            // Nothing of this batch is stored: every writer hears so.
            if (!_connection.State.HasFlag(System.Data.ConnectionState.Open)) throw;
            TryRollback();
            foreach (var operation in batch) operation.Fail(ex);
            return;
        }
        foreach (var operation in batch) operation.Complete();
    }

    private void TryRollback()
    {
        try
        {
            Exec("ROLLBACK");
        }
        catch (SqliteException)
        {
            // SQLite already rolled the transaction back when COMMIT failed.
        }
    }

    private void Exec(string sql) => Command(sql).ExecuteNonQuery();

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
        foreach (var command in _commands.Values) await command.DisposeAsync().ConfigureAwait(false);
        await _connection.DisposeAsync().ConfigureAwait(false);
    }

    private abstract class WriteOperation
    {
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
