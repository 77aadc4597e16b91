using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Storage.Contract;
using Microsoft.Data.Sqlite;

namespace DrugTrace.Storage.Sqlite.Tests;

/// <summary>The store contract against a fresh SQLite file per test.</summary>
public sealed class SqliteLedgerStoreTests : LedgerStoreContractTests, IAsyncLifetime
{
    private readonly SqliteTestStore _store = new("drugtrace-store-");

    protected override IPartyStore Parties => _store.Get<IPartyStore>();
    protected override ICatalogStore Catalog => _store.Get<ICatalogStore>();
    protected override ILedgerStore Ledger => _store.Get<ILedgerStore>();
    protected override IScanLog Scans => _store.Get<IScanLog>();
    protected override ICustodyQueries Custody => _store.Get<ICustodyQueries>();
    protected override IRecallNotices RecallNotices => _store.Get<IRecallNotices>();

    [Fact]
    public void The_database_is_in_WAL_mode_at_the_current_schema_version()
    {
        var db = _store.Get<SqliteDatabase>();
        using var connection = db.OpenRead();
        Assert.Equal("wal", Scalar(connection, "PRAGMA journal_mode"));
        Assert.Equal((long)SqliteSchema.Version, Scalar(connection, "PRAGMA user_version"));
        Assert.StartsWith(_store.Directory, db.FilePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reopening_an_existing_file_keeps_its_data()
    {
        Assert.NotNull(await Parties.FindAsync(Maker, default));
        await _store.ReopenAsync();
        Assert.NotNull(await _store.Get<IPartyStore>().FindAsync(Maker, default));
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    Task IAsyncLifetime.InitializeAsync() => InitializeAsync();

    Task IAsyncLifetime.DisposeAsync() => _store.DeleteAsync();
}
