using DrugTrace.Storage.Mongo.Documents;
using MongoDB.Bson;
using MongoDB.Driver;

namespace DrugTrace.Storage.Mongo;

internal static partial class MongoQueries
{
    // --- scans ---------------------------------------------------------------------------

    /// <summary>A pack's scans from <paramref name="since"/> on that were not shipping scans (<paramref name="shipWord"/>).</summary>
    public static FilterDefinition<ScanDocument> SightingsOfPack(string gtin, string serial, DateTimeOffset since, string shipWord)
    {
        var f = Builders<ScanDocument>.Filter;
        return f.Eq(s => s.Gtin, gtin) & f.Eq(s => s.Serial, serial) & f.Gte(s => s.At, since.UtcDateTime) & f.Ne(s => s.Action, shipWord);
    }

    /// <summary>Scans per UTC hour since a time, for the regulator's dashboard: { _id: hour start, count }.</summary>
    public static PipelineDefinition<ScanDocument, BsonDocument> ScansPerHour(DateTimeOffset since) =>
        PipelineDefinition<ScanDocument, BsonDocument>.Create(
        [
            new BsonDocument("$match", new BsonDocument("at", new BsonDocument("$gte", since.UtcDateTime))),
            new BsonDocument("$group", new BsonDocument
            {
                { "_id", new BsonDocument("$dateTrunc", new BsonDocument { { "date", "$at" }, { "unit", "hour" } }) },
                { "count", new BsonDocument("$sum", 1) },
            }),
        ]);
}
