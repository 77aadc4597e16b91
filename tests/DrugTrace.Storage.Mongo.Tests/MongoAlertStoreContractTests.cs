using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Storage.Contract;
using Microsoft.Extensions.DependencyInjection;

namespace DrugTrace.Storage.Mongo.Tests;

/// <summary>
/// The alert store contract (the same tests SQLite passes) against a live MongoDB replica set, a
/// fresh database per test. Skipped, with the reason "DRUGTRACE_MONGO is not set", when no server is named.
/// </summary>
public sealed class MongoAlertStoreContractTests : AlertStoreContractTests, IAsyncLifetime
{
    private readonly string _database = MongoTestServer.NewDatabaseName();
    private readonly ServiceProvider? _services;

    public MongoAlertStoreContractTests()
    {
        if (MongoTestServer.ConnectionString is not null) _services = MongoTestServer.Services(_database);
    }

    protected override IAlertStore Alerts =>
        (_services ?? throw new InvalidOperationException(MongoTestServer.NotSet)).GetRequiredService<IAlertStore>();

    protected override void RequireStore() => MongoTestServer.Require();

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (_services is null) return;
        await MongoTestServer.DropAsync(_services, _database);
        await _services.DisposeAsync();
    }
}
