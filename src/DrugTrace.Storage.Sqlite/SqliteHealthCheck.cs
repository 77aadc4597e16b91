using DrugTrace.Application.Common.Exceptions;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DrugTrace.Storage.Sqlite;

/// <summary>
/// Healthy when the database file answers a query and the writer can write: after a write failed
/// for a fault of the store (disk full, I/O error), each check probes with a small write of its
/// own, so the store turns healthy again as soon as it can write, without a restart.
/// </summary>
internal sealed class SqliteHealthCheck(SqliteDatabase db, TimeProvider clock) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using (var connection = db.OpenRead())
            using (var command = connection.CreateCommand())
            {
                command.CommandText = "SELECT COUNT(*) FROM parties";
                command.ExecuteScalar();
            }
            if (db.Writer.Fault is not null)
            {
                await db.Writer.ProbeAsync(clock.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken);
                if (db.Writer.Fault is { } still) return Unhealthy(still, null);
            }
            return HealthCheckResult.Healthy($"SQLite at {db.FilePath}");
        }
        catch (StoreUnavailableException ex)
        {
            return Unhealthy(ex.Reason, ex);
        }
        catch (Microsoft.Data.Sqlite.SqliteException ex)
        {
            return HealthCheckResult.Unhealthy("The SQLite store does not answer.", ex);
        }
    }

    private static HealthCheckResult Unhealthy(string reason, Exception? ex) =>
        HealthCheckResult.Unhealthy($"The SQLite store cannot write: {reason}.", ex);
}
