using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Domain.Packs;
using DrugTrace.Storage.Mongo.Documents;
using MongoDB.Bson;
using MongoDB.Driver;

namespace DrugTrace.Storage.Mongo;

internal static partial class MongoQueries
{
    // --- indexes -------------------------------------------------------------------------

    public static IEnumerable<CreateIndexModel<PartyDocument>> PartyIndexes =>
    [
        // Parties without a key (null) do not take part in the uniqueness.
        new(Builders<PartyDocument>.IndexKeys.Ascending(p => p.ApiKeyHash), new CreateIndexOptions<PartyDocument>
        {
            Name = "apiKeyHash_unique",
            Unique = true,
            PartialFilterExpression = PartyFilter.Type(p => p.ApiKeyHash, BsonType.String),
        }),
        new(Builders<PartyDocument>.IndexKeys.Ascending(p => p.Role).Ascending(p => p.Name), new CreateIndexOptions { Name = "role_name" }),
        // A key hash belongs to one party only (multikey unique index over every party's key list).
        new(Builders<PartyDocument>.IndexKeys.Ascending("keys.hash"), new CreateIndexOptions<PartyDocument>
        {
            Name = "keys_hash_unique",
            Unique = true,
            PartialFilterExpression = Builders<PartyDocument>.Filter.Type("keys.hash", BsonType.String),
        }),
    ];

    public static IEnumerable<CreateIndexModel<ProductDocument>> ProductIndexes =>
    [
        new(Builders<ProductDocument>.IndexKeys.Ascending(p => p.Manufacturer).Ascending(p => p.Name), new CreateIndexOptions { Name = "manufacturer_name" }),
    ];

    public static IEnumerable<CreateIndexModel<LotDocument>> LotIndexes =>
    [
        new(Builders<LotDocument>.IndexKeys.Ascending(l => l.Gtin).Ascending(l => l.Lot), new CreateIndexOptions { Name = "gtin_lot_unique", Unique = true }),
        new(Builders<LotDocument>.IndexKeys.Ascending(l => l.Gtin).Ascending(l => l.Expiry).Ascending(l => l.Lot), new CreateIndexOptions { Name = "gtin_expiry_lot" }),
    ];

    public static IEnumerable<CreateIndexModel<PackDocument>> PackIndexes =>
    [
        new(Builders<PackDocument>.IndexKeys.Ascending(p => p.Gtin).Ascending(p => p.Serial), new CreateIndexOptions { Name = "gtin_serial_unique", Unique = true }),
        new(Builders<PackDocument>.IndexKeys.Ascending(p => p.Gtin).Ascending(p => p.Lot).Ascending(p => p.Chain), new CreateIndexOptions { Name = "gtin_lot_chain" }),
        new(Builders<PackDocument>.IndexKeys.Ascending(p => p.Custodian).Ascending(p => p.Status), new CreateIndexOptions { Name = "custodian_status" }),
        new(Builders<PackDocument>.IndexKeys.Ascending(p => p.ShipTo).Ascending(p => p.Status), new CreateIndexOptions { Name = "shipTo_status" }),
        // Only packs of a chunked commission not yet complete carry the field: a small index for the last step and the repair.
        new(Builders<PackDocument>.IndexKeys.Ascending(p => p.CommissioningLot), new CreateIndexOptions<PackDocument>
        {
            Name = "commissioningLot",
            PartialFilterExpression = PackFilter.Exists(p => p.CommissioningLot),
        }),
        // The investigations list: quarantined packs are few.
        new(Builders<PackDocument>.IndexKeys.Descending(p => p.ChangedAt), new CreateIndexOptions<PackDocument>
        {
            Name = "quarantined_changedAt",
            PartialFilterExpression = PackFilter.Eq(p => p.Status, nameof(PackStatus.Quarantined)),
        }),
        // Only packs in a case carry the field (it is unset when they leave it): a small index.
        new(Builders<PackDocument>.IndexKeys.Ascending(p => p.Parent), new CreateIndexOptions<PackDocument>
        {
            Name = "parent",
            PartialFilterExpression = PackFilter.Exists(p => p.Parent),
        }),
    ];

    /// <summary>The global log index is <c>_id</c> (unique by nature); each chain's seq is unique within the chain.</summary>
    public static IEnumerable<CreateIndexModel<EventDocument>> EventIndexes =>
    [
        new(Builders<EventDocument>.IndexKeys.Ascending(e => e.Chain).Ascending(e => e.Seq), new CreateIndexOptions { Name = "chain_seq_unique", Unique = true }),
        // Pack events only carry it: EQ_eventID and /epcis/events/{eventID} read by it.
        new(Builders<EventDocument>.IndexKeys.Ascending(e => e.EpcisId), new CreateIndexOptions<EventDocument>
        {
            Name = "epcisId",
            PartialFilterExpression = Builders<EventDocument>.Filter.Exists(e => e.EpcisId),
        }),
    ];

    public static IEnumerable<CreateIndexModel<ScanDocument>> ScanIndexes =>
    [
        new(Builders<ScanDocument>.IndexKeys.Ascending(s => s.Gtin).Ascending(s => s.Serial), new CreateIndexOptions { Name = "gtin_serial" }),
        new(Builders<ScanDocument>.IndexKeys.Ascending(s => s.Actor).Descending(s => s.At), new CreateIndexOptions { Name = "actor_at" }),
        new(Builders<ScanDocument>.IndexKeys.Descending(s => s.At), new CreateIndexOptions { Name = "at" }),
    ];

    public static IEnumerable<CreateIndexModel<CaptureJobDocument>> CaptureJobIndexes =>
    [
        new(Builders<CaptureJobDocument>.IndexKeys.Ascending(j => j.Running).Ascending(j => j.CreatedAt), new CreateIndexOptions { Name = "running_createdAt" }),
    ];

    public static IEnumerable<CreateIndexModel<AlertDocument>> AlertIndexes =>
    [
        new(Builders<AlertDocument>.IndexKeys.Ascending(a => a.DedupeKey).Descending(a => a.Id), new CreateIndexOptions { Name = "dedupeKey_id" }),
        new(Builders<AlertDocument>.IndexKeys.Ascending(a => a.ScanningParty).Descending(a => a.Id), new CreateIndexOptions { Name = "scanningParty_id" }),
        new(Builders<AlertDocument>.IndexKeys.Ascending(a => a.BrandOwner).Descending(a => a.Id), new CreateIndexOptions { Name = "brandOwner_id" }),
        new(Builders<AlertDocument>.IndexKeys.Ascending(a => a.Custodian).Descending(a => a.Id),
            new CreateIndexOptions<AlertDocument> { Name = "custodian_id", PartialFilterExpression = Builders<AlertDocument>.Filter.Exists(a => a.Custodian) }),
        new(Builders<AlertDocument>.IndexKeys.Ascending(a => a.PackGtin).Descending(a => a.Id), new CreateIndexOptions { Name = "packGtin_id" }),
        new(Builders<AlertDocument>.IndexKeys.Ascending(a => a.ScannedGtin).Descending(a => a.Id), new CreateIndexOptions { Name = "scannedGtin_id" }),
        new(Builders<AlertDocument>.IndexKeys.Ascending(a => a.Status).Descending(a => a.Id), new CreateIndexOptions { Name = "status_id" }),
    ];
}
