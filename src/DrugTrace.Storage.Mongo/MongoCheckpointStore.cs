using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Storage.Mongo.Documents;
using MongoDB.Driver;

namespace DrugTrace.Storage.Mongo;

internal sealed class MongoCheckpointStore(MongoContext db) : ICheckpointStore
{
    public async ValueTask<StoredCheckpoint?> LatestAsync(CancellationToken cancellationToken)
    {
        await db.EnsureReadyAsync(cancellationToken);
        var d = await db.CheckpointCollection.Find(FilterDefinition<CheckpointDocument>.Empty).Sort(MongoQueries.NewestCheckpointFirst)
            .Limit(1).FirstOrDefaultAsync(cancellationToken);
        return d is null ? null : Map(d);
    }

    public async ValueTask<IReadOnlyList<StoredCheckpoint>> RecentAsync(int take, CancellationToken cancellationToken)
    {
        await db.EnsureReadyAsync(cancellationToken);
        var docs = await db.CheckpointCollection.Find(FilterDefinition<CheckpointDocument>.Empty).Sort(MongoQueries.NewestCheckpointFirst)
            .Limit(take).ToListAsync(cancellationToken);
        return [.. docs.Select(Map)];
    }

    public async ValueTask<bool> AddAsync(StoredCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        await db.EnsureReadyAsync(cancellationToken);
        try
        {
            await db.CheckpointCollection.InsertOneAsync(new CheckpointDocument
            {
                TreeSize = checkpoint.Size,
                RootHash = checkpoint.Root.ToBytes(),
                CreatedAt = checkpoint.SignedAt.UtcDateTime,
                Note = checkpoint.Note,
            }, cancellationToken: cancellationToken);
            return true;
        }
        catch (MongoException ex) when (DuplicateKey.Is(ex))
        {
            // Another instance signed this size first.
            return false;
        }
    }

    public async ValueTask UpdateNoteAsync(long size, string note, CancellationToken cancellationToken)
    {
        await db.EnsureReadyAsync(cancellationToken);
        await db.CheckpointCollection.UpdateOneAsync(MongoQueries.CheckpointOfSize(size), MongoQueries.SetCheckpointNote(note), cancellationToken: cancellationToken);
    }

    private static StoredCheckpoint Map(CheckpointDocument d) =>
        new(d.TreeSize, MongoMapping.Hash(d.RootHash), new DateTimeOffset(DateTime.SpecifyKind(d.CreatedAt, DateTimeKind.Utc)), d.Note);
}
