using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DrugTrace.Storage.Sqlite.Tests;

/// <summary>The store's health: a store that cannot be read is unhealthy; a fault of the writer clears once a probe writes.</summary>
public sealed class SqliteHealthCheckTests : IAsyncLifetime
{
    private readonly SqliteTestStore _store = new("drugtrace-health-");

    private SqliteDatabase Db => _store.Get<SqliteDatabase>();

    private Task<HealthCheckResult> CheckAsync() => new SqliteHealthCheck(Db, TimeProvider.System).CheckHealthAsync(new HealthCheckContext());

    [Fact]
    public async Task A_store_whose_tables_cannot_be_read_does_not_answer()
    {
        Assert.Equal(HealthStatus.Healthy, (await CheckAsync()).Status);
        using (var connection = Db.OpenRead())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "DROP TABLE parties";
            command.ExecuteNonQuery();
        }

        var result = await CheckAsync();

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Equal("The SQLite store does not answer.", result.Description);
        Assert.IsType<SqliteException>(result.Exception);
    }

    [Fact]
    public async Task A_writer_fault_is_cleared_by_the_checks_own_probe_once_the_store_can_write_again()
    {
        // A store fault that is gone by the next write: nothing but the check's probe writes after it.
        await Assert.ThrowsAnyAsync<Exception>(() => Db.Writer.WriteAsync<int>(_ => throw new SqliteException("I/O", 10)));
        Assert.Equal("disk I/O error", Db.Writer.Fault);

        var result = await CheckAsync();

        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.Contains(Db.FilePath, result.Description, StringComparison.Ordinal);
        Assert.Null(Db.Writer.Fault);
        using var connection = Db.OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM write_probe";
        Assert.Equal(1L, command.ExecuteScalar());
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _store.DeleteAsync();
}
