using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Storage.Contract;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DrugTrace.Storage.Sqlite.Tests;

/// <summary>The store contract against a fresh SQLite file per test.</summary>
public sealed class SqliteLedgerStoreTests : LedgerStoreContractTests, IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("drugtrace-store-").FullName;
    private readonly ServiceProvider _services;

    public SqliteLedgerStoreTests()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Storage:Sqlite:DataDirectory"] = _directory,
                ["Storage:Sqlite:Synchronous"] = "NORMAL",
            })
            .Build();
        _services = new ServiceCollection().AddSqliteStorage(configuration, _directory).BuildServiceProvider();
    }

    protected override IPartyStore Parties => _services.GetRequiredService<IPartyStore>();
    protected override ICatalogStore Catalog => _services.GetRequiredService<ICatalogStore>();
    protected override ILedgerStore Ledger => _services.GetRequiredService<ILedgerStore>();
    protected override IScanLog Scans => _services.GetRequiredService<IScanLog>();

    [Fact]
    public void The_database_is_in_WAL_mode_at_the_current_schema_version()
    {
        var db = _services.GetRequiredService<SqliteDatabase>();
        using var connection = db.OpenRead();
        Assert.Equal("wal", Scalar(connection, "PRAGMA journal_mode"));
        Assert.Equal((long)SqliteSchema.Version, Scalar(connection, "PRAGMA user_version"));
        Assert.StartsWith(_directory, db.FilePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reopening_an_existing_file_keeps_its_data()
    {
        Assert.NotNull(await Parties.FindAsync(Maker, default));
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:Sqlite:DataDirectory"] = _directory })
            .Build();
        await using var reopened = new ServiceCollection().AddSqliteStorage(configuration, _directory).BuildServiceProvider();
        Assert.NotNull(await reopened.GetRequiredService<IPartyStore>().FindAsync(Maker, default));
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    Task IAsyncLifetime.InitializeAsync() => InitializeAsync();

    async Task IAsyncLifetime.DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
