using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Storage.Contract;

namespace DrugTrace.Storage.Mongo.Tests;

/// <summary>The party store contract against a live MongoDB replica set; skipped without DRUGTRACE_MONGO.</summary>
public sealed class MongoPartyStoreTests : PartyStoreContractTests, IAsyncLifetime
{
    private readonly MongoTestStore _store = new();

    protected override IPartyStore Parties => _store.Get<IPartyStore>();

    protected override void RequireStore() => MongoTestServer.Require();

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => _store.DeleteAsync();
}
