using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Storage.Contract;
using Microsoft.Extensions.DependencyInjection;

namespace DrugTrace.Storage.Mongo.Tests;

/// <summary>
/// The store contract against a live MongoDB replica set, a fresh database per test. Skipped,
/// with the reason "DRUGTRACE_MONGO is not set", when no server is named.
/// </summary>
public sealed class MongoLedgerStoreTests : LedgerStoreContractTests, IAsyncLifetime
{
    private readonly string _database = MongoTestServer.NewDatabaseName();
    private readonly ServiceProvider? _services;

    public MongoLedgerStoreTests()
    {
        if (MongoTestServer.ConnectionString is not null) _services = MongoTestServer.Services(_database);
    }

    protected override IPartyStore Parties => Required.GetRequiredService<IPartyStore>();
    protected override ICatalogStore Catalog => Required.GetRequiredService<ICatalogStore>();
    protected override ILedgerStore Ledger => Required.GetRequiredService<ILedgerStore>();
    protected override IScanLog Scans => Required.GetRequiredService<IScanLog>();
    protected override ILogTreeStore Tree => Required.GetRequiredService<ILogTreeStore>();
    protected override ICustodyQueries Custody => Required.GetRequiredService<ICustodyQueries>();
    protected override IRecallNotices RecallNotices => Required.GetRequiredService<IRecallNotices>();

    private ServiceProvider Required => _services ?? throw new InvalidOperationException(MongoTestServer.NotSet);

    protected override void RequireStore() => MongoTestServer.Require();

    Task IAsyncLifetime.InitializeAsync() => _services is null ? Task.CompletedTask : InitializeAsync();

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (_services is null) return;
        await MongoTestServer.DropAsync(_services, _database);
        await _services.DisposeAsync();
    }
}
