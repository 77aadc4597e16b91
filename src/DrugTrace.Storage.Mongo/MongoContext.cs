using DrugTrace.Storage.Mongo.Documents;
using MongoDB.Bson;
using MongoDB.Driver;

namespace DrugTrace.Storage.Mongo;

/// <summary>
/// The client, the database and its collections, and the one-time start-up work: refuse a
/// standalone server, create collections and indexes. Every store awaits <see cref="EnsureReadyAsync"/>
/// before its first operation; the start-up hosted service awaits it too, so that a wrong
/// deployment stops the app at start rather than at the first scan.
/// </summary>
internal sealed class MongoContext : IDisposable
{
    public const string Parties = "parties", Products = "products", Lots = "lots", Packs = "packs", Events = "events",
        Scans = "scans", Alerts = "alerts", Counters = "counters", Checkpoints = "checkpoints", Tree = "tree",
        Users = "users", Idempotency = "idempotency", WitnessedLogs = "witnessedLogs", WitnessAnswers = "witnessAnswers",
        CaptureJobs = "capture_jobs", Cases = "cases";

    private readonly SemaphoreSlim _initGate = new(1, 1);
    private volatile bool _ready;

    public MongoContext(MongoOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
            throw new InvalidOperationException(
                "Storage:Provider is Mongo but Storage:Mongo:ConnectionString is empty; set it (environment: Storage__Mongo__ConnectionString), "
                + "for example mongodb://localhost:27017/?replicaSet=rs0.");
        MongoClassMaps.Register();
        Options = options;
        var settings = MongoClientSettings.FromConnectionString(options.ConnectionString);
        settings.ServerSelectionTimeout = options.ServerSelectionTimeout;
        // Majority on both sides: an acknowledged write survives a failover, and a read never sees one that could roll back.
        settings.WriteConcern = WriteConcern.WMajority;
        settings.ReadConcern = ReadConcern.Majority;
        settings.ReadPreference = ReadPreference.Primary;
        settings.RetryWrites = true;
        settings.RetryReads = true;
        settings.ApplicationName ??= "DrugTrace";
        Client = new MongoClient(settings);
        Database = Client.GetDatabase(options.Database);
        PartyCollection = Database.GetCollection<PartyDocument>(Parties);
        ProductCollection = Database.GetCollection<ProductDocument>(Products);
        LotCollection = Database.GetCollection<LotDocument>(Lots);
        PackCollection = Database.GetCollection<PackDocument>(Packs);
        EventCollection = Database.GetCollection<EventDocument>(Events);
        ScanCollection = Database.GetCollection<ScanDocument>(Scans);
        AlertCollection = Database.GetCollection<AlertDocument>(Alerts);
        CounterCollection = Database.GetCollection<CounterDocument>(Counters);
        CheckpointCollection = Database.GetCollection<CheckpointDocument>(Checkpoints);
        TreeCollection = Database.GetCollection<TreeNodeDocument>(Tree);
        UserCollection = Database.GetCollection<UserDocument>(Users);
        IdempotencyCollection = Database.GetCollection<IdempotencyDocument>(Idempotency);
        WitnessedLogCollection = Database.GetCollection<WitnessedLogDocument>(WitnessedLogs);
        WitnessAnswerCollection = Database.GetCollection<WitnessAnswerDocument>(WitnessAnswers);
        CaptureJobCollection = Database.GetCollection<CaptureJobDocument>(CaptureJobs);
        CaseCollection = Database.GetCollection<CaseDocument>(Cases);
        RawAlertCollection = Database.GetCollection<BsonDocument>(Alerts);
        RetryPolicy = MongoRetryPolicy.From(options);
    }

    public MongoOptions Options { get; }
    public MongoClient Client { get; }
    public IMongoDatabase Database { get; }
    public IMongoCollection<PartyDocument> PartyCollection { get; }
    public IMongoCollection<ProductDocument> ProductCollection { get; }
    public IMongoCollection<LotDocument> LotCollection { get; }
    public IMongoCollection<PackDocument> PackCollection { get; }
    public IMongoCollection<EventDocument> EventCollection { get; }
    public IMongoCollection<ScanDocument> ScanCollection { get; }
    public IMongoCollection<AlertDocument> AlertCollection { get; }
    public IMongoCollection<CounterDocument> CounterCollection { get; }
    public IMongoCollection<CheckpointDocument> CheckpointCollection { get; }
    public IMongoCollection<TreeNodeDocument> TreeCollection { get; }
    public IMongoCollection<UserDocument> UserCollection { get; }
    public IMongoCollection<IdempotencyDocument> IdempotencyCollection { get; }
    public IMongoCollection<WitnessedLogDocument> WitnessedLogCollection { get; }
    public IMongoCollection<WitnessAnswerDocument> WitnessAnswerCollection { get; }
    public IMongoCollection<CaptureJobDocument> CaptureJobCollection { get; }
    public IMongoCollection<CaseDocument> CaseCollection { get; }
    /// <summary>The alerts as raw BSON, for the change stream (see <see cref="AlertChangeReader"/>).</summary>
    public IMongoCollection<BsonDocument> RawAlertCollection { get; }
    public MongoRetryPolicy RetryPolicy { get; }

    /// <summary>The server's <c>hello</c> reply.</summary>
    public Task<BsonDocument> HelloAsync(CancellationToken cancellationToken) =>
        Client.GetDatabase("admin").RunCommandAsync<BsonDocument>(new BsonDocument("hello", 1), cancellationToken: cancellationToken);

    public async Task EnsureReadyAsync(CancellationToken cancellationToken)
    {
        if (_ready) return;
        await _initGate.WaitAsync(cancellationToken);
        try
        {
            if (_ready) return;
            BsonDocument hello;
            try
            {
                hello = await HelloAsync(cancellationToken);
            }
            catch (TimeoutException ex)
            {
                throw new InvalidOperationException(
                    $"No MongoDB server answered at {Redacted(Options.ConnectionString)} within {Options.ServerSelectionTimeout.TotalSeconds:0} s.", ex);
            }
            if (ReplicaSetCheck.Problem(hello) is { } problem) throw new InvalidOperationException(problem);

            // Collections are created up front: creating one implicitly inside a transaction needs MongoDB 4.4+
            // and races between instances; here a second instance's attempt just finds it there.
            var existing = (await (await Database.ListCollectionNamesAsync(cancellationToken: cancellationToken)).ToListAsync(cancellationToken)).ToHashSet();
            foreach (var name in new[] { Parties, Products, Lots, Packs, Events, Scans, Alerts, Counters, Checkpoints, Tree, Users, Idempotency, WitnessedLogs, WitnessAnswers, CaptureJobs, Cases })
            {
                if (existing.Contains(name)) continue;
                try
                {
                    await Database.CreateCollectionAsync(name, cancellationToken: cancellationToken);
                }
                catch (MongoCommandException ex) when (ex.CodeName == "NamespaceExists")
                {
                }
            }
            await PartyCollection.Indexes.CreateManyAsync(MongoQueries.PartyIndexes, cancellationToken);
            await ProductCollection.Indexes.CreateManyAsync(MongoQueries.ProductIndexes, cancellationToken);
            await LotCollection.Indexes.CreateManyAsync(MongoQueries.LotIndexes, cancellationToken);
            await PackCollection.Indexes.CreateManyAsync(MongoQueries.PackIndexes, cancellationToken);
            await EventCollection.Indexes.CreateManyAsync(MongoQueries.EventIndexes, cancellationToken);
            await ScanCollection.Indexes.CreateManyAsync(MongoQueries.ScanIndexes, cancellationToken);
            await AlertCollection.Indexes.CreateManyAsync(MongoQueries.AlertIndexes, cancellationToken);
            await IdempotencyCollection.Indexes.CreateManyAsync(MongoIdempotencyQueries.Indexes, cancellationToken);
            await CaptureJobCollection.Indexes.CreateManyAsync(MongoQueries.CaptureJobIndexes, cancellationToken);
            await CaseCollection.Indexes.CreateManyAsync(MongoQueries.CaseIndexes, cancellationToken);
            // Counters exist before any transaction uses them, so that two first writers never race to upsert one.
            foreach (var counter in new[] { MongoQueries.LogCounter, MongoQueries.AlertCounter })
            {
                try
                {
                    await CounterCollection.UpdateOneAsync(MongoQueries.Counter(counter), MongoQueries.CreateCounter,
                        new UpdateOptions { IsUpsert = true }, cancellationToken);
                }
                catch (MongoException ex) when (DuplicateKey.Is(ex))
                {
                }
            }
            await MongoTreeNodes.MigrateAsync(this, cancellationToken);
            await MongoEpcisIds.BackfillAsync(this, cancellationToken);
            await ChunkedCommission.RepairAsync(this, cancellationToken);
            _ready = true;
        }
        finally
        {
            _initGate.Release();
        }
    }

    /// <summary>
    /// Runs <paramref name="body"/> in one multi-document transaction (snapshot, majority) under
    /// the retry policy. The body may run more than once: it must not keep state between runs.
    /// </summary>
    public async Task<T> InTransactionAsync<T>(Func<IClientSessionHandle, CancellationToken, Task<T>> body, CancellationToken cancellationToken)
    {
        await EnsureReadyAsync(cancellationToken);
        using var session = await Client.StartSessionAsync(cancellationToken: cancellationToken);
        return await RetryPolicy.ExecuteAsync(new SessionTransaction(session), ct => body(session, ct), cancellationToken);
    }

    /// <summary>Reserves <paramref name="count"/> consecutive numbers of a counter inside the session's transaction; returns the first.</summary>
    public async Task<long> ReserveAsync(IClientSessionHandle session, string counter, long count, CancellationToken cancellationToken)
    {
        var after = await CounterCollection.FindOneAndUpdateAsync(session, MongoQueries.Counter(counter), MongoQueries.Reserve(count),
            new FindOneAndUpdateOptions<CounterDocument> { IsUpsert = true, ReturnDocument = ReturnDocument.After }, cancellationToken);
        return after.Value - count + 1;
    }

    /// <summary>
    /// Reserves <paramref name="count"/> consecutive global log indexes (from 0) inside the session's
    /// transaction; returns the first. The counter holds the log's size.
    /// </summary>
    public async Task<long> ReserveLogAsync(IClientSessionHandle session, long count, CancellationToken cancellationToken) =>
        await ReserveAsync(session, MongoQueries.LogCounter, count, cancellationToken) - 1;

    /// <summary>The connection string without its secrets, for messages (see <see cref="ConnectionStringRedaction"/>).</summary>
    public static string Redacted(string connectionString) => ConnectionStringRedaction.Redact(connectionString);

    public void Dispose()
    {
        _initGate.Dispose();
        Client.Dispose();
    }
}
