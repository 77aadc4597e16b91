namespace DrugTrace.Storage.Sqlite.Tests;

/// <summary>Kept read sessions are reused with their prepared commands, always read the latest commit, and are bounded.</summary>
public sealed class ReadSessionsTests : IAsyncLifetime
{
    private readonly SqliteTestStore _store = new("drugtrace-reads-");

    private SqliteDatabase Db => _store.Get<SqliteDatabase>();

    [Fact]
    public void A_session_given_back_is_rented_again_with_its_command_prepared_once()
    {
        var reads = new ReadSessions(ConnectionString());
        ReadSession first;
        Microsoft.Data.Sqlite.SqliteCommand command;
        using (first = reads.Rent())
        {
            command = first.Command("SELECT $x");
            command.Add("$x", 1);
            Assert.Equal(1L, command.ExecuteScalar());
        }

        using var again = reads.Rent();
        Assert.Same(first, again);
        var same = again.Command("SELECT $x");
        Assert.Same(command, same);
        // Its parameters were cleared: the caller binds its own.
        Assert.Empty(same.Parameters);
        reads.Dispose();
    }

    [Fact]
    public async Task A_kept_session_reads_what_was_committed_after_its_last_read()
    {
        await Db.Writer.WriteAsync(w => w.Command("INSERT INTO write_probe (at, pad) VALUES (1, x'00')").ExecuteNonQuery());
        using (var session = Db.Reads.Rent())
            Assert.Equal(1L, session.Command("SELECT COUNT(*) FROM write_probe").ExecuteScalar());

        await Db.Writer.WriteAsync(w => w.Command("INSERT INTO write_probe (at, pad) VALUES (2, x'00')").ExecuteNonQuery());

        using (var session = Db.Reads.Rent())
            Assert.Equal(2L, session.Command("SELECT COUNT(*) FROM write_probe").ExecuteScalar());
    }

    [Fact]
    public void Sessions_rented_together_are_distinct_and_at_most_MaxIdle_are_kept()
    {
        var reads = new ReadSessions(ConnectionString());
        var rented = Enumerable.Range(0, ReadSessions.MaxIdle + 3).Select(_ => reads.Rent()).ToList();
        Assert.Equal(rented.Count, rented.Distinct().Count());

        foreach (var session in rented) session.Dispose();

        Assert.Equal(ReadSessions.MaxIdle, reads.IdleCount);
        reads.Dispose();
        Assert.Equal(0, reads.IdleCount);
        Assert.Throws<ObjectDisposedException>(() => reads.Rent());
    }

    [Fact]
    public void A_session_given_back_after_the_pool_closed_is_closed_not_kept()
    {
        var reads = new ReadSessions(ConnectionString());
        var session = reads.Rent();
        reads.Dispose();

        session.Dispose();

        Assert.Equal(0, reads.IdleCount);
    }

    private string ConnectionString() =>
        new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder { DataSource = Db.FilePath, Pooling = true }.ToString();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _store.DeleteAsync();
}
