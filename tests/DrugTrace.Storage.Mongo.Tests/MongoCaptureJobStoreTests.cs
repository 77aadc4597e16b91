using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Storage.Contract;

namespace DrugTrace.Storage.Mongo.Tests;

/// <summary>The capture job store contract against a live MongoDB replica set; skipped without DRUGTRACE_MONGO.</summary>
public sealed class MongoCaptureJobStoreTests : CaptureJobStoreContractTests, IAsyncLifetime
{
    private readonly MongoTestStore _store = new();

    protected override ICaptureJobStore Jobs => _store.Get<ICaptureJobStore>();

    protected override void RequireStore() => MongoTestServer.Require();

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => _store.DeleteAsync();
}
