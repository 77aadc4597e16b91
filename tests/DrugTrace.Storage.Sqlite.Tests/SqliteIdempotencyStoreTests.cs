using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Storage.Contract;

namespace DrugTrace.Storage.Sqlite.Tests;

/// <summary>The Idempotency-Key store contract against a fresh SQLite file per test.</summary>
public sealed class SqliteIdempotencyStoreTests : IdempotencyStoreContractTests, IAsyncLifetime
{
    private readonly SqliteTestStore _store = new("drugtrace-idempotency-");

    protected override IIdempotencyStore Keys => _store.Get<IIdempotencyStore>();

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => _store.DeleteAsync();
}
