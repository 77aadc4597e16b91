using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Packs;
using DrugTrace.Storage.Mongo.Documents;
using MongoDB.Driver;

namespace DrugTrace.Storage.Mongo;

/// <summary>
/// A lot with more packs than <see cref="MongoOptions.CommissionChunk"/>, commissioned in bounded
/// transactions (one 100,000-pack transaction would hold the log counter across ~200,000 inserts and
/// run into the server's lifetime and size limits), all or none for every reader:
/// <list type="number">
/// <item>the serials are checked, so that a collision still leaves nothing and the caller draws again;</item>
/// <item>the lot and its first event, marked commissioning with the number of packs promised: no reader sees the lot;</item>
/// <item>the packs, a chunk per transaction, each chunk taking its log indexes once, each pack marked with the lot's chain;</item>
/// <item>the lot's mark cleared, one document: the commit point, from which the lot and all its packs are seen;</item>
/// <item>the packs' marks cleared, outside a transaction (a crash here is repaired at the next start, <see cref="RepairAsync"/>).</item>
/// </list>
/// Interrupted before the commit point, the lot stays invisible and its number taken: its events are
/// already in the append-only log (perhaps checkpointed), so they cannot be taken back; a retry is told
/// to use a new lot number, and the audit reads them as the consistent chains they are.
/// </summary>
internal static class ChunkedCommission
{
    /// <summary>The chunks of <paramref name="packs"/> packs: (first pack, how many), none larger than <paramref name="chunk"/>.</summary>
    public static IEnumerable<(int Start, int Count)> Chunks(int packs, int chunk)
    {
        chunk = Math.Max(1, chunk);
        for (var start = 0; start < packs; start += chunk) yield return (start, Math.Min(chunk, packs - start));
    }

    public static async Task RunAsync(MongoContext db, LotState lot, LedgerEvent lotEvent, IReadOnlyList<LedgerEvent> packEvents, CancellationToken cancellationToken)
    {
        var lotChain = await BeginAsync(db, lot, lotEvent, packEvents, cancellationToken);
        // From here on the commission runs to its end even if the caller hangs up: stopping would strand the lot.
        foreach (var (start, count) in Chunks(packEvents.Count, db.Options.CommissionChunk))
            await WriteChunkAsync(db, lot, lotChain, packEvents, start, count);
        await CompleteAsync(db, lot, lotChain, packEvents.Count);
    }

    /// <summary>Steps 1 and 2: the serials checked, the lot stored but invisible; returns its chain.</summary>
    internal static async Task<long> BeginAsync(MongoContext db, LotState lot, LedgerEvent lotEvent, IReadOnlyList<LedgerEvent> packEvents,
        CancellationToken cancellationToken)
    {
        if (await db.LotCollection.Find(MongoQueries.Lot(lot.Gtin, lot.Lot)).FirstOrDefaultAsync(cancellationToken) is { } existing)
            throw Taken(lot, existing);
        foreach (var (start, count) in Chunks(packEvents.Count, db.Options.CommissionChunk))
        {
            var serials = Enumerable.Range(start, count).Select(i => packEvents[i].Key);
            if (await db.PackCollection.Find(MongoQueries.SerialsTaken(lot.Gtin, serials)).Limit(1).AnyAsync(cancellationToken))
                throw new SerialCollisionException(lot.Gtin);
        }
        return await db.InTransactionAsync(async (session, ct) =>
        {
            var first = await db.ReserveLogAsync(session, 1, ct);
            var document = MongoMapping.ToDocument(lot, first);
            document.Commissioning = packEvents.Count;
            try
            {
                await db.LotCollection.InsertOneAsync(session, document, cancellationToken: ct);
            }
            catch (MongoException ex) when (DuplicateKey.Is(ex))
            {
                throw new ConflictException($"Lot {lot.Lot} of {lot.Gtin} is already registered.");
            }
            await db.EventCollection.InsertOneAsync(session, MongoMapping.ToDocument(lotEvent, first, first), cancellationToken: ct);
            await MongoTreeNodes.AppendedAsync(db, session, first, 1, ct);
            return first;
        }, cancellationToken);
    }

    /// <summary>Step 3 for one chunk: its packs, marked, and their events at the log indexes it takes, in one transaction.</summary>
    internal static Task WriteChunkAsync(MongoContext db, LotState lot, long lotChain, IReadOnlyList<LedgerEvent> packEvents, int start, int count) =>
        db.InTransactionAsync(async (session, ct) =>
        {
            var first = await db.ReserveLogAsync(session, count, ct);
            var packs = new List<PackDocument>(count);
            var events = new List<EventDocument>(count);
            for (var i = 0; i < count; i++)
            {
                var e = packEvents[start + i];
                var pack = MongoMapping.ToCommissionedPack(e, first + i);
                pack.CommissioningLot = lotChain;
                packs.Add(pack);
                events.Add(MongoMapping.ToDocument(e, first + i, first + i));
            }
            try
            {
                await db.PackCollection.InsertManyAsync(session, packs, new InsertManyOptions { IsOrdered = true }, ct);
            }
            catch (MongoException ex) when (DuplicateKey.Is(ex))
            {
                // Another commission took one of these serials after the check: this lot cannot be completed.
                throw new ConflictException(Interrupted(lot));
            }
            await db.EventCollection.InsertManyAsync(session, events, new InsertManyOptions { IsOrdered = true }, ct);
            await MongoTreeNodes.AppendedAsync(db, session, first, count, ct);
            return true;
        }, CancellationToken.None);

    /// <summary>Steps 4 and 5: the commit point (the lot's mark cleared), then the packs' marks.</summary>
    internal static async Task CompleteAsync(MongoContext db, LotState lot, long lotChain, int packs)
    {
        var completed = await db.LotCollection.UpdateOneAsync(MongoQueries.LotCommissioning(lotChain, packs), MongoQueries.CompleteCommission,
            cancellationToken: CancellationToken.None);
        if (completed.MatchedCount == 0)
            throw new InvalidOperationException($"Lot {lot.Lot} of {lot.Gtin} was no longer waiting for its {packs} packs at the end of its commission.");
        await db.PackCollection.UpdateManyAsync(MongoQueries.CommissionedPacks(lotChain), MongoQueries.ClearCommissioning, cancellationToken: CancellationToken.None);
    }

    /// <summary>Whether a pack written by a chunked commission is to be shown: its lot completed.</summary>
    public static async Task<bool> CompletedAsync(MongoContext db, long lotChain, CancellationToken cancellationToken)
    {
        var lot = await db.LotCollection.Find(MongoQueries.LotByChain(lotChain)).FirstOrDefaultAsync(cancellationToken);
        return lot is { Commissioning: null };
    }

    /// <summary>Clears the marks left on packs of lots that completed (a crash between the last two steps).</summary>
    public static async Task RepairAsync(MongoContext db, CancellationToken cancellationToken)
    {
        var lots = await (await db.PackCollection.DistinctAsync(p => p.CommissioningLot, MongoQueries.CommissionedPacks(null),
            cancellationToken: cancellationToken)).ToListAsync(cancellationToken);
        foreach (var lot in lots.OfType<long>())
        {
            if (await CompletedAsync(db, lot, cancellationToken))
                await db.PackCollection.UpdateManyAsync(MongoQueries.CommissionedPacks(lot), MongoQueries.ClearCommissioning, cancellationToken: cancellationToken);
        }
    }

    private static ConflictException Taken(LotState lot, LotDocument existing) => new(existing.Commissioning is null
        ? $"Lot {lot.Lot} of {lot.Gtin} is already registered."
        : Interrupted(lot));

    private static string Interrupted(LotState lot) =>
        $"Lot {lot.Lot} of {lot.Gtin} is being commissioned, or its commissioning was interrupted; none of its packs is in use. "
        + "If no commission of it is running, register the packs under a new lot number.";
}
