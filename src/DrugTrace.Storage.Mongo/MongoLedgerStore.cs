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
/// Partial files by concern: the reads (here), commission and the batched single appends
/// (<c>.Appends</c>), the batch of writes (<c>.Batch</c>), the audit's snapshot reads (<c>.Audit</c>).
/// </summary>
internal sealed partial class MongoLedgerStore : ILedgerStore, IAsyncDisposable, IDisposable
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
}
