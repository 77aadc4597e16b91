using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Transparency;
using DrugTrace.Storage.Mongo.Documents;
using MongoDB.Bson;
using MongoDB.Driver;

namespace DrugTrace.Storage.Mongo;

/// <summary>
/// Keeps the log's Merkle tree in the <c>tree</c> collection inside the append transaction:
/// every tile an appended event completes gets its root stored one tile level up. The log
/// counter serialises appends, so the transaction sees every earlier event. Leaf hashes are
/// SHA-256(0x00 || events.hash), not stored twice.
/// </summary>
internal static class MongoTreeNodes
{
    public static async Task AppendedAsync(MongoContext db, IClientSessionHandle session, long first, int count, CancellationToken cancellationToken)
    {
        for (var i = first; i < first + count; i++)
        {
            foreach (var (level, index) in LogTiles.NodesCompletedBy(i))
            {
                var children = await ReadTileAsync(db, session, level - 1, index * LogTiles.Width, LogTiles.Width, cancellationToken);
                await db.TreeCollection.InsertOneAsync(session,
                    new TreeNodeDocument { Id = TreeNodeDocument.Key(level, index), Hash = Rfc6962.Root(children).ToBytes() },
                    cancellationToken: cancellationToken);
            }
        }
    }

    /// <summary>Hashes of tile level <paramref name="tileLevel"/> from <paramref name="from"/>, up to <paramref name="count"/> of them.</summary>
    public static async Task<Hash256[]> ReadTileAsync(MongoContext db, IClientSessionHandle? session, int tileLevel, long from, int count, CancellationToken cancellationToken)
    {
        if (tileLevel == 0)
        {
            var filter = MongoQueries.LogRange(from, from + count);
            var events = session is null
                ? db.EventCollection.Find(filter)
                : db.EventCollection.Find(session, filter);
            var docs = await events.Project<EventDocument>(MongoQueries.EventHashOnly).Sort(MongoQueries.LogOrder).ToListAsync(cancellationToken);
            return [.. docs.Select(d => Rfc6962.LeafHash(MongoMapping.Hash(d.Hash)))];
        }
        var nodeFilter = MongoQueries.TreeRange(tileLevel, from, from + count);
        var nodes = session is null ? db.TreeCollection.Find(nodeFilter) : db.TreeCollection.Find(session, nodeFilter);
        var found = await nodes.Sort(MongoQueries.TreeOrder).ToListAsync(cancellationToken);
        return [.. found.Select(d => MongoMapping.Hash(d.Hash))];
    }

    public static async Task<long> SizeAsync(MongoContext db, CancellationToken cancellationToken)
    {
        var last = await db.EventCollection.Find(FilterDefinition<EventDocument>.Empty).Sort(MongoQueries.LogOrderDescending)
            .Project<EventDocument>(MongoQueries.EventIdOnly).Limit(1).FirstOrDefaultAsync(cancellationToken);
        return last is null ? 0 : last.LogIndex + 1;
    }

    /// <summary>
    /// Start-up migration: a log written from 1 (before the tree) is copied renumbered from 0 and
    /// swapped in with one rename; then the tile roots it lacks are stored. Run by one instance
    /// at a time (the upgrade start); an interrupted copy is dropped and redone.
    /// </summary>
    public static async Task MigrateAsync(MongoContext db, CancellationToken cancellationToken)
    {
        var first = await db.EventCollection.Find(FilterDefinition<EventDocument>.Empty).Sort(MongoQueries.LogOrder)
            .Project<EventDocument>(MongoQueries.EventIdOnly).Limit(1).FirstOrDefaultAsync(cancellationToken);
        if (first is { LogIndex: 1 })
        {
            const string copy = MongoContext.Events + "_from0";
            await db.Database.DropCollectionAsync(copy, cancellationToken);
            var target = db.Database.GetCollection<EventDocument>(copy);
            using (var cursor = await db.EventCollection.FindAsync(FilterDefinition<EventDocument>.Empty,
                       new FindOptions<EventDocument> { Sort = MongoQueries.LogOrder, BatchSize = 5000 }, cancellationToken))
            {
                while (await cursor.MoveNextAsync(cancellationToken))
                {
                    var batch = cursor.Current.ToList();
                    foreach (var d in batch) d.LogIndex -= 1;
                    if (batch.Count > 0) await target.InsertManyAsync(batch, new InsertManyOptions { IsOrdered = true }, cancellationToken);
                }
            }
            await db.Client.GetDatabase("admin").RunCommandAsync<BsonDocument>(new BsonDocument
            {
                { "renameCollection", $"{db.Database.DatabaseNamespace.DatabaseName}.{copy}" },
                { "to", $"{db.Database.DatabaseNamespace.DatabaseName}.{MongoContext.Events}" },
                { "dropTarget", true },
            }, cancellationToken: cancellationToken);
            await db.EventCollection.Indexes.CreateManyAsync(MongoQueries.EventIndexes, cancellationToken);
            // The counter held the last index from 1, which is the size: it stays as it is.
        }
        await CatchUpAsync(db, cancellationToken);
    }

    private static async Task CatchUpAsync(MongoContext db, CancellationToken cancellationToken)
    {
        var size = await SizeAsync(db, cancellationToken);
        for (var level = 1; level <= LogTiles.MaxLevel && LogTiles.HashesAt(level, size) > 0; level++)
        {
            var stored = await db.TreeCollection.CountDocumentsAsync(MongoQueries.TreeRange(level, 0, long.MaxValue >> 8), cancellationToken: cancellationToken);
            for (var index = stored; index < LogTiles.HashesAt(level, size); index++)
            {
                var children = await ReadTileAsync(db, null, level - 1, index * LogTiles.Width, LogTiles.Width, cancellationToken);
                await db.TreeCollection.ReplaceOneAsync(MongoQueries.TreeNode(level, index),
                    new TreeNodeDocument { Id = TreeNodeDocument.Key(level, index), Hash = Rfc6962.Root(children).ToBytes() },
                    new ReplaceOptions { IsUpsert = true }, cancellationToken);
            }
        }
    }
}
