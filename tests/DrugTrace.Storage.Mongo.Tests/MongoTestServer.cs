using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DrugTrace.Storage.Mongo.Tests;

/// <summary>
/// The live MongoDB server the live tests run against: the connection string in DRUGTRACE_MONGO
/// (a replica set, e.g. mongodb://localhost:27017/?replicaSet=rs0). Without it those tests are
/// reported as skipped, never as passed; nothing stands in for the server.
/// </summary>
internal static class MongoTestServer
{
    public const string Variable = "DRUGTRACE_MONGO";
    public const string NotSet = "DRUGTRACE_MONGO is not set";

    public static string? ConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    public static void Require() => Skip.If(ConnectionString is null, NotSet);

    /// <summary>A database name of its own for one test (dropped by the test when it is done).</summary>
    public static string NewDatabaseName() => $"drugtrace_test_{Guid.NewGuid():N}"[..40];

    /// <summary>The store's own registrations over a fresh database, as the app makes them.</summary>
    public static ServiceProvider Services(string database, Action<IServiceCollection>? extra = null, bool watchAlerts = false,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Storage:Mongo:ConnectionString"] = ConnectionString,
            ["Storage:Mongo:Database"] = database,
            ["Storage:Mongo:WatchAlerts"] = watchAlerts ? "true" : "false",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) values[key] = value;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        extra?.Invoke(services);
        services.AddMongoStorage(configuration);
        return services.BuildServiceProvider();
    }

    public static async Task DropAsync(ServiceProvider services, string database)
    {
        var context = services.GetRequiredService<MongoContext>();
        await context.Client.DropDatabaseAsync(database);
    }
}
