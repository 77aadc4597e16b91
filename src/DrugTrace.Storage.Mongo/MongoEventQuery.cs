using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Domain.Ledger;
using DrugTrace.Storage.Mongo.Documents;
using MongoDB.Driver;

namespace DrugTrace.Storage.Mongo;

/// <summary>
/// Pack events by filter, in log order. Visibility is resolved first (the party's brands, and the
/// chains whose events name it), then the events are read with one filter.
/// </summary>
internal sealed class MongoEventQuery(MongoContext db) : ILedgerEventQuery
{
    public async ValueTask<IReadOnlyList<StoredEvent>> QueryAsync(LedgerEventQuery query, CancellationToken cancellationToken)
    {
        await db.EnsureReadyAsync(cancellationToken);
        Visibility? visible = null;
        if (query.VisibleTo is { } party)
        {
            var brands = await db.ProductCollection.Find(MongoQueries.ProductsOf(party)).Project(p => p.Gtin).ToListAsync(cancellationToken);
            var chains = await (await db.EventCollection.DistinctAsync(e => e.Chain, Names(party), cancellationToken: cancellationToken))
                .ToListAsync(cancellationToken);
            visible = new Visibility(brands, chains);
        }
        var lotChains = new Dictionary<int, List<long>>();
        for (var i = 0; i < query.Packs.Count; i++)
        {
            if (query.Packs[i] is { Lot: { } lot } p)
                lotChains[i] = await db.PackCollection.Find(MongoQueries.PacksOfLot(p.Gtin, lot)).Project(k => k.Chain).ToListAsync(cancellationToken);
        }
        var docs = await db.EventCollection.Find(Filter(query, visible, lotChains)).Sort(MongoQueries.LogOrder)
            .Limit(Math.Max(1, query.Take)).ToListAsync(cancellationToken);
        return [.. docs.Select(MongoMapping.ToStoredEvent)];
    }

    /// <summary>What a party may see: its brands' GTINs and the chains that name it.</summary>
    internal sealed record Visibility(IReadOnlyList<string> BrandGtins, IReadOnlyList<long> Chains);

    internal static FilterDefinition<EventDocument> Names(string party)
    {
        var f = Builders<EventDocument>.Filter;
        return f.Eq(e => e.Actor, party) | f.Eq(e => e.From, party) | f.Eq(e => e.To, party);
    }

    internal static FilterDefinition<EventDocument> Filter(LedgerEventQuery query, Visibility? visible, IReadOnlyDictionary<int, List<long>> lotChains)
    {
        var f = Builders<EventDocument>.Filter;
        var filter = f.Eq(e => e.Stream, nameof(StreamKind.Pack));
        if (visible is not null)
            filter &= f.In(e => e.Gtin, visible.BrandGtins) | f.In(e => e.Chain, visible.Chains);
        if (query.Packs.Count > 0)
        {
            var alternatives = query.Packs.Select((p, i) =>
            {
                var one = f.Eq(e => e.Gtin, p.Gtin);
                if (p.Serial is not null) one &= f.Eq(e => e.Key, p.Serial);
                if (p.Lot is not null) one &= f.In(e => e.Chain, lotChains.TryGetValue(i, out var chains) ? chains : []);
                return one;
            });
            filter &= f.Or(alternatives);
        }
        if (query.EventIds.Count > 0) filter &= f.In(e => e.EpcisId, query.EventIds);
        if (query.Actor is { } actor) filter &= f.Eq(e => e.Actor, actor);
        if (query.OccurredFrom is { } from) filter &= f.Gte(e => e.OccurredAt, from.UtcDateTime);
        if (query.OccurredBefore is { } before) filter &= f.Lt(e => e.OccurredAt, before.UtcDateTime);
        if (query.RecordedFrom is { } recorded) filter &= f.Gte(e => e.RecordedAt, recorded.UtcDateTime);
        if (query.AfterLogIndex is { } after) filter &= f.Gt(e => e.LogIndex, after);
        return filter;
    }
}
