using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Storage.Mongo.Documents;
using MongoDB.Driver;

namespace DrugTrace.Storage.Mongo;

/// <summary>
/// Every filter, update, sort, index and pipeline the adapter sends, in one class, so that the
/// tests can render each one to the query text the server receives. Its partial files hold one
/// concern each: parties and users, products and lots, packs, cases, the log (events, tree,
/// checkpoints, witnesses), alerts, scans, capture jobs, and the indexes.
/// </summary>
internal static partial class MongoQueries
{
    public const string LogCounter = "log";
    public const string AlertCounter = "alerts";

    private static FilterDefinitionBuilder<PartyDocument> PartyFilter => Builders<PartyDocument>.Filter;
    private static FilterDefinitionBuilder<ProductDocument> ProductFilter => Builders<ProductDocument>.Filter;
    private static FilterDefinitionBuilder<LotDocument> LotFilter => Builders<LotDocument>.Filter;
    private static FilterDefinitionBuilder<PackDocument> PackFilter => Builders<PackDocument>.Filter;
    private static FilterDefinitionBuilder<EventDocument> EventFilter => Builders<EventDocument>.Filter;
    private static FilterDefinitionBuilder<AlertDocument> AlertFilter => Builders<AlertDocument>.Filter;

    // --- counters ------------------------------------------------------------------------

    public static FilterDefinition<CounterDocument> Counter(string name) => Builders<CounterDocument>.Filter.Eq(c => c.Name, name);

    public static UpdateDefinition<CounterDocument> CreateCounter => Builders<CounterDocument>.Update.SetOnInsert(c => c.Value, 0L);

    /// <summary>Reserves <paramref name="count"/> numbers: the returned value (after) is the last of them.</summary>
    public static UpdateDefinition<CounterDocument> Reserve(long count) => Builders<CounterDocument>.Update.Inc(c => c.Value, count);
}
