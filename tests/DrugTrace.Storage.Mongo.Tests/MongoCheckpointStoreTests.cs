using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Storage.Contract;

namespace DrugTrace.Storage.Mongo.Tests;

/// <summary>The checkpoint store contract against a live MongoDB replica set; skipped without DRUGTRACE_MONGO.</summary>
public sealed class MongoCheckpointStoreTests : CheckpointStoreContractTests, IAsyncLifetime
{
    private readonly MongoTestStore _store = new();

    protected override ICheckpointStore Checkpoints => _store.Get<ICheckpointStore>();

    protected override void RequireStore() => MongoTestServer.Require();

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => _store.DeleteAsync();
}
