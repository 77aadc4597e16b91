using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Packs;
using DrugTrace.Storage.Mongo.Documents;
using MongoDB.Driver;

namespace DrugTrace.Storage.Mongo;

internal sealed partial class MongoLedgerStore
{
    public async IAsyncEnumerable<StoredChain> ReadChainsAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await _db.EnsureReadyAsync(cancellationToken);
        // As in the audit: the snapshot session alone sets the read concern of every read below.
        using var session = await _db.Client.StartSessionAsync(new ClientSessionOptions { Snapshot = true }, cancellationToken);
        var lots = await _db.LotCollection.Find(session, FilterDefinition<LotDocument>.Empty)
            .Sort(MongoQueries.LotChainOrder).ToListAsync(cancellationToken);
        var cases = await _db.CaseCollection.Find(session, FilterDefinition<CaseDocument>.Empty)
            .Sort(MongoQueries.CaseChainOrder).ToListAsync(cancellationToken);
        // Lot and case chains are read one by one (they are few); every other chain is a pack's.
        var otherChains = lots.Select(l => l.Chain).Concat(cases.Select(c => c.Chain)).ToHashSet();
        foreach (var lot in lots)
        {
            var docs = await _db.EventCollection.Find(session, MongoQueries.Chain(lot.Chain))
                .Sort(MongoQueries.SeqOrder).ToListAsync(cancellationToken);
            yield return new StoredChain(StreamKind.Lot, lot.Gtin, lot.Lot, [.. docs.Select(MongoMapping.ToStoredEvent)], null, MongoMapping.ToLot(lot));
        }

        // Pack chains: events by (chain, seq) merged with pack documents by _id (the chain), both in chain order.
        using var events = await _db.EventCollection.FindAsync(session, MongoQueries.NotOfChains(otherChains),
            new FindOptions<EventDocument> { Sort = MongoQueries.ChainSeqOrder, BatchSize = 10_000 }, cancellationToken);
        using var packs = await _db.PackCollection.FindAsync(session, FilterDefinition<PackDocument>.Empty,
            new FindOptions<PackDocument> { Sort = MongoQueries.PackOrder, BatchSize = 10_000 }, cancellationToken);
        var eventQueue = new Queue<EventDocument>();
        var packQueue = new Queue<PackDocument>();
        async Task<bool> More<T>(IAsyncCursor<T> cursor, Queue<T> queue)
        {
            while (queue.Count == 0)
            {
                if (!await cursor.MoveNextAsync(cancellationToken)) return false;
                foreach (var d in cursor.Current) queue.Enqueue(d);
            }
            return true;
        }
        var hasEvent = await More(events, eventQueue);
        var hasPack = await More(packs, packQueue);
        while (hasEvent || hasPack)
        {
            var chain = Math.Min(hasEvent ? eventQueue.Peek().Chain : long.MaxValue, hasPack ? packQueue.Peek().Chain : long.MaxValue);
            PackState? pack = null;
            if (hasPack && packQueue.Peek().Chain == chain)
            {
                pack = MongoMapping.ToPack(packQueue.Dequeue());
                hasPack = await More(packs, packQueue);
            }
            var chainEvents = new List<StoredEvent>();
            while (hasEvent && eventQueue.Peek().Chain == chain)
            {
                chainEvents.Add(MongoMapping.ToStoredEvent(eventQueue.Dequeue()));
                hasEvent = await More(events, eventQueue);
            }
            yield return new StoredChain(StreamKind.Pack, pack?.Gtin ?? chainEvents[0].Event.Gtin, pack?.Serial ?? chainEvents[0].Event.Key,
                chainEvents, pack, null);
        }

        foreach (var c in cases)
        {
            var docs = await _db.EventCollection.Find(session, MongoQueries.Chain(c.Chain))
                .Sort(MongoQueries.SeqOrder).ToListAsync(cancellationToken);
            yield return new StoredChain(StreamKind.Case, "", c.Sscc, [.. docs.Select(MongoMapping.ToStoredEvent)], null, null) { Case = MongoMapping.ToCase(c) };
        }
    }
}
