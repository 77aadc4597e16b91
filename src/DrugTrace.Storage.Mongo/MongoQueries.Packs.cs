using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Packs;
using DrugTrace.Storage.Mongo.Documents;
using MongoDB.Bson;
using MongoDB.Driver;

namespace DrugTrace.Storage.Mongo;

internal static partial class MongoQueries
{
    // --- packs ---------------------------------------------------------------------------

    public static FilterDefinition<PackDocument> Pack(string gtin, string serial) => PackFilter.Eq(p => p.Gtin, gtin) & PackFilter.Eq(p => p.Serial, serial);

    /// <summary>The packs of a GTIN among these serials (on the gtin + serial index).</summary>
    public static FilterDefinition<PackDocument> PacksAmong(string gtin, IEnumerable<string> serials) =>
        PackFilter.Eq(p => p.Gtin, gtin) & PackFilter.In(p => p.Serial, serials);

    /// <summary>Every pack of a lot: the caller has checked that the lot is visible (<see cref="VisibleLot"/>).</summary>
    public static FilterDefinition<PackDocument> PacksOfLot(string gtin, string lot) => PackFilter.Eq(p => p.Gtin, gtin) & PackFilter.Eq(p => p.Lot, lot);

    /// <summary>Matches a missing field too: a pack is shown once its chunked commission completed.</summary>
    private static FilterDefinition<PackDocument> Shown => PackFilter.Eq(p => p.CommissioningLot, null);

    /// <summary>Commission order: the chain number is the commissioning event's log index.</summary>
    public static SortDefinition<PackDocument> PackOrder => Builders<PackDocument>.Sort.Ascending(p => p.Chain);

    /// <summary>The pack's head compare-and-set: matches only while the head is the one the event extends.</summary>
    public static FilterDefinition<PackDocument> PackHead(LedgerEvent e) =>
        PackFilter.Eq(p => p.Gtin, e.Gtin) & PackFilter.Eq(p => p.Serial, e.Key)
        & PackFilter.Eq(p => p.HeadSeq, e.Seq - 1) & PackFilter.Eq(p => p.HeadHash, MongoMapping.Bytes(e.PrevHash));

    public static UpdateDefinition<PackDocument> MovePackHead(LedgerEvent e, PackState s)
    {
        var update = Builders<PackDocument>.Update
            .Set(p => p.Status, s.Status.ToString())
            .Set(p => p.Custodian, s.Custodian)
            .Set(p => p.ShipTo, s.ShipTo)
            .Set(p => p.HeldFrom, s.HeldFrom?.ToString())
            .Set(p => p.ChangedBy, s.ChangedBy)
            .Set(p => p.ChangedAt, MongoMapping.Utc(s.ChangedAt))
            .Set(p => p.HeadSeq, e.Seq)
            .Set(p => p.HeadHash, MongoMapping.Bytes(e.Hash));
        // A pack out of any case has no parent field at all, so that the partial parent index holds only packed packs.
        return s.Parent is { } parent ? update.Set(p => p.Parent, parent) : update.Unset(p => p.Parent);
    }

    /// <summary>The packs packed directly in case <paramref name="sscc"/>.</summary>
    public static FilterDefinition<PackDocument> PacksIn(string sscc) => PackFilter.Eq(p => p.Parent, sscc);

    /// <summary>The statuses of packs in a party's own stock (a quarantined shipment is still in transit: excluded).</summary>
    private static readonly string[] StockStatuses =
        [nameof(PackStatus.Active), nameof(PackStatus.Locked), nameof(PackStatus.Quarantined)];

    /// <summary>A party's stock counted per gtin, lot, expiry and status: { _id: { gtin, lot, expiry, status }, count }.</summary>
    public static PipelineDefinition<PackDocument, BsonDocument> StockCounts(string custodian, StockFilter filter)
    {
        var match = PackFilter.Eq(p => p.Custodian, custodian) & PackFilter.In(p => p.Status, StockStatuses)
            & PackFilter.Ne(p => p.HeldFrom, nameof(PackStatus.InTransit)) & Shown;
        if (filter.Gtin is { } gtin) match &= PackFilter.Eq(p => p.Gtin, gtin);
        if (filter.Lot is { } lot) match &= PackFilter.Eq(p => p.Lot, lot);
        // Expiry is stored as yyyy-MM-dd text, which sorts as the date does.
        if (filter.ExpiringBefore is { } before) match &= PackFilter.Lt(p => p.Expiry, MongoMapping.Date(before));
        return new EmptyPipelineDefinition<PackDocument>()
            .Match(match)
            .AppendStage<PackDocument, PackDocument, BsonDocument>(new BsonDocument("$group", new BsonDocument
            {
                { "_id", new BsonDocument { { "gtin", "$gtin" }, { "lot", "$lot" }, { "expiry", "$expiry" }, { "status", "$status" } } },
                { "count", new BsonDocument("$sum", 1) },
            }));
    }

    public static FilterDefinition<PackDocument> InTransit(string party, ShipmentDirection direction) =>
        PackFilter.Eq(p => p.Status, nameof(PackStatus.InTransit))
        & (direction == ShipmentDirection.Incoming ? PackFilter.Eq(p => p.ShipTo, party) : PackFilter.Eq(p => p.Custodian, party));

    /// <summary>Quarantined packs, all or those one party set aside (its quarantine is their last change).</summary>
    public static FilterDefinition<PackDocument> Quarantined(string? quarantinedBy) =>
        quarantinedBy is null
            ? PackFilter.Eq(p => p.Status, nameof(PackStatus.Quarantined))
            : PackFilter.Eq(p => p.Status, nameof(PackStatus.Quarantined)) & PackFilter.Eq(p => p.ChangedBy, quarantinedBy);

    public static SortDefinition<PackDocument> NewestChangeFirst => Builders<PackDocument>.Sort.Descending(p => p.ChangedAt).Descending(p => p.Chain);

    public static SortDefinition<PackDocument> ShippedOrder => Builders<PackDocument>.Sort.Ascending(p => p.ChangedAt).Ascending(p => p.Chain);

    public static ProjectionDefinition<PackDocument> PackChainOnly => Builders<PackDocument>.Projection.Include(p => p.Chain);
}
