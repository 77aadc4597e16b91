using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Storage.Mongo.Documents;
using MongoDB.Driver;

namespace DrugTrace.Storage.Mongo;

internal sealed partial class MongoLedgerStore
{
    /// <summary>The pack's lot moved (a recall) after the decision read it, or a batch's head moved; thrown to abort the transaction.</summary>
    private sealed class LotMoved : Exception;

    public async ValueTask<bool> TryAppendBatchAsync(IReadOnlyList<LedgerWrite> writes, CancellationToken cancellationToken)
    {
        if (writes.Count == 0) return true;
        try
        {
            return await _db.InTransactionAsync(async (session, ct) =>
            {
                // One reservation for the whole batch: its events take consecutive log indexes, in the batch's order.
                var next = await _db.ReserveLogAsync(session, writes.Sum(w => w.EventCount), ct);
                var first = next;
                foreach (var write in writes)
                {
                    switch (write)
                    {
                        case LotRegistration r:
                            await _db.LotCollection.InsertOneAsync(session, MongoMapping.ToDocument(r.Lot, next), cancellationToken: ct);
                            await _db.EventCollection.InsertOneAsync(session, MongoMapping.ToDocument(r.Event, next, next), cancellationToken: ct);
                            next++;
                            break;
                        case PacksCommissioning c:
                            // The lot must still be as decided on: writing its guard makes a concurrent recall a write conflict.
                            var lot = await _db.LotCollection.UpdateOneAsync(session, MongoQueries.LotStillAt(c.Lot.Gtin, c.Lot.Lot, c.Lot.Head),
                                MongoQueries.GuardLot, cancellationToken: ct);
                            if (lot.MatchedCount == 0) throw new LotMoved();
                            var packs = new List<PackDocument>(c.Events.Count);
                            var events = new List<EventDocument>(c.Events.Count);
                            foreach (var e in c.Events)
                            {
                                packs.Add(MongoMapping.ToCommissionedPack(e, next));
                                events.Add(MongoMapping.ToDocument(e, next, next));
                                next++;
                            }
                            await _db.PackCollection.InsertManyAsync(session, packs, new InsertManyOptions { IsOrdered = true }, ct);
                            await _db.EventCollection.InsertManyAsync(session, events, new InsertManyOptions { IsOrdered = true }, ct);
                            break;
                        case PackAppend a:
                            var moved = await _db.PackCollection.FindOneAndUpdateAsync(session, MongoQueries.PackHead(a.Event), MongoQueries.MovePackHead(a.Event, a.State),
                                new FindOneAndUpdateOptions<PackDocument> { Projection = MongoQueries.PackChainOnly }, ct);
                            if (moved is null) throw new LotMoved();
                            var guarded = await _db.LotCollection.UpdateOneAsync(session, MongoQueries.LotStillAt(a.Event.Gtin, a.State.Lot, a.LotHead),
                                MongoQueries.GuardLot, cancellationToken: ct);
                            if (guarded.MatchedCount == 0) throw new LotMoved();
                            await _db.EventCollection.InsertOneAsync(session, MongoMapping.ToDocument(a.Event, next, moved.Chain), cancellationToken: ct);
                            next++;
                            break;
                        case CaseCreation c:
                            // The case's chain number is its first event's log index; a used SSCC is a duplicate key.
                            await _db.CaseCollection.InsertOneAsync(session, MongoMapping.ToDocument(c.Case, next), cancellationToken: ct);
                            await _db.EventCollection.InsertOneAsync(session, MongoMapping.ToDocument(c.Event, next, next), cancellationToken: ct);
                            next++;
                            break;
                        case CaseAppend c:
                            var caseMoved = await _db.CaseCollection.FindOneAndUpdateAsync(session, MongoQueries.CaseHead(c.Event), MongoQueries.MoveCaseHead(c.Event, c.State),
                                new FindOneAndUpdateOptions<CaseDocument> { Projection = MongoQueries.CaseChainOnly }, ct);
                            if (caseMoved is null) throw new LotMoved();
                            await _db.EventCollection.InsertOneAsync(session, MongoMapping.ToDocument(c.Event, next, caseMoved.Chain), cancellationToken: ct);
                            next++;
                            break;
                        case LotAppend l:
                            var lotMoved = await _db.LotCollection.FindOneAndUpdateAsync(session, MongoQueries.LotHead(l.Event), MongoQueries.MoveLotHead(l.Event, l.State),
                                new FindOneAndUpdateOptions<LotDocument> { Projection = MongoQueries.LotChainOnly }, ct);
                            if (lotMoved is null) throw new LotMoved();
                            await _db.EventCollection.InsertOneAsync(session, MongoMapping.ToDocument(l.Event, next, lotMoved.Chain), cancellationToken: ct);
                            next++;
                            break;
                        default:
                            throw new InvalidOperationException($"Unknown ledger write {write.GetType().Name}.");
                    }
                }
                await MongoTreeNodes.AppendedAsync(_db, session, first, (int)(next - first), ct);
                return true;
            }, cancellationToken);
        }
        catch (MongoException ex) when (DuplicateKey.Is(ex))
        {
            // A lot or serial that had to be new, or a (chain, seq) already taken: the transaction is aborted.
            return false;
        }
        catch (LotMoved)
        {
            return false;
        }
    }
}
