using DrugTrace.Domain.Packs;
using MongoDB.Driver;

namespace DrugTrace.Storage.Mongo;

internal sealed partial class MongoLedgerStore
{
    // Serials per query: a bounded $in, a bounded reply.
    private const int SerialsPerRead = 1_000;

    /// <summary>Many packs of one GTIN in a few queries (an EPCIS capture names thousands), shown as <see cref="FindPackAsync"/> shows one.</summary>
    public async ValueTask<IReadOnlyDictionary<string, PackState>> FindPacksAsync(string gtin, IReadOnlyCollection<string> serials, CancellationToken cancellationToken)
    {
        await _db.EnsureReadyAsync(cancellationToken);
        var found = new Dictionary<string, PackState>(StringComparer.Ordinal);
        var completed = new Dictionary<long, bool>();
        foreach (var chunk in serials.Distinct(StringComparer.Ordinal).Chunk(SerialsPerRead))
        {
            foreach (var d in await _db.PackCollection.Find(MongoQueries.PacksAmong(gtin, chunk)).ToListAsync(cancellationToken))
            {
                // Written by a chunked commission: shown once its lot completed.
                if (d.CommissioningLot is { } lotChain)
                {
                    if (!completed.TryGetValue(lotChain, out var done))
                        completed[lotChain] = done = await ChunkedCommission.CompletedAsync(_db, lotChain, cancellationToken);
                    if (!done) continue;
                }
                found[d.Serial] = MongoMapping.ToPack(d);
            }
        }
        return found;
    }
}
