using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DrugTrace.Storage.Sqlite.Tests;

/// <summary>What AddSqliteStorage registers: the options of its section, the outbox as a hosted service, the health check.</summary>
public sealed class DependencyInjectionTests : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("drugtrace-di-").FullName;
    private ServiceProvider? _services;

    private ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        _services = new ServiceCollection()
            .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>))
            .AddSqliteStorage(configuration, _root)
            .BuildServiceProvider();
        return _services;
    }

    [Fact]
    public void The_options_are_read_from_the_Storage_Sqlite_section()
    {
        var services = Build(new()
        {
            ["Storage:Sqlite:DataDirectory"] = "data",
            ["Storage:Sqlite:FileName"] = "configured.db",
            ["Storage:Sqlite:Synchronous"] = "NORMAL",
            ["Storage:Sqlite:MaxBatch"] = "7",
        });

        var options = services.GetRequiredService<IOptions<SqliteOptions>>().Value;
        Assert.Equal(("data", "configured.db", "NORMAL", 7), (options.DataDirectory, options.FileName, options.Synchronous, options.MaxBatch));
        Assert.Equal(Path.Combine(_root, "data", "configured.db"), services.GetRequiredService<SqliteDatabase>().FilePath);
    }

    [Fact]
    public void The_alert_outbox_runs_as_a_hosted_service()
    {
        var services = Build([]);
        var outbox = services.GetRequiredService<SqliteAlertOutbox>();
        Assert.Single(services.GetServices<IHostedService>(), hosted => ReferenceEquals(hosted, outbox));
    }

    [Fact]
    public void The_store_has_a_health_check_named_store()
    {
        var services = Build([]);
        var registration = Assert.Single(services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations);
        Assert.Equal("store", registration.Name);
        Assert.IsType<SqliteHealthCheck>(registration.Factory(services));
    }

    [Fact]
    public void The_clock_is_the_system_clock()
    {
        var services = Build([]);
        Assert.Same(TimeProvider.System, services.GetRequiredService<TimeProvider>());
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_services is not null) await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }
}
