using DrugTrace.Application.Alerts;
using DrugTrace.Application.Common.Interfaces;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;

namespace DrugTrace.Storage.Mongo;

public static class DependencyInjection
{
    /// <summary>The same for every instance and store, so that all of them read each other's protected data.</summary>
    public const string DataProtectionApplicationName = "DrugTrace";

    /// <summary>
    /// The MongoDB store (section "Storage:Mongo"): every store port, the start-up check that
    /// creates indexes and refuses a standalone server, the "store" health check, and, unless
    /// <c>Storage:Mongo:WatchAlerts</c> is false, the alert change stream that is this instance's
    /// alert push source (<see cref="IAlertChangeFeed"/>).
    /// </summary>
    public static IServiceCollection AddMongoStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<MongoOptions>(configuration.GetSection(MongoOptions.Section));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new MongoContext(sp.GetRequiredService<IOptions<MongoOptions>>().Value));
        services.AddSingleton<IPartyStore, MongoPartyStore>();
        services.AddSingleton<ICatalogStore, MongoCatalogStore>();
        services.AddSingleton<ILedgerStore, MongoLedgerStore>();
        services.AddSingleton<ILogTreeStore, MongoLogTreeStore>();
        services.AddSingleton<ICheckpointStore, MongoCheckpointStore>();
        services.AddSingleton<IWitnessStore, MongoWitnessStore>();
        services.AddSingleton<IWitnessAnswers, MongoWitnessAnswers>();
        services.AddSingleton<ILedgerEventQuery, MongoEventQuery>();
        services.AddSingleton<ICustodyQueries, MongoCustodyQueries>();
        services.AddSingleton<IRecallNotices, MongoRecallNotices>();
        services.AddSingleton<IScanLog, MongoScanLog>();
        services.AddSingleton<IAlertStore, MongoAlertStore>();
        services.AddSingleton<IUserStore, MongoUserStore>();
        services.AddSingleton<ICaptureJobStore, MongoCaptureJobStore>();
        services.AddSingleton<IIdempotencyStore, MongoIdempotencyStore>();
        services.AddHostedService<MongoStartup>();
        // Every instance reads and writes one key ring, so a cookie issued by one is valid on all.
        services.AddDataProtection().SetApplicationName(DataProtectionApplicationName);
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(o =>
            o.XmlRepository = new MongoXmlRepository(sp.GetRequiredService<MongoContext>().Database
                .GetCollection<Documents.DataProtectionKeyDocument>(MongoXmlRepository.Collection))));
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
