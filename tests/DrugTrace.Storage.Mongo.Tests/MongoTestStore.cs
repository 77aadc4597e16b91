using Microsoft.Extensions.DependencyInjection;

namespace DrugTrace.Storage.Mongo.Tests;

/// <summary>
/// The MongoDB store over a database of its own for one contract test class instance; without
/// DRUGTRACE_MONGO it holds nothing and <see cref="Get{T}"/> throws (the tests skip first).
/// </summary>
internal sealed class MongoTestStore
{
    private readonly string _database = MongoTestServer.NewDatabaseName();
    private readonly ServiceProvider? _services;

    public MongoTestStore()
    {
        if (MongoTestServer.ConnectionString is not null) _services = MongoTestServer.Services(_database);
    }

    public T Get<T>() where T : notnull =>
        (_services ?? throw new InvalidOperationException(MongoTestServer.NotSet)).GetRequiredService<T>();

    /// <summary>Drops the database (called from the test's xunit lifetime).</summary>
    public async Task DeleteAsync()
    {
        if (_services is null) return;
        await MongoTestServer.DropAsync(_services, _database);
        await _services.DisposeAsync();
    }
}
