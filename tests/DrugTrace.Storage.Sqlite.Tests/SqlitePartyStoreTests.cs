using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Storage.Contract;

namespace DrugTrace.Storage.Sqlite.Tests;

/// <summary>The party store contract against a fresh SQLite file per test.</summary>
public sealed class SqlitePartyStoreTests : PartyStoreContractTests, IAsyncLifetime
{
    private readonly SqliteTestStore _store = new("drugtrace-parties-");

    protected override IPartyStore Parties => _store.Get<IPartyStore>();

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => _store.DeleteAsync();
}
