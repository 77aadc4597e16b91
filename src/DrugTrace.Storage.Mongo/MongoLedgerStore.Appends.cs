using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Packs;
using DrugTrace.Storage.Mongo.Documents;
using MongoDB.Driver;

namespace DrugTrace.Storage.Mongo;

internal sealed partial class MongoLedgerStore
{
    public async ValueTask CommissionAsync(LotState lot, LedgerEvent lotEvent, IReadOnlyList<LedgerEvent> packEvents, CancellationToken cancellationToken)
    {
        if (packEvents.Count > _db.Options.CommissionChunk)
        {
            await _db.EnsureReadyAsync(cancellationToken);
            await ChunkedCommission.RunAsync(_db, lot, lotEvent, packEvents, cancellationToken);
            return;
        }
        await _db.InTransactionAsync(async (session, ct) =>
        {
            // One reservation for the lot event and every pack event: log indexes first .. first + n.
            var first = await _db.ReserveLogAsync(session, packEvents.Count + 1, ct);
            try
            {
                await _db.LotCollection.InsertOneAsync(session, MongoMapping.ToDocument(lot, first), cancellationToken: ct);
            }
            catch (MongoException ex) when (DuplicateKey.Is(ex))
            {
                throw new ConflictException($"Lot {lot.Lot} of {lot.Gtin} is already registered.");
            }

            // Each pack's chain number is its commissioning event's log index.
            var packs = new List<PackDocument>(packEvents.Count);
            var events = new List<EventDocument>(packEvents.Count + 1) { MongoMapping.ToDocument(lotEvent, first, first) };
            for (var i = 0; i < packEvents.Count; i++)
            {
                var index = first + 1 + i;
                packs.Add(MongoMapping.ToCommissionedPack(packEvents[i], index));
                events.Add(MongoMapping.ToDocument(packEvents[i], index, index));
            }
            // Packs before events: a colliding serial is found before the events are written for nothing.
            if (packs.Count > 0)
            {
                try
                {
                    await _db.PackCollection.InsertManyAsync(session, packs, new InsertManyOptions { IsOrdered = true }, ct);
                }
                catch (MongoException ex) when (DuplicateKey.Is(ex))
                {
                    throw new SerialCollisionException(lot.Gtin);
                }
            }
            await _db.EventCollection.InsertManyAsync(session, events, new InsertManyOptions { IsOrdered = true }, ct);
            await MongoTreeNodes.AppendedAsync(_db, session, first, events.Count, ct);
            return true;
        }, cancellationToken);
    }

    public async ValueTask<bool> TryAppendAsync(LedgerEvent e, PackState newState, ChainHead lotHead, CancellationToken cancellationToken) =>
        await AppendAsync(new PackAppend(e, newState, lotHead), cancellationToken);

    public async ValueTask<bool> TryAppendAsync(LedgerEvent e, LotState newState, CancellationToken cancellationToken) =>
        await AppendAsync(new LotAppend(e, newState), cancellationToken);

    private async Task<bool> AppendAsync(LedgerWrite append, CancellationToken cancellationToken)
    {
        await _db.EnsureReadyAsync(cancellationToken);
        try
        {
            return await _appends.AppendAsync(append, cancellationToken);
        }
        catch (MongoException ex) when (DuplicateKey.Is(ex))
        {
            // (chain, seq) already taken: the head said otherwise, but the unique index has the last word.
            return false;
        }
    }

    /// <summary>
    /// One transaction for a batch of appends, in queue order: each moves its head (a pack append
    /// first checks, as a write, that its lot is still as the decision read it) or loses; then the
    /// winners' events take consecutive log indexes from one counter update, the last write before
    /// the commit, and the tree tiles they complete are stored. A later append in the batch sees the
    /// earlier ones: a recall queued before a dispense of its lot makes the dispense lose.
    /// </summary>
    private Task<bool[]> RunBatchAsync(IReadOnlyList<LedgerWrite> appends, CancellationToken cancellationToken) =>
        _db.InTransactionAsync(async (session, ct) =>
        {
            // Built afresh on every run: the retry policy may run the body again.
            var results = new bool[appends.Count];
            var accepted = new List<(LedgerEvent Event, long Chain)>(appends.Count);
            for (var i = 0; i < appends.Count; i++)
            {
                (LedgerEvent e, long? chain) = appends[i] switch
                {
                    PackAppend pack => (pack.Event, await MovePackHeadAsync(session, pack, ct)),
                    LotAppend lot => (lot.Event, await MoveLotHeadAsync(session, lot, ct)),
                    _ => throw new InvalidOperationException($"Unknown append {appends[i].GetType().Name}."),
                };
                if (chain is null) continue;
                results[i] = true;
                accepted.Add((e, chain.Value));
            }
            if (accepted.Count == 0) return results;
            var first = await _db.ReserveLogAsync(session, accepted.Count, ct);
            var events = accepted.Select((a, j) => MongoMapping.ToDocument(a.Event, first + j, a.Chain)).ToList();
            await _db.EventCollection.InsertManyAsync(session, events, new InsertManyOptions { IsOrdered = true }, ct);
            await MongoTreeNodes.AppendedAsync(_db, session, first, events.Count, ct);
            return results;
        }, cancellationToken);

    /// <summary>The pack's chain if its head moved; null if the lot or the pack moved since the decision.</summary>
    private async Task<long?> MovePackHeadAsync(IClientSessionHandle session, PackAppend append, CancellationToken ct)
    {
        var e = append.Event;
        // The lot must still be as the decision read it (not recalled since). A plain read would not do:
        // two snapshot transactions that each read what the other writes both commit. Writing the lot
        // document makes a concurrent recall a write conflict, and the retry sees the recall. Checked
        // before the pack's head moves, so that a lot that moved leaves the batch's other appends alone.
        var guarded = await _db.LotCollection.UpdateOneAsync(session, MongoQueries.LotStillAt(e.Gtin, append.State.Lot, append.LotHead),
            MongoQueries.GuardLot, cancellationToken: ct);
        if (guarded.MatchedCount == 0) return null;
        // The head moves only if it is still the one the event was decided on: the optimistic check.
        var moved = await _db.PackCollection.FindOneAndUpdateAsync(session, MongoQueries.PackHead(e), MongoQueries.MovePackHead(e, append.State),
            new FindOneAndUpdateOptions<PackDocument> { Projection = MongoQueries.PackChainOnly }, ct);
        return moved?.Chain;
    }

    private async Task<long?> MoveLotHeadAsync(IClientSessionHandle session, LotAppend append, CancellationToken ct)
    {
        var moved = await _db.LotCollection.FindOneAndUpdateAsync(session, MongoQueries.LotHead(append.Event), MongoQueries.MoveLotHead(append.Event, append.State),
            new FindOneAndUpdateOptions<LotDocument> { Projection = MongoQueries.LotChainOnly }, ct);
        return moved?.Chain;
    }
}
