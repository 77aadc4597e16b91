using DrugTrace.Storage.Mongo;
using MongoDB.Bson;
using MongoDB.Driver;

namespace DrugTrace.Benchmarks;

/// <summary>
/// Which store the benchmark runs the app on: SQLite (the default, and what the committed
/// docs/BENCHMARKS.md measures) or MongoDB (<c>--store mongo --mongo URL</c>), where each run
/// uses a database of its own, dropped at the end.
/// </summary>
public sealed record StoreChoice(bool IsMongo, string? MongoUrl, string MongoDatabase)
{
    public static readonly StoreChoice Sqlite = new(false, null, "");

    public static StoreChoice Mongo(string url) => new(true, url, $"drugtrace_bench_{DateTime.UtcNow:yyyyMMddHHmmss}");

    /// <summary>For the report header; a password in the URL is not printed.</summary>
    public string Describe() => IsMongo
        ? $"MongoDB at {Redacted(MongoUrl!)}, database {MongoDatabase} (dropped after the run)"
        : "SQLite (a file in a temporary folder, synchronous=FULL)";

    /// <summary>The app's storage settings for this choice, as configuration keys (':' separated).</summary>
    public IEnumerable<KeyValuePair<string, string?>> Settings()
    {
        if (!IsMongo) yield break;
        yield return new("Storage:Provider", "Mongo");
        yield return new("Storage:Mongo:ConnectionString", MongoUrl);
        yield return new("Storage:Mongo:Database", MongoDatabase);
    }

    /// <summary>
    /// Fails with a clear message unless the server answers within a few seconds and is a replica set
    /// (or mongos): the app itself would refuse a standalone server at start.
    /// </summary>
    public async Task<string?> CheckReachableAsync()
    {
        if (!IsMongo) return null;
        try
        {
            var settings = MongoClientSettings.FromConnectionString(MongoUrl);
            settings.ServerSelectionTimeout = TimeSpan.FromSeconds(5);
            using var client = new MongoClient(settings);
            var hello = await client.GetDatabase("admin").RunCommandAsync<BsonDocument>(new BsonDocument("hello", 1));
            var replicated = hello.Contains("setName") || (hello.TryGetValue("msg", out var msg) && msg == "isdbgrid");
            return replicated ? null : $"MongoDB at {Redacted(MongoUrl!)} is a standalone server; DrugTrace needs a replica set (start mongod with --replSet and run rs.initiate()).";
        }
        catch (TimeoutException)
        {
            return $"Cannot reach MongoDB at {Redacted(MongoUrl!)}: no server answered within 5 s (is it running, and is the URL right?).";
        }
        catch (Exception ex) when (ex is MongoException or ArgumentException or FormatException)
        {
            return $"Cannot reach MongoDB at {Redacted(MongoUrl!)}: {ex.GetType().Name}: {FirstLine(ex.Message)}";
        }
    }

    /// <summary>Bytes the run's database takes on the server (data + indexes, as dbStats counts them).</summary>
    public async Task<long> StoredBytesAsync()
    {
        using var client = new MongoClient(MongoUrl);
        var stats = await client.GetDatabase(MongoDatabase).RunCommandAsync<BsonDocument>(new BsonDocument("dbStats", 1));
        return stats["storageSize"].ToInt64() + stats["indexSize"].ToInt64();
    }

    public async Task DropAsync()
    {
        if (!IsMongo) return;
        using var client = new MongoClient(MongoUrl);
        await client.DropDatabaseAsync(MongoDatabase);
    }

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();

    // The store's own redaction: MongoUrl.Password is the decoded password, which a percent-encoded
    // one in the URL does not contain, so replacing it left the secret in the text.
    private static string Redacted(string url) => ConnectionStringRedaction.Redact(url);
}
