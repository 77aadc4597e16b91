using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Domain.Alerts;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Cases;
using DrugTrace.Domain.Packs;
using DrugTrace.Storage.Mongo.Documents;
using MongoDB.Bson;
using MongoDB.Driver;

namespace DrugTrace.Storage.Mongo;

/// <summary>
/// Every filter, update, sort, index and pipeline the adapter sends, in one place, so that the
/// tests can render each one to the query text the server receives.
/// </summary>
internal static class MongoQueries
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

    // --- parties -------------------------------------------------------------------------

    public static FilterDefinition<PartyDocument> PartyByGln(string gln) => PartyFilter.Eq(p => p.Gln, gln);

    /// <summary>The party with this unrevoked key, or with it as its pre-rotation <c>apiKeyHash</c>.</summary>
    public static FilterDefinition<PartyDocument> PartyByApiKeyHash(string hash) =>
        PartyFilter.Eq(p => p.ApiKeyHash, hash)
        | PartyFilter.ElemMatch(p => p.Keys, Builders<PartyKeyDocument>.Filter.Eq(k => k.Hash, hash) & Builders<PartyKeyDocument>.Filter.Eq(k => k.RevokedAt, null));

    /// <summary>The party that holds an unrevoked key <paramref name="keyId"/> in its key list.</summary>
    public static FilterDefinition<PartyDocument> PartyWithActiveKey(string gln, string keyId) =>
        PartyFilter.Eq(p => p.Gln, gln)
        & PartyFilter.ElemMatch(p => p.Keys, Builders<PartyKeyDocument>.Filter.Eq(k => k.Id, keyId) & Builders<PartyKeyDocument>.Filter.Eq(k => k.RevokedAt, null));

    /// <summary>Marks the key matched by <see cref="PartyWithActiveKey"/> revoked (the positional $ is that key).</summary>
    public static UpdateDefinition<PartyDocument> RevokeMatchedKey(DateTime at) =>
        Builders<PartyDocument>.Update.Set("keys.$.revokedAt", at);

    /// <summary>A pre-rotation key is revoked by removing it.</summary>
    public static FilterDefinition<PartyDocument> PartyWithLegacyKey(string gln) =>
        PartyFilter.Eq(p => p.Gln, gln) & PartyFilter.Type(p => p.ApiKeyHash, BsonType.String);

    public static UpdateDefinition<PartyDocument> RemoveLegacyKey => Builders<PartyDocument>.Update.Unset(p => p.ApiKeyHash);

    public static UpdateDefinition<PartyDocument> AddKey(PartyKeyDocument key) => Builders<PartyDocument>.Update.Push(p => p.Keys, key);

    public static SortDefinition<PartyDocument> PartyOrder => Builders<PartyDocument>.Sort.Ascending(p => p.Role).Ascending(p => p.Name);

    // --- users ---------------------------------------------------------------------------

    /// <summary>The <c>_id</c> of an account: its name trimmed and in lower case, so that names are unique whatever their case.</summary>
    public static string UserKey(string userName) => userName.Trim().ToLowerInvariant();

    public static FilterDefinition<UserDocument> UserByName(string userName) => Builders<UserDocument>.Filter.Eq(u => u.Key, UserKey(userName));

    public static UpdateDefinition<UserDocument> SetPasswordHash(string hash) => Builders<UserDocument>.Update.Set(u => u.PasswordHash, hash);

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

    // --- packs ---------------------------------------------------------------------------

    public static FilterDefinition<PackDocument> Pack(string gtin, string serial) => PackFilter.Eq(p => p.Gtin, gtin) & PackFilter.Eq(p => p.Serial, serial);

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

    public static SortDefinition<PackDocument> ShippedOrder => Builders<PackDocument>.Sort.Ascending(p => p.ChangedAt).Ascending(p => p.Chain);

    public static ProjectionDefinition<PackDocument> PackChainOnly => Builders<PackDocument>.Projection.Include(p => p.Chain);

    public static ProjectionDefinition<LotDocument> LotChainOnly => Builders<LotDocument>.Projection.Include(l => l.Chain);

    // --- events --------------------------------------------------------------------------

    public static FilterDefinition<EventDocument> Chain(long chain) => EventFilter.Eq(e => e.Chain, chain);

    public static SortDefinition<EventDocument> SeqOrder => Builders<EventDocument>.Sort.Ascending(e => e.Seq);

    public static SortDefinition<EventDocument> LogOrder => Builders<EventDocument>.Sort.Ascending(e => e.LogIndex);

    public static SortDefinition<EventDocument> ChainSeqOrder => Builders<EventDocument>.Sort.Ascending(e => e.Chain).Ascending(e => e.Seq);

    public static FilterDefinition<EventDocument> NotOfChains(IEnumerable<long> chains) => Builders<EventDocument>.Filter.Nin(e => e.Chain, chains);

    public static SortDefinition<LotDocument> LotChainOrder => Builders<LotDocument>.Sort.Ascending(l => l.Chain);

    public static SortDefinition<EventDocument> LogOrderDescending => Builders<EventDocument>.Sort.Descending(e => e.LogIndex);

    // --- Merkle tree ---------------------------------------------------------------------

    /// <summary>Events with log index in [from, to).</summary>
    public static FilterDefinition<EventDocument> LogRange(long from, long to) =>
        Builders<EventDocument>.Filter.Gte(e => e.LogIndex, from) & Builders<EventDocument>.Filter.Lt(e => e.LogIndex, to);

    public static ProjectionDefinition<EventDocument> EventHashOnly => Builders<EventDocument>.Projection.Include(e => e.Hash);

    public static ProjectionDefinition<EventDocument> EventIdOnly => Builders<EventDocument>.Projection.Include(e => e.LogIndex);

    /// <summary>Stored nodes of one tile level with index in [from, to).</summary>
    public static FilterDefinition<TreeNodeDocument> TreeRange(int tileLevel, long from, long to) =>
        Builders<TreeNodeDocument>.Filter.Gte(n => n.Id, TreeNodeDocument.Key(tileLevel, from))
        & Builders<TreeNodeDocument>.Filter.Lt(n => n.Id, TreeNodeDocument.Key(tileLevel, to));

    public static FilterDefinition<TreeNodeDocument> TreeNode(int tileLevel, long index) =>
        Builders<TreeNodeDocument>.Filter.Eq(n => n.Id, TreeNodeDocument.Key(tileLevel, index));

    public static SortDefinition<CheckpointDocument> NewestCheckpointFirst => Builders<CheckpointDocument>.Sort.Descending(c => c.TreeSize);

    public static FilterDefinition<CheckpointDocument> CheckpointOfSize(long size) => Builders<CheckpointDocument>.Filter.Eq(c => c.TreeSize, size);

    public static UpdateDefinition<CheckpointDocument> SetCheckpointNote(string note) => Builders<CheckpointDocument>.Update.Set(c => c.Note, note);

    // --- witnesses -----------------------------------------------------------------------

    public static FilterDefinition<WitnessedLogDocument> WitnessedLog(string origin) => Builders<WitnessedLogDocument>.Filter.Eq(d => d.Origin, origin);

    /// <summary>The record of <paramref name="origin"/> only if it still holds the size and root a request was judged on.</summary>
    public static FilterDefinition<WitnessedLogDocument> WitnessedLogAt(string origin, long size, byte[] root) =>
        Builders<WitnessedLogDocument>.Filter.Eq(d => d.Origin, origin)
        & Builders<WitnessedLogDocument>.Filter.Eq(d => d.TreeSize, size)
        & Builders<WitnessedLogDocument>.Filter.Eq(d => d.RootHash, root);

    public static UpdateDefinition<WitnessedLogDocument> SetWitnessedCheckpoint(long size, byte[] root, string note, DateTime at) =>
        Builders<WitnessedLogDocument>.Update.Set(d => d.TreeSize, size).Set(d => d.RootHash, root).Set(d => d.Note, note).Set(d => d.UpdatedAt, at);

    public static SortDefinition<WitnessedLogDocument> WitnessedLogOrder => Builders<WitnessedLogDocument>.Sort.Ascending(d => d.Origin);

    public static FilterDefinition<WitnessAnswerDocument> WitnessAnswerOf(string url) => Builders<WitnessAnswerDocument>.Filter.Eq(d => d.Url, url);

    public static SortDefinition<WitnessAnswerDocument> WitnessAnswerOrder => Builders<WitnessAnswerDocument>.Sort.Ascending(d => d.Url);

    public static SortDefinition<TreeNodeDocument> TreeOrder => Builders<TreeNodeDocument>.Sort.Ascending(n => n.Id);

    // --- alerts --------------------------------------------------------------------------

    /// <summary>The latest alert a repeat folds into: same key, not closed, seen within the window.</summary>
    public static FilterDefinition<AlertDocument> DedupeTarget(string dedupeKey, DateTimeOffset since) =>
        AlertFilter.Eq(a => a.DedupeKey, dedupeKey)
        & AlertFilter.Ne(a => a.Status, nameof(AlertStatus.Closed))
        & AlertFilter.Gte(a => a.LastSeenAt, MongoMapping.Utc(since));

    public static SortDefinition<AlertDocument> NewestFirst => Builders<AlertDocument>.Sort.Descending(a => a.Id);

    public static SortDefinition<AlertDocument> OldestFirst => Builders<AlertDocument>.Sort.Ascending(a => a.Id);

    public static UpdateDefinition<AlertDocument> Repeat(DateTimeOffset seenAt) => Builders<AlertDocument>.Update
        .Inc(a => a.Count, 1)
        .Set(a => a.LastSeenAt, MongoMapping.Utc(seenAt));

    public static FilterDefinition<AlertDocument> AlertById(long id) => AlertFilter.Eq(a => a.Id, id);

    /// <summary>The alert's optimistic check: still at the version the change was based on.</summary>
    public static FilterDefinition<AlertDocument> AlertAtVersion(long id, int version) =>
        AlertFilter.Eq(a => a.Id, id) & AlertFilter.Eq(a => a.Version, version);

    public static UpdateDefinition<AlertDocument> ChangeAlert(Alert updated)
    {
        var update = Builders<AlertDocument>.Update
            .Set(a => a.Status, updated.Status.ToString())
            .Set(a => a.Resolution, updated.Resolution?.ToString())
            .Set(a => a.Version, updated.Version);
        return updated.History.Count > 0 ? update.Push(a => a.History, MongoMapping.ToDocument(updated.History[^1])) : update;
    }

    /// <summary>A listing does not carry the history (as with SQLite); <see cref="IAlertStore.GetAsync"/> does.</summary>
    public static ProjectionDefinition<AlertDocument> WithoutHistory => Builders<AlertDocument>.Projection.Exclude(a => a.History);

    public static FilterDefinition<AlertDocument> AlertQuery(AlertQuery q)
    {
        var f = AlertFilter;
        var parts = new List<FilterDefinition<AlertDocument>>();
        if (q.VisibleTo is { } viewer) parts.Add(f.Eq(a => a.ScanningParty, viewer) | f.Eq(a => a.BrandOwner, viewer) | f.Eq(a => a.Custodian, viewer));
        if (q.Status is { } status) parts.Add(f.Eq(a => a.Status, status.ToString()));
        if (q.Kind is { } kind) parts.Add(f.Eq(a => a.Kind, kind.ToString()));
        if (q.MinSeverity is { } severity) parts.Add(f.Gte(a => a.Severity, (int)severity));
        if (q.Severity is { } exactly) parts.Add(f.Eq(a => a.Severity, (int)exactly));
        if (q.Gtin is { } gtin) parts.Add(f.Eq(a => a.PackGtin, gtin) | f.Eq(a => a.ScannedGtin, gtin));
        if (q.Party is { } party) parts.Add(f.Eq(a => a.ScanningParty, party));
        if (q.AfterId is { } after) parts.Add(f.Gt(a => a.Id, after));
        if (!q.IncludeScanningErrors) parts.Add(f.Eq(a => a.ProbableScanningError, false));
        if (q.CustodyExceptions is { } exceptions)
            parts.Add(exceptions ? f.Eq(a => a.Kind, nameof(AlertKind.CustodyException)) : f.Ne(a => a.Kind, nameof(AlertKind.CustodyException)));
        return parts.Count == 0 ? f.Empty : f.And(parts);
    }

    /// <summary>What the change stream of every instance listens to: alerts inserted, updated or replaced.</summary>
    /// <remarks>
    /// Watched as raw BSON: each alert is read on its own (<see cref="AlertChangeReader"/>), so one the
    /// driver cannot deserialize is skipped instead of failing the whole batch and the stream with it.
    /// </remarks>
    public static PipelineDefinition<ChangeStreamDocument<BsonDocument>, ChangeStreamDocument<BsonDocument>> AlertChanges =>
        new EmptyPipelineDefinition<ChangeStreamDocument<BsonDocument>>()
            .Match(new BsonDocument("operationType", new BsonDocument("$in", new BsonArray { "insert", "update", "replace" })));

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
    ];

    public static IEnumerable<CreateIndexModel<ScanDocument>> ScanIndexes =>
    [
        new(Builders<ScanDocument>.IndexKeys.Ascending(s => s.Gtin).Ascending(s => s.Serial), new CreateIndexOptions { Name = "gtin_serial" }),
        new(Builders<ScanDocument>.IndexKeys.Ascending(s => s.Actor).Descending(s => s.At), new CreateIndexOptions { Name = "actor_at" }),
        new(Builders<ScanDocument>.IndexKeys.Descending(s => s.At), new CreateIndexOptions { Name = "at" }),
    ];

    /// <summary>Scans per UTC hour since a time, for the regulator's dashboard: { _id: hour start, count }.</summary>
    /// <summary>One pack's scans since a time, newest first (the gtin_serial index).</summary>
    /// <summary>A pack's scans from <paramref name="since"/> on that were not shipping scans (<paramref name="shipWord"/>).</summary>
    public static FilterDefinition<ScanDocument> SightingsOfPack(string gtin, string serial, DateTimeOffset since, string shipWord)
    {
        var f = Builders<ScanDocument>.Filter;
        return f.Eq(s => s.Gtin, gtin) & f.Eq(s => s.Serial, serial) & f.Gte(s => s.At, since.UtcDateTime) & f.Ne(s => s.Action, shipWord);
    }

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

    private static readonly FilterDefinitionBuilder<CaptureJobDocument> JobFilter = Builders<CaptureJobDocument>.Filter;

    public static FilterDefinition<CaptureJobDocument> CaptureJob(string id) => JobFilter.Eq(j => j.Id, id);

    public static UpdateDefinition<CaptureJobDocument> FinishCaptureJob(Application.Epcis.CaptureJob job) => Builders<CaptureJobDocument>.Update
        .Set(j => j.Applied, job.Applied).Set(j => j.Running, job.Running).Set(j => j.Success, job.Success)
        .Set(j => j.Errors, MongoMapping.ToDocuments(job.Errors))
        .Set(j => j.FinishedAt, job.FinishedAt is { } f ? MongoMapping.Utc(f) : null);

    public static FilterDefinition<CaptureJobDocument> RunningCaptureJobsBefore(DateTimeOffset before) =>
        JobFilter.Eq(j => j.Running, true) & JobFilter.Lt(j => j.CreatedAt, MongoMapping.Utc(before));

    public static UpdateDefinition<CaptureJobDocument> AbandonCaptureJob(string reason, DateTimeOffset now) => Builders<CaptureJobDocument>.Update
        .Set(j => j.Running, false).Set(j => j.Success, false)
        .Set(j => j.Errors, [new CaptureErrorDocument { Event = -1, Reason = reason }])
        .Set(j => j.FinishedAt, MongoMapping.Utc(now));

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
