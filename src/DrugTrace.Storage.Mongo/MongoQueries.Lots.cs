using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Packs;
using DrugTrace.Storage.Mongo.Documents;
using MongoDB.Driver;

namespace DrugTrace.Storage.Mongo;

internal static partial class MongoQueries
{
    // --- products and lots ---------------------------------------------------------------

    public static FilterDefinition<ProductDocument> ProductByGtin(string gtin) => ProductFilter.Eq(p => p.Gtin, gtin);

    public static FilterDefinition<ProductDocument> ProductsOf(string? manufacturer) =>
        manufacturer is null ? ProductFilter.Empty : ProductFilter.Eq(p => p.Manufacturer, manufacturer);

    public static SortDefinition<ProductDocument> ProductOrder => Builders<ProductDocument>.Sort.Ascending(p => p.Name);

    public static FilterDefinition<LotDocument> Lot(string gtin, string lot) => LotFilter.Eq(l => l.Gtin, gtin) & LotFilter.Eq(l => l.Lot, lot);

    public static UpdateDefinition<LotDocument> SetPublicRecallText(string? text) =>
        Builders<LotDocument>.Update.Set(l => l.PublicRecallText, text);

    public static ProjectionDefinition<LotDocument> PublicRecallTextOnly => Builders<LotDocument>.Projection.Include(l => l.PublicRecallText);

    /// <summary>A lot as readers see it: not while its chunked commission is still running (or was interrupted).</summary>
    public static FilterDefinition<LotDocument> VisibleLot(string gtin, string lot) => Lot(gtin, lot) & Complete;

    public static FilterDefinition<LotDocument> LotsOf(string gtin) => LotFilter.Eq(l => l.Gtin, gtin) & Complete;

    /// <summary>Matches a missing field too: every lot stored before chunked commissions is complete.</summary>
    private static FilterDefinition<LotDocument> Complete => LotFilter.Eq(l => l.Commissioning, null);

    public static FilterDefinition<LotDocument> LotByChain(long chain) => LotFilter.Eq(l => l.Chain, chain);

    public static ProjectionDefinition<LotDocument> LotChainOnly => Builders<LotDocument>.Projection.Include(l => l.Chain);

    /// <summary>The last step of a chunked commission: the lot, still waiting for exactly this many packs, becomes complete.</summary>
    public static FilterDefinition<LotDocument> LotCommissioning(long chain, int packs) =>
        LotFilter.Eq(l => l.Chain, chain) & LotFilter.Eq(l => l.Commissioning, packs);

    public static UpdateDefinition<LotDocument> CompleteCommission => Builders<LotDocument>.Update.Unset(l => l.Commissioning);

    /// <summary>Packs still marked with a chunked commission's lot (all of them: <paramref name="lotChain"/> null).</summary>
    public static FilterDefinition<PackDocument> CommissionedPacks(long? lotChain) =>
        lotChain is { } chain ? PackFilter.Eq(p => p.CommissioningLot, chain) : PackFilter.Exists(p => p.CommissioningLot);

    public static UpdateDefinition<PackDocument> ClearCommissioning => Builders<PackDocument>.Update.Unset(p => p.CommissioningLot);

    /// <summary>Which of these serials of the GTIN are already taken.</summary>
    public static FilterDefinition<PackDocument> SerialsTaken(string gtin, IEnumerable<string> serials) =>
        PackFilter.Eq(p => p.Gtin, gtin) & PackFilter.In(p => p.Serial, serials);

    public static ProjectionDefinition<PackDocument> CommissioningLotOnly => Builders<PackDocument>.Projection.Include(p => p.CommissioningLot);

    public static SortDefinition<LotDocument> LotOrder => Builders<LotDocument>.Sort.Ascending(l => l.Expiry).Ascending(l => l.Lot);

    /// <summary>The lot's head compare-and-set: matches only while the head is the one the event extends.</summary>
    public static FilterDefinition<LotDocument> LotHead(LedgerEvent e) =>
        LotFilter.Eq(l => l.Gtin, e.Gtin) & LotFilter.Eq(l => l.Lot, e.Key)
        & LotFilter.Eq(l => l.HeadSeq, e.Seq - 1) & LotFilter.Eq(l => l.HeadHash, MongoMapping.Bytes(e.PrevHash));

    public static UpdateDefinition<LotDocument> MoveLotHead(LedgerEvent e, LotState s) => Builders<LotDocument>.Update
        .Set(l => l.HeadSeq, e.Seq)
        .Set(l => l.HeadHash, MongoMapping.Bytes(e.Hash))
        .Set(l => l.RecalledAt, s.RecalledAt is { } at ? MongoMapping.Utc(at) : null)
        .Set(l => l.RecallReason, s.RecallReason);

    /// <summary>The pack's lot, only while its head is the one a handoff's decision read.</summary>
    public static FilterDefinition<LotDocument> LotStillAt(string gtin, string lot, ChainHead head) =>
        LotFilter.Eq(l => l.Gtin, gtin) & LotFilter.Eq(l => l.Lot, lot)
        & LotFilter.Eq(l => l.HeadSeq, head.Seq) & LotFilter.Eq(l => l.HeadHash, MongoMapping.Bytes(head.Hash));

    /// <summary>Turns the handoff's check of the lot into a write, so that it conflicts with a concurrent recall.</summary>
    public static UpdateDefinition<LotDocument> GuardLot => Builders<LotDocument>.Update.Inc(l => l.Handoffs, 1L);
}
