using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Storage.Contract;
using Microsoft.Extensions.DependencyInjection;

namespace DrugTrace.Storage.Mongo.Tests;

/// <summary>The capture job store contract against a live MongoDB replica set; skipped without DRUGTRACE_MONGO.</summary>
public sealed class MongoCaptureJobStoreTests : CaptureJobStoreContractTests, IAsyncLifetime
{
    private readonly string _database = MongoTestServer.NewDatabaseName();
    private readonly ServiceProvider? _services;

    public MongoCaptureJobStoreTests()
    {
        if (MongoTestServer.ConnectionString is not null) _services = MongoTestServer.Services(_database);
    }

    protected override ICaptureJobStore Jobs => Required.GetRequiredService<ICaptureJobStore>();

    private ServiceProvider Required => _services ?? throw new InvalidOperationException(MongoTestServer.NotSet);

    protected override void RequireStore() => MongoTestServer.Require();

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (_services is null) return;
        await MongoTestServer.DropAsync(_services, _database);
        await _services.DisposeAsync();
    }
}
