using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Storage.Contract;

namespace DrugTrace.Storage.Mongo.Tests;

/// <summary>The user store contract against a live MongoDB replica set; skipped without DRUGTRACE_MONGO.</summary>
public sealed class MongoUserStoreTests : UserStoreContractTests, IAsyncLifetime
{
    private readonly MongoTestStore _store = new();

    protected override IPartyStore Parties => _store.Get<IPartyStore>();
    protected override IUserStore Users => _store.Get<IUserStore>();

    protected override void RequireStore() => MongoTestServer.Require();

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => _store.DeleteAsync();
}
