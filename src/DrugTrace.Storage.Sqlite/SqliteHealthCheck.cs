using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DrugTrace.Storage.Sqlite;

/// <summary>Healthy when the database file answers a query.</summary>
internal sealed class SqliteHealthCheck(SqliteDatabase db) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var connection = db.OpenRead();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM parties";
            command.ExecuteScalar();
            return Task.FromResult(HealthCheckResult.Healthy($"SQLite at {db.FilePath}"));
        }
        catch (Microsoft.Data.Sqlite.SqliteException ex)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("The SQLite store does not answer.", ex));
        }
    }
}
