using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Storage.Contract;

namespace DrugTrace.Storage.Sqlite.Tests;

/// <summary>The alert store contract against a fresh SQLite file per test.</summary>
public sealed class SqliteAlertStoreTests : AlertStoreContractTests, IAsyncLifetime
{
    private readonly SqliteTestStore _store = new("drugtrace-alerts-");

    protected override IAlertStore Alerts => _store.Get<IAlertStore>();

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => _store.DeleteAsync();
}
