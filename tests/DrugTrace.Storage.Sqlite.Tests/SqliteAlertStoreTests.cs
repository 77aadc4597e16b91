using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Storage.Contract;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DrugTrace.Storage.Sqlite.Tests;

/// <summary>The alert store contract against a fresh SQLite file per test.</summary>
public sealed class SqliteAlertStoreTests : AlertStoreContractTests, IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("drugtrace-alerts-").FullName;
    private readonly ServiceProvider _services;

    public SqliteAlertStoreTests()
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

    protected override IAlertStore Alerts => _services.GetRequiredService<IAlertStore>();

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
