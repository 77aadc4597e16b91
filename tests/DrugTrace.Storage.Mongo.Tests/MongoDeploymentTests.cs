using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using MongoDB.Bson;
using MongoDB.Driver;

namespace DrugTrace.Storage.Mongo.Tests;

/// <summary>Start-up against the live server: the replica set check, the collections and indexes, the health check.</summary>
public sealed class MongoDeploymentTests : IAsyncLifetime
{
    private readonly string _database = MongoTestServer.NewDatabaseName();
    private ServiceProvider? _services;

    public Task InitializeAsync()
    {
        if (MongoTestServer.ConnectionString is not null) _services = MongoTestServer.Services(_database);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_services is null) return;
        await MongoTestServer.DropAsync(_services, _database);
        await _services.DisposeAsync();
    }

    [SkippableFact]
    public async Task Start_up_creates_every_collection_and_index()
    {
        MongoTestServer.Require();
        var db = _services!.GetRequiredService<MongoContext>();
        await db.EnsureReadyAsync(default);
        var names = await (await db.Database.ListCollectionNamesAsync()).ToListAsync();
        Assert.Superset(new HashSet<string> { "parties", "products", "lots", "packs", "events", "scans", "alerts", "counters", "checkpoints" }, names.ToHashSet());

        async Task<List<string>> IndexesOf<T>(IMongoCollection<T> c) =>
            [.. (await (await c.Indexes.ListAsync()).ToListAsync()).Select(i => i["name"].AsString).Order()];
        Assert.Equal(["_id_", "chain_seq_unique"], await IndexesOf(db.EventCollection));
        Assert.Equal(["_id_", "gtin_lot_chain", "gtin_serial_unique"], await IndexesOf(db.PackCollection));
        Assert.Equal(["_id_", "gtin_expiry_lot", "gtin_lot_unique"], await IndexesOf(db.LotCollection));
        Assert.Contains("dedupeKey_id", await IndexesOf(db.AlertCollection));

        // Twice is harmless: a second instance starting against the same database.
        await MongoTestServer.Services(_database).GetRequiredService<MongoContext>().EnsureReadyAsync(default);
    }

    [SkippableFact]
    public async Task The_server_is_a_replica_set_and_healthy()
    {
        MongoTestServer.Require();
        var db = _services!.GetRequiredService<MongoContext>();
        var hello = await db.HelloAsync(default);
        Assert.Null(ReplicaSetCheck.Problem(hello));
        var result = await new MongoHealthCheck(db).CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.Contains(_database, result.Description);
    }

    [SkippableFact]
    public async Task A_global_log_index_is_never_reused_after_an_abort()
    {
        MongoTestServer.Require();
        var db = _services!.GetRequiredService<MongoContext>();
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.InTransactionAsync<long>(async (session, ct) =>
        {
            await db.ReserveAsync(session, MongoQueries.LogCounter, 5, ct);
            throw new InvalidOperationException("rolled back");
        }, default));
        var first = await db.InTransactionAsync((session, ct) => db.ReserveAsync(session, MongoQueries.LogCounter, 1, ct), default);
        Assert.Equal(1, first);
        var counter = await db.CounterCollection.Find(MongoQueries.Counter(MongoQueries.LogCounter)).SingleAsync();
        Assert.Equal(1, counter.Value);
        Assert.Equal(BsonType.Int64, (await db.Database.GetCollection<BsonDocument>("counters").Find(new BsonDocument("_id", "log")).SingleAsync())["value"].BsonType);
    }
}
