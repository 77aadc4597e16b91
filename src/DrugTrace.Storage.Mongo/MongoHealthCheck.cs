using Microsoft.Extensions.Diagnostics.HealthChecks;
using MongoDB.Bson;
using MongoDB.Driver;

namespace DrugTrace.Storage.Mongo;

/// <summary>Healthy when the server answers a ping and is part of a replica set or a sharded cluster.</summary>
internal sealed class MongoHealthCheck(MongoContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await db.Client.GetDatabase("admin").RunCommandAsync<BsonDocument>(new BsonDocument("ping", 1), cancellationToken: cancellationToken);
            var hello = await db.HelloAsync(cancellationToken);
            return ReplicaSetCheck.Problem(hello) is { } problem
                ? HealthCheckResult.Unhealthy(problem)
                : HealthCheckResult.Healthy($"MongoDB {ReplicaSetCheck.Describe(hello)}, database {db.Options.Database}");
        }
        catch (Exception ex) when (ex is MongoException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("The MongoDB store does not answer.", ex);
        }
    }
}
