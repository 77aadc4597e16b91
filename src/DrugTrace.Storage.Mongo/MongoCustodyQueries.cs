using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Domain.Packs;
using MongoDB.Bson;
using MongoDB.Driver;

namespace DrugTrace.Storage.Mongo;

/// <summary>Stock and shipments on MongoDB, read from the pack heads with the custodian and shipTo indexes.</summary>
internal sealed class MongoCustodyQueries(MongoContext db) : ICustodyQueries
{
    public async ValueTask<IReadOnlyList<StockCount>> CountStockAsync(string custodian, StockFilter filter, CancellationToken cancellationToken)
    {
        await db.EnsureReadyAsync(cancellationToken);
        var rows = await db.PackCollection.Aggregate(MongoQueries.StockCounts(custodian, filter), cancellationToken: cancellationToken)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(ToStockCount)];
    }

    public async ValueTask<IReadOnlyList<PackState>> ListInTransitAsync(string party, ShipmentDirection direction, int limit, CancellationToken cancellationToken)
    {
        await db.EnsureReadyAsync(cancellationToken);
        var docs = await db.PackCollection.Find(MongoQueries.InTransit(party, direction)).Sort(MongoQueries.ShippedOrder)
            .Limit(limit).ToListAsync(cancellationToken);
        return [.. docs.Select(MongoMapping.ToPack)];
    }

    public async ValueTask<IReadOnlyList<PackState>> ListQuarantinedAsync(string? quarantinedBy, int limit, CancellationToken cancellationToken)
    {
        await db.EnsureReadyAsync(cancellationToken);
        var docs = await db.PackCollection.Find(MongoQueries.Quarantined(quarantinedBy)).Sort(MongoQueries.NewestChangeFirst)
            .Limit(limit).ToListAsync(cancellationToken);
        return [.. docs.Select(MongoMapping.ToPack)];
    }

    internal static StockCount ToStockCount(BsonDocument row)
    {
        var id = row["_id"].AsBsonDocument;
        return new StockCount(id["gtin"].AsString, id["lot"].AsString, MongoMapping.Date(id["expiry"].AsString),
            Enum.Parse<PackStatus>(id["status"].AsString), row["count"].ToInt32());
    }
}
