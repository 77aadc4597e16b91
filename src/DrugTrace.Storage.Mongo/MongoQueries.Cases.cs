using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Cases;
using DrugTrace.Storage.Mongo.Documents;
using MongoDB.Driver;

namespace DrugTrace.Storage.Mongo;

internal static partial class MongoQueries
{
    // --- cases ---------------------------------------------------------------------------

    private static FilterDefinitionBuilder<CaseDocument> CaseFilter => Builders<CaseDocument>.Filter;

    public static FilterDefinition<CaseDocument> Case(string sscc) => CaseFilter.Eq(c => c.Sscc, sscc);

    /// <summary>The cases packed directly in pallet <paramref name="sscc"/>.</summary>
    public static FilterDefinition<CaseDocument> CasesIn(string sscc) => CaseFilter.Eq(c => c.Parent, sscc);

    /// <summary>The case's head compare-and-set, as a pack's.</summary>
    public static FilterDefinition<CaseDocument> CaseHead(LedgerEvent e) =>
        CaseFilter.Eq(c => c.Sscc, e.Key) & CaseFilter.Eq(c => c.HeadSeq, e.Seq - 1) & CaseFilter.Eq(c => c.HeadHash, MongoMapping.Bytes(e.PrevHash));

    public static UpdateDefinition<CaseDocument> MoveCaseHead(LedgerEvent e, CaseState s) => Builders<CaseDocument>.Update
        .Set(c => c.Status, s.Status.ToString())
        .Set(c => c.Custodian, s.Custodian)
        .Set(c => c.ShipTo, s.ShipTo)
        .Set(c => c.Parent, s.Parent)
        .Set(c => c.ChangedBy, s.ChangedBy)
        .Set(c => c.ChangedAt, MongoMapping.Utc(s.ChangedAt))
        .Set(c => c.HeadSeq, e.Seq)
        .Set(c => c.HeadHash, MongoMapping.Bytes(e.Hash));

    public static ProjectionDefinition<CaseDocument> CaseChainOnly => Builders<CaseDocument>.Projection.Include(c => c.Chain);

    public static SortDefinition<CaseDocument> CaseChainOrder => Builders<CaseDocument>.Sort.Ascending(c => c.Chain);

    public static IEnumerable<CreateIndexModel<CaseDocument>> CaseIndexes =>
    [
        new(Builders<CaseDocument>.IndexKeys.Ascending(c => c.Sscc), new CreateIndexOptions { Name = "sscc_unique", Unique = true }),
        new(Builders<CaseDocument>.IndexKeys.Ascending(c => c.Parent), new CreateIndexOptions { Name = "parent" }),
    ];
}
