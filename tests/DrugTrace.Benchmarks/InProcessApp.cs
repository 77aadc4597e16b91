using DrugTrace.Application;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Storage.Sqlite;
using DrugTrace.Web;
using Mediator;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DrugTrace.Benchmarks;

/// <summary>
/// The application's own service registrations (as in DrugTrace.Web's Program.cs) without the
/// web server, over a SQLite file in a temporary folder (or the MongoDB database of <see cref="StoreChoice"/>):
/// use cases are sent straight to IMediator.
/// </summary>
public sealed class InProcessApp : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    public InProcessApp(string dataDirectory, string synchronous = "FULL", StoreChoice? store = null)
    {
        Store = store ?? StoreChoice.Sqlite;
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Storage:Sqlite:DataDirectory"] = dataDirectory,
                ["Storage:Sqlite:Synchronous"] = synchronous,
                ["Storage:Mongo:WatchAlerts"] = "false",
                ["Seed:Enabled"] = "false",
            })
            .AddInMemoryCollection(Store.Settings())
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddApplication()
            .AddStorage(configuration, dataDirectory)
            .AddWebServices(configuration);
        // The web host loads the log's signing key from its content root; without a host the benchmark signs with a fresh key.
        services.AddSingleton(DrugTrace.Domain.Transparency.NoteSigner.Generate("drugtrace.example/log"));
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        DatabaseFile = Store.IsMongo ? null : _services.GetRequiredService<SqliteDatabase>().FilePath;
    }

    public StoreChoice Store { get; }

    /// <summary>The SQLite file; null on MongoDB.</summary>
    public string? DatabaseFile { get; }

    public IPartyStore Parties => _services.GetRequiredService<IPartyStore>();

    /// <summary>A singleton of the app (the log's tree, the checkpoint writer, the stores).</summary>
    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    /// <summary>Sends one use case in its own scope, as a web request would.</summary>
    public async Task<T> SendAsync<T>(IRequest<T> request)
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
