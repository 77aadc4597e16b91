using DrugTrace.Application.Common.Exceptions;
using Microsoft.Data.Sqlite;

namespace DrugTrace.Storage.Sqlite.Tests;

/// <summary>
/// The writer's queue and batches: a cancelled write is never queued, a store fault inside a write
/// is reported as one, and a batch whose COMMIT fails is tried again write by write.
/// </summary>
public sealed class SqliteWriterTests : IAsyncLifetime
{
    private const string Party = "4012345000016";
    private readonly SqliteTestStore _store = new("drugtrace-writer-");

    private SqliteWriter Writer => _store.Get<SqliteDatabase>().Writer;

    [Fact]
    public async Task A_write_with_a_cancelled_token_is_refused_and_never_runs()
    {
        var ran = false;
        Assert.Throws<OperationCanceledException>(() => { _ = Writer.WriteAsync(_ => ran = true, new CancellationToken(canceled: true)); });
        // Writes run in order: had it been queued, it would have run before this one.
        Assert.Equal(1, await Writer.WriteAsync(_ => 1));
        Assert.False(ran);
    }

    [Fact]
    public async Task A_probe_commits_and_leaves_only_its_own_row()
    {
        await Writer.ProbeAsync(1_000, default);
        await Writer.ProbeAsync(2_000, default);

        using var connection = _store.Get<SqliteDatabase>().OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*), MAX(at) FROM write_probe";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal((1L, 2_000L), (reader.GetInt64(0), reader.GetInt64(1)));
    }

    [Fact]
    public async Task A_store_fault_inside_a_write_fails_it_as_the_store_being_unavailable_and_is_kept_as_the_fault()
    {
        var ex = await Assert.ThrowsAsync<StoreUnavailableException>(() => Writer.WriteAsync<int>(_ => throw new SqliteException("full", 13)));
        Assert.Equal("disk full", ex.Reason);
        Assert.Equal("disk full", Writer.Fault);

        Assert.Equal(1, await Writer.WriteAsync(_ => 1));
        Assert.Null(Writer.Fault);
    }

    [Fact]
    public async Task A_store_fault_of_one_write_stays_the_batchs_fault_when_a_later_write_fails_on_its_own()
    {
        using var gate = new ManualResetEventSlim();
        var (release, held) = await HoldAsync(gate);
        var full = Writer.WriteAsync<int>(_ => throw new SqliteException("full", 13));
        var own = Writer.WriteAsync<int>(_ => throw new SqliteException("constraint", 19));
        var fine = Writer.WriteAsync(_ => 3);
        release();
        await held;

        await Assert.ThrowsAsync<StoreUnavailableException>(() => full);
        Assert.Equal(19, (await Assert.ThrowsAsync<SqliteException>(() => own)).SqliteErrorCode);
        Assert.Equal(3, await fine);
        Assert.Equal("disk full", Writer.Fault);
    }

    [Fact]
    public async Task A_write_whose_commit_fails_fails_alone_and_the_next_write_commits()
    {
        var ex = await Assert.ThrowsAsync<SqliteException>(() => Writer.WriteAsync(BreakForeignKeyAtCommit));
        Assert.Equal(19, ex.SqliteErrorCode);
        Assert.Equal("the transaction could not be committed", Writer.Fault);

        // The failed COMMIT left the transaction open; the writer rolled it back, so the next one begins.
        await Writer.WriteAsync(w => AddParty(w, Party));
        Assert.Null(Writer.Fault);
        Assert.Equal(0L, Count("SELECT COUNT(*) FROM users"));
        Assert.Equal(1L, Count("SELECT COUNT(*) FROM parties"));
    }

    [Fact]
    public async Task When_a_batchs_commit_fails_the_others_are_retried_alone_and_a_write_that_failed_on_its_own_is_not_run_again()
    {
        var runs = 0;
        using var gate = new ManualResetEventSlim();
        var (release, held) = await HoldAsync(gate);
        var own = Writer.WriteAsync<int>(_ =>
        {
            Interlocked.Increment(ref runs);
            throw new InvalidOperationException("its own error");
        });
        var breaking = Writer.WriteAsync(BreakForeignKeyAtCommit);
        var good = Writer.WriteAsync(w => AddParty(w, Party));
        release();
        await held;

        await Assert.ThrowsAsync<InvalidOperationException>(() => own);
        Assert.Equal(19, (await Assert.ThrowsAsync<SqliteException>(() => breaking)).SqliteErrorCode);
        Assert.Equal(1, await good);
        Assert.Equal(1, Volatile.Read(ref runs));
        Assert.Null(Writer.Fault);
        Assert.Equal(0L, Count("SELECT COUNT(*) FROM users"));
        Assert.Equal(1L, Count("SELECT COUNT(*) FROM parties"));
    }

    [Fact]
    public async Task A_write_that_cannot_begin_for_a_store_fault_fails_as_the_store_being_unavailable_and_the_fault_clears_after()
    {
        // The writer's BEGIN gives up on a lock after 1 s instead of 30 s; another connection holds the write lock.
        await Writer.WriteAsync(w => w.Command("BEGIN IMMEDIATE").CommandTimeout = 1);
        using (var other = _store.Get<SqliteDatabase>().OpenRead())
        {
            using (var begin = other.CreateCommand())
            {
                begin.CommandText = "BEGIN IMMEDIATE";
                begin.ExecuteNonQuery();
            }

            var ex = await Assert.ThrowsAsync<StoreUnavailableException>(() => Writer.WriteAsync(w => AddParty(w, Party)));

            Assert.Equal("the database file is locked by another process", ex.Reason);
            Assert.Equal(5, Assert.IsType<SqliteException>(ex.InnerException).SqliteErrorCode & 0xFF);
            Assert.Equal("the database file is locked by another process", Writer.Fault);
            using var rollback = other.CreateCommand();
            rollback.CommandText = "ROLLBACK";
            rollback.ExecuteNonQuery();
        }

        Assert.Equal(1, await Writer.WriteAsync(w => AddParty(w, Party)));
        Assert.Null(Writer.Fault);
    }

    /// <summary>Holds the writer in a running write until released, so that what is queued meanwhile runs as one batch.</summary>
    private async Task<(Action Release, Task<bool> Held)> HoldAsync(ManualResetEventSlim gate)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var held = Writer.WriteAsync(_ =>
        {
            started.SetResult();
            return gate.Wait(TimeSpan.FromMinutes(2));
        });
        await started.Task;
        return (gate.Set, held);
    }

    /// <summary>A user of a party that does not exist, with the foreign key checked only at COMMIT.</summary>
    private static int BreakForeignKeyAtCommit(SqliteWriter w)
    {
        w.Command("PRAGMA defer_foreign_keys = ON").ExecuteNonQuery();
        return w.Command("INSERT INTO users (user_name, display_name, party_gln, password_hash) VALUES ('ghost', 'Ghost', '0000000000000', 'h')")
            .ExecuteNonQuery();
    }

    private static int AddParty(SqliteWriter w, string gln) =>
        w.Command("INSERT INTO parties (gln, name, role) VALUES ($gln, 'Maker', 'Manufacturer')").Add("$gln", gln).ExecuteNonQuery();

    private long Count(string sql)
    {
        using var connection = _store.Get<SqliteDatabase>().OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _store.DeleteAsync();
}
