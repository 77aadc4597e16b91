using DrugTrace.Application.Alerts;
using DrugTrace.Storage.Mongo;
using DrugTrace.Storage.Sqlite;
using DrugTrace.Web.Alerts;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;

namespace DrugTrace.Web;

/// <summary>Picks the store from <c>Storage:Provider</c>: <c>Sqlite</c> (the default, embedded) or <c>Mongo</c>.</summary>
public static class StorageRegistration
{
    public const string ProviderKey = "Storage:Provider";

    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var provider = configuration[ProviderKey];
        if (string.IsNullOrWhiteSpace(provider) || provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            services.AddSqliteStorage(configuration, contentRoot);
            // The Data Protection key ring (sign-in cookies, anti-forgery tokens) lives beside the database,
            // so a restart does not sign everyone out.
            services.AddDataProtection().SetApplicationName(Storage.Mongo.DependencyInjection.DataProtectionApplicationName);
            services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(o =>
                o.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(KeyDirectory(sp.GetRequiredService<IOptions<SqliteOptions>>().Value, contentRoot)),
                    sp.GetRequiredService<ILoggerFactory>())));
        }
        else if (provider.Equals("Mongo", StringComparison.OrdinalIgnoreCase) || provider.Equals("MongoDB", StringComparison.OrdinalIgnoreCase))
            services.AddMongoStorage(configuration);
        else
            throw new InvalidOperationException($"{ProviderKey} is '{provider}'; use Sqlite (the default) or Mongo.");

        // Where a store's change feed (MongoDB's change stream) delivers alerts for this instance's listeners.
        services.AddSingleton<IAlertChangeSink, AlertQueueChangeSink>();
        return services;
    }

    /// <summary>The folder of the Data Protection keys with SQLite: <c>keys/</c> in the data directory.</summary>
    public static string KeyDirectory(SqliteOptions options, string contentRoot) =>
        Path.Combine(Path.GetFullPath(options.DataDirectory, contentRoot), "keys");
}
