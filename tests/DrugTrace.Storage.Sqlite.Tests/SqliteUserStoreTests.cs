using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Storage.Contract;

namespace DrugTrace.Storage.Sqlite.Tests;

/// <summary>The user store contract against a fresh SQLite file per test.</summary>
public sealed class SqliteUserStoreTests : UserStoreContractTests, IAsyncLifetime
{
    private readonly SqliteTestStore _store = new("drugtrace-users-");

    protected override IPartyStore Parties => _store.Get<IPartyStore>();
    protected override IUserStore Users => _store.Get<IUserStore>();

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => _store.DeleteAsync();
}
