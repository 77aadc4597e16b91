using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Domain.Cases;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Packs;
using DrugTrace.Storage.Mongo.Documents;
using MongoDB.Driver;

namespace DrugTrace.Storage.Mongo;

/// <summary>
/// The ledger on MongoDB. Every write is a multi-document transaction that moves heads with a
/// compare-and-set (filter on the head's seq and hash), reserves global log indexes from the
/// <c>log</c> counter and inserts the events. Two appends to one pack conflict on the head
/// document: the server aborts one with a write conflict, the retry re-reads the head, finds it
/// moved, and reports the loss. The counter is what makes the log gap-free and its order the
/// commit order. So that it is not one hot document written once per append, this instance's
/// appends go through one sequencer (<see cref="AppendBatcher{TAppend}"/>): the appends queued
/// while a transaction runs share the next one, which moves all their heads and then, last, takes
/// the counter once for the whole batch. Instances still meet on the counter, once per batch, and
/// the loser retries (see <see cref="MongoRetryPolicy"/>).
/// </summary>
internal sealed class MongoLedgerStore : ILedgerStore, IAsyncDisposable, IDisposable
{
    private readonly MongoContext _db;
    private readonly AppendBatcher<LedgerWrite> _appends;

    public MongoLedgerStore(MongoContext db)
    {
        _db = db;
        _appends = new AppendBatcher<LedgerWrite>(db.Options.MaxAppendBatch, RunBatchAsync, DuplicateKey.Is);
    }

    public ValueTask DisposeAsync() => _appends.DisposeAsync();

    public void Dispose() => _appends.Dispose();

    public async ValueTask<PackState?> FindPackAsync(string gtin, string serial, CancellationToken cancellationToken)
    {
        await _db.EnsureReadyAsync(cancellationToken);
        var d = await _db.PackCollection.Find(MongoQueries.Pack(gtin, serial)).FirstOrDefaultAsync(cancellationToken);
        if (d is null) return null;
        // Written by a chunked commission: shown once its lot completed (the mark itself is cleared just after).
        if (d.CommissioningLot is { } lotChain && !await ChunkedCommission.CompletedAsync(_db, lotChain, cancellationToken)) return null;
        return MongoMapping.ToPack(d);
    }

    public async ValueTask<IReadOnlyList<PackState>> ListPacksAsync(string gtin, string lot, int skip, int take, CancellationToken cancellationToken)
    {
        await _db.EnsureReadyAsync(cancellationToken);
        var docs = await _db.PackCollection.Find(MongoQueries.PacksOfLot(gtin, lot)).Sort(MongoQueries.PackOrder)
            .Skip(skip).Limit(take).ToListAsync(cancellationToken);
        return [.. docs.Select(MongoMapping.ToPack)];
    }

    public async ValueTask<int> CountPacksAsync(string gtin, string lot, CancellationToken cancellationToken)
    {
        await _db.EnsureReadyAsync(cancellationToken);
        return (int)await _db.PackCollection.CountDocumentsAsync(MongoQueries.PacksOfLot(gtin, lot), cancellationToken: cancellationToken);
    }

    public async ValueTask<CaseState?> FindCaseAsync(string sscc, CancellationToken cancellationToken)
    {
        await _db.EnsureReadyAsync(cancellationToken);
        var d = await _db.CaseCollection.Find(MongoQueries.Case(sscc)).FirstOrDefaultAsync(cancellationToken);
        return d is null ? null : MongoMapping.ToCase(d);
    }

    public async ValueTask<CaseChildren> ListCaseChildrenAsync(string sscc, CancellationToken cancellationToken)
    {
        await _db.EnsureReadyAsync(cancellationToken);
        // One snapshot: a case's packs and cases as they stood together.
        using var session = await _db.Client.StartSessionAsync(new ClientSessionOptions { Snapshot = true }, cancellationToken);
        var packs = await _db.PackCollection.Find(session, MongoQueries.PacksIn(sscc)).ToListAsync(cancellationToken);
        var cases = await _db.CaseCollection.Find(session, MongoQueries.CasesIn(sscc)).ToListAsync(cancellationToken);
        return new CaseChildren([.. packs.Select(MongoMapping.ToPack)], [.. cases.Select(MongoMapping.ToCase)]);
    }

    public async ValueTask<IReadOnlyList<StoredEvent>> GetChainAsync(StreamKind stream, string gtin, string key, CancellationToken cancellationToken)
    {
        await _db.EnsureReadyAsync(cancellationToken);
        long? chain = stream switch
        {
            StreamKind.Pack => (await _db.PackCollection.Find(MongoQueries.Pack(gtin, key)).Project<PackDocument>(MongoQueries.PackChainOnly)
                .FirstOrDefaultAsync(cancellationToken))?.Chain,
            StreamKind.Lot => (await _db.LotCollection.Find(MongoQueries.Lot(gtin, key)).Project<LotDocument>(MongoQueries.LotChainOnly)
                .FirstOrDefaultAsync(cancellationToken))?.Chain,
            _ => (await _db.CaseCollection.Find(MongoQueries.Case(key)).Project<CaseDocument>(MongoQueries.CaseChainOnly)
                .FirstOrDefaultAsync(cancellationToken))?.Chain,
        };
        if (chain is null) return [];
        var docs = await _db.EventCollection.Find(MongoQueries.Chain(chain.Value)).Sort(MongoQueries.SeqOrder).ToListAsync(cancellationToken);
        return [.. docs.Select(MongoMapping.ToStoredEvent)];
    }

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
                packs.Add(MongoMapping.ToCommissionedPack(lot, packEvents[i], index));
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
                                packs.Add(MongoMapping.ToCommissionedPack(c.Lot, e, next));
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

    public async ValueTask AuditAsync(ChainAuditor auditor, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        await _db.EnsureReadyAsync(cancellationToken);
        // A snapshot session: the log and the heads are read at one point in time (MongoDB 5.0+). A very long
        // audit is bounded by the server's minSnapshotHistoryWindowInSeconds (300 s by default). The session
        // alone sets the read concern (snapshot, at its cluster time): a collection read concern as well would
        // make the driver send a second one, which the server refuses.
        using var session = await _db.Client.StartSessionAsync(new ClientSessionOptions { Snapshot = true }, cancellationToken);
        var options = new FindOptions<EventDocument> { Sort = MongoQueries.LogOrder, BatchSize = 10_000 };
        long n = 0;
        using (var cursor = await _db.EventCollection
                   .FindAsync(session, FilterDefinition<EventDocument>.Empty, options, cancellationToken))
        {
            while (await cursor.MoveNextAsync(cancellationToken))
            {
                foreach (var d in cursor.Current)
                {
                    auditor.Observe(d.LogIndex, d.Chain, MongoMapping.ToEvent(d));
                    if (++n % 50_000 == 0) progress?.Report(n);
                }
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
        progress?.Report(n);

        // A head that disagrees with its chain means the projection or the log was edited.
        var packs = await _db.PackCollection.FindAsync(session, FilterDefinition<PackDocument>.Empty, cancellationToken: cancellationToken);
        await packs.ForEachAsync(p => CheckHead(auditor, StreamKind.Pack, p.Chain, p.Gtin, p.Serial, p.HeadSeq, p.HeadHash), cancellationToken);
        var lots = await _db.LotCollection.FindAsync(session, FilterDefinition<LotDocument>.Empty, cancellationToken: cancellationToken);
        await lots.ForEachAsync(l => CheckHead(auditor, StreamKind.Lot, l.Chain, l.Gtin, l.Lot, l.HeadSeq, l.HeadHash), cancellationToken);
        var cases = await _db.CaseCollection.FindAsync(session, FilterDefinition<CaseDocument>.Empty, cancellationToken: cancellationToken);
        await cases.ForEachAsync(c => CheckHead(auditor, StreamKind.Case, c.Chain, "", c.Sscc, c.HeadSeq, c.HeadHash), cancellationToken);
    }

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

    private static void CheckHead(ChainAuditor auditor, StreamKind stream, long chain, string gtin, string key, int seq, byte[] hashBytes)
    {
        var hash = hashBytes.Length == Hash256.Size ? MongoMapping.Hash(hashBytes) : Hash256.Zero;
        if (!auditor.TryGetHead(chain, out var head))
            auditor.Report(new AuditViolation(stream, gtin, key, seq, 0, "the chain has no events"));
        else if (head.Seq != seq || head.Hash != hash)
            auditor.Report(new AuditViolation(stream, gtin, key, seq, 0,
                $"the current state says seq {seq}, but the chain ends at seq {head.Seq} with another hash"));
    }
}
