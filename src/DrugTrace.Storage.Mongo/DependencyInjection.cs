using DrugTrace.Application.Alerts;
using DrugTrace.Application.Common.Interfaces;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DrugTrace.Storage.Mongo;

public static class DependencyInjection
{
    /// <summary>
    /// The MongoDB store (section "Storage:Mongo"): every store port, the start-up check that
    /// creates indexes and refuses a standalone server, the "store" health check, and, unless
    /// <c>Storage:Mongo:WatchAlerts</c> is false, the alert change stream that is this instance's
    /// alert push source (<see cref="IAlertChangeFeed"/>).
    /// </summary>
    public static IServiceCollection AddMongoStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<MongoOptions>(configuration.GetSection(MongoOptions.Section));
        services.AddSingleton(sp => new MongoContext(sp.GetRequiredService<IOptions<MongoOptions>>().Value));
        services.AddSingleton<IPartyStore, MongoPartyStore>();
        services.AddSingleton<ICatalogStore, MongoCatalogStore>();
        services.AddSingleton<ILedgerStore, MongoLedgerStore>();
        services.AddSingleton<ILedgerEventQuery, MongoEventQuery>();
        services.AddSingleton<ICustodyQueries, MongoCustodyQueries>();
        services.AddSingleton<IRecallNotices, MongoRecallNotices>();
        services.AddSingleton<IScanLog, MongoScanLog>();
        services.AddSingleton<IAlertStore, MongoAlertStore>();
        services.AddSingleton<IUserStore, MongoUserStore>();
        services.AddHostedService<MongoStartup>();
        services.AddHealthChecks().AddCheck<MongoHealthCheck>("store");

        if (configuration.GetSection(MongoOptions.Section).GetValue(nameof(MongoOptions.WatchAlerts), true))
        {
            services.AddSingleton<AlertChangeStreamWatcher>();
            services.AddSingleton<IAlertChangeFeed>(sp => sp.GetRequiredService<AlertChangeStreamWatcher>());
            services.AddHostedService(sp => sp.GetRequiredService<AlertChangeStreamWatcher>());
        }
        return services;
    }
}
