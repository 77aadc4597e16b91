using DrugTrace.Application.Alerts;
using DrugTrace.Application.Common.Interfaces;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace DrugTrace.Storage.Sqlite;

public static class DependencyInjection
{
    /// <summary>The embedded store: one SQLite file under <paramref name="contentRoot"/> unless configured elsewhere.</summary>
    public static IServiceCollection AddSqliteStorage(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.Configure<SqliteOptions>(configuration.GetSection(SqliteOptions.Section));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new SqliteDatabase(sp.GetRequiredService<IOptions<SqliteOptions>>(), contentRoot));
        services.AddSingleton<IPartyStore, SqlitePartyStore>();
        services.AddSingleton<ICatalogStore, SqliteCatalogStore>();
        services.AddSingleton<ILedgerStore, SqliteLedgerStore>();
        services.AddSingleton<ILogTreeStore, SqliteLogTreeStore>();
        services.AddSingleton<ICheckpointStore, SqliteCheckpointStore>();
        services.AddSingleton<IWitnessStore, SqliteWitnessStore>();
        services.AddSingleton<IWitnessAnswers, SqliteWitnessAnswers>();
        services.AddSingleton<ILedgerEventQuery, SqliteEventQuery>();
        services.AddSingleton<ICustodyQueries, SqliteCustodyQueries>();
        services.AddSingleton<IRecallNotices, SqliteRecallNotices>();
        services.AddSingleton<IScanLog, SqliteScanLog>();
        services.AddSingleton<IAlertStore, SqliteAlertStore>();
        services.AddSingleton<IUserStore, SqliteUserStore>();
        services.AddSingleton<ICaptureJobStore, SqliteCaptureJobStore>();
        services.AddSingleton<IIdempotencyStore, SqliteIdempotencyStore>();
        // The outbox is the push source: alert changes are delivered from what was committed.
        services.AddSingleton<SqliteAlertOutbox>();
        services.AddSingleton<IAlertChangeFeed>(sp => sp.GetRequiredService<SqliteAlertOutbox>());
        services.AddHostedService(sp => sp.GetRequiredService<SqliteAlertOutbox>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddHealthChecks().AddCheck<SqliteHealthCheck>("store");
        return services;
    }
}
