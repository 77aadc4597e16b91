using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DrugTrace.Storage.Mongo;

/// <summary>
/// Checks the deployment and creates collections and indexes when the host starts: a standalone
/// server, or none at all, stops the app here with a message that says why.
/// </summary>
internal sealed class MongoStartup(MongoContext db, ILogger<MongoStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await db.EnsureReadyAsync(cancellationToken);
        logger.LogInformation("MongoDB store ready: database {Database} at {Server}", db.Options.Database, MongoContext.Redacted(db.Options.ConnectionString));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
