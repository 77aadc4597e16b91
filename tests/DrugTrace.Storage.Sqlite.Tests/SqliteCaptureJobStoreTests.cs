using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Storage.Contract;

namespace DrugTrace.Storage.Sqlite.Tests;

/// <summary>The capture job store contract against a fresh SQLite file per test.</summary>
public sealed class SqliteCaptureJobStoreTests : CaptureJobStoreContractTests, IAsyncLifetime
{
    private readonly SqliteTestStore _store = new("drugtrace-capture-jobs-");

    protected override ICaptureJobStore Jobs => _store.Get<ICaptureJobStore>();

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => _store.DeleteAsync();
}
