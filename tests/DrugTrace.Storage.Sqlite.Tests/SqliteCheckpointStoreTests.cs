using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Storage.Contract;

namespace DrugTrace.Storage.Sqlite.Tests;

/// <summary>The checkpoint store contract against a fresh SQLite file per test.</summary>
public sealed class SqliteCheckpointStoreTests : CheckpointStoreContractTests, IAsyncLifetime
{
    private readonly SqliteTestStore _store = new("drugtrace-checkpoints-");

    protected override ICheckpointStore Checkpoints => _store.Get<ICheckpointStore>();

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => _store.DeleteAsync();
}
