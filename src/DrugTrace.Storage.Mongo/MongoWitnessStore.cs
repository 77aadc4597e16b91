using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Storage.Mongo.Documents;
using MongoDB.Driver;

namespace DrugTrace.Storage.Mongo;

/// <summary>
/// witnessedLogs: one document per origin. The replace is a compare-and-set on size and root (an
/// insert for the first checkpoint, refused by the unique _id if another request got there first).
/// </summary>
internal sealed class MongoWitnessStore(MongoContext db) : IWitnessStore
{
    public async ValueTask<WitnessedCheckpoint?> FindAsync(string origin, CancellationToken cancellationToken)
    {
        await db.EnsureReadyAsync(cancellationToken);
        var d = await db.WitnessedLogCollection.Find(MongoQueries.WitnessedLog(origin)).FirstOrDefaultAsync(cancellationToken);
        return d is null ? null : Map(d);
    }

    public async ValueTask<IReadOnlyList<WitnessedCheckpoint>> ListAsync(CancellationToken cancellationToken)
    {
        await db.EnsureReadyAsync(cancellationToken);
        var docs = await db.WitnessedLogCollection.Find(FilterDefinition<WitnessedLogDocument>.Empty).Sort(MongoQueries.WitnessedLogOrder)
            .ToListAsync(cancellationToken);
        return [.. docs.Select(Map)];
    }

    public async ValueTask<bool> ReplaceAsync(WitnessedCheckpoint? expected, WitnessedCheckpoint next, CancellationToken cancellationToken)
    {
        await db.EnsureReadyAsync(cancellationToken);
        var document = ToDocument(next);
        if (expected is null)
        {
            try
            {
                await db.WitnessedLogCollection.InsertOneAsync(document, cancellationToken: cancellationToken);
                return true;
            }
            catch (MongoException ex) when (DuplicateKey.Is(ex))
            {
                return false;
            }
        }
        var result = await db.WitnessedLogCollection.UpdateOneAsync(
            MongoQueries.WitnessedLogAt(expected.Origin, expected.Size, expected.Root.ToBytes()),
            MongoQueries.SetWitnessedCheckpoint(document.TreeSize, document.RootHash, document.Note, document.UpdatedAt),
            cancellationToken: cancellationToken);
        return result.MatchedCount == 1;
    }

    internal static WitnessedLogDocument ToDocument(WitnessedCheckpoint c) => new()
    {
        Origin = c.Origin, TreeSize = c.Size, RootHash = c.Root.ToBytes(), Note = c.Note, UpdatedAt = MongoMapping.Utc(c.UpdatedAt),
    };

    internal static WitnessedCheckpoint Map(WitnessedLogDocument d) =>
        new(d.Origin, d.TreeSize, MongoMapping.Hash(d.RootHash), d.Note, MongoMapping.Time(d.UpdatedAt));
}
