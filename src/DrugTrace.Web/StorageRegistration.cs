using DrugTrace.Application.Alerts;
using DrugTrace.Storage.Mongo;
using DrugTrace.Storage.Sqlite;
using DrugTrace.Web.Alerts;

namespace DrugTrace.Web;

/// <summary>Picks the store from <c>Storage:Provider</c>: <c>Sqlite</c> (the default, embedded) or <c>Mongo</c>.</summary>
public static class StorageRegistration
{
    public const string ProviderKey = "Storage:Provider";

    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var provider = configuration[ProviderKey];
        if (string.IsNullOrWhiteSpace(provider) || provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
            services.AddSqliteStorage(configuration, contentRoot);
        else if (provider.Equals("Mongo", StringComparison.OrdinalIgnoreCase) || provider.Equals("MongoDB", StringComparison.OrdinalIgnoreCase))
            services.AddMongoStorage(configuration);
        else
            throw new InvalidOperationException($"{ProviderKey} is '{provider}'; use Sqlite (the default) or Mongo.");

        // Where a store's change feed (MongoDB's change stream) delivers alerts for this instance's listeners.
        services.AddSingleton<IAlertChangeSink, AlertQueueChangeSink>();
        return services;
    }
}
