using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Storage.Contract;

namespace DrugTrace.Storage.Mongo.Tests;

/// <summary>The witness store contract against a live MongoDB replica set; skipped without DRUGTRACE_MONGO.</summary>
public sealed class MongoWitnessStoreTests : WitnessStoreContractTests, IAsyncLifetime
{
    private readonly MongoTestStore _store = new();

    protected override IWitnessStore Witnessed => _store.Get<IWitnessStore>();
    protected override IWitnessAnswers Answers => _store.Get<IWitnessAnswers>();

    protected override void RequireStore() => MongoTestServer.Require();

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => _store.DeleteAsync();
}
