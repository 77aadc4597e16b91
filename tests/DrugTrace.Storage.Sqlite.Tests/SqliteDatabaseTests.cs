using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace DrugTrace.Storage.Sqlite.Tests;

/// <summary>The database file: where it is created, how its writer connection is set up, and its shutdown.</summary>
public sealed class SqliteDatabaseTests : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("drugtrace-database-").FullName;
    private readonly List<SqliteDatabase> _opened = [];

    private SqliteDatabase Open(SqliteOptions options)
    {
        var db = new SqliteDatabase(Options.Create(options), _root);
        _opened.Add(db);
        return db;
    }

    [Fact]
    public void By_default_the_file_is_App_Data_drugtrace_db_under_the_content_root()
    {
        var db = Open(new SqliteOptions());
        Assert.Equal(Path.Combine(_root, "App_Data", "drugtrace.db"), db.FilePath);
        Assert.True(File.Exists(db.FilePath));
    }

    [Fact]
    public void A_data_directory_that_does_not_exist_yet_is_created()
    {
        var db = Open(new SqliteOptions { DataDirectory = Path.Combine("not", "there", "yet"), FileName = "x.db" });
        Assert.Equal(Path.Combine(_root, "not", "there", "yet", "x.db"), db.FilePath);
        Assert.True(File.Exists(db.FilePath));
    }

    [Theory]
    [InlineData("FULL", 2L)]
    [InlineData("normal", 1L)]
    [InlineData("Extra", 3L)]
    [InlineData("off", 0L)]
    public async Task The_writer_flushes_as_configured_in_any_case(string synchronous, long expected)
    {
        var db = Open(new SqliteOptions { DataDirectory = synchronous, Synchronous = synchronous });
        Assert.Equal(expected, await db.Writer.WriteAsync(w => (long)w.Command("PRAGMA synchronous").ExecuteScalar()!));
    }

    [Fact]
    public void An_unknown_synchronous_setting_is_refused_by_name()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => Open(new SqliteOptions { Synchronous = "bogus" }));
        Assert.Contains("'bogus'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_writer_enforces_foreign_keys()
    {
        var db = Open(new SqliteOptions());
        Assert.Equal(1L, await db.Writer.WriteAsync(w => (long)w.Command("PRAGMA foreign_keys").ExecuteScalar()!));
        var ex = await Assert.ThrowsAsync<SqliteException>(() => db.Writer.WriteAsync(w => w.Command(
                "INSERT INTO users (user_name, display_name, party_gln, password_hash) VALUES ('ghost', 'Ghost', '0000000000000', 'h')")
            .ExecuteNonQuery()));
        Assert.Equal(19, ex.SqliteErrorCode);
    }

    [Fact]
    public async Task After_the_database_is_disposed_a_write_is_refused()
    {
        var db = Open(new SqliteOptions());
        Assert.Equal(1, await db.Writer.WriteAsync(_ => 1));

        // Bounded: a writer loop that never ends would hang here.
        await db.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Throws<ObjectDisposedException>(() => { _ = db.Writer.WriteAsync(_ => 2); });
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var db in _opened) await db.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }
}
