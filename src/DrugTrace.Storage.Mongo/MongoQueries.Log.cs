using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Storage.Mongo.Documents;
using MongoDB.Driver;

namespace DrugTrace.Storage.Mongo;

internal static partial class MongoQueries
{
    // --- events --------------------------------------------------------------------------

    public static FilterDefinition<EventDocument> Chain(long chain) => EventFilter.Eq(e => e.Chain, chain);

    public static SortDefinition<EventDocument> SeqOrder => Builders<EventDocument>.Sort.Ascending(e => e.Seq);

    public static SortDefinition<EventDocument> LogOrder => Builders<EventDocument>.Sort.Ascending(e => e.LogIndex);

    public static SortDefinition<EventDocument> ChainSeqOrder => Builders<EventDocument>.Sort.Ascending(e => e.Chain).Ascending(e => e.Seq);

    public static FilterDefinition<EventDocument> NotOfChains(IEnumerable<long> chains) => Builders<EventDocument>.Filter.Nin(e => e.Chain, chains);

    public static SortDefinition<LotDocument> LotChainOrder => Builders<LotDocument>.Sort.Ascending(l => l.Chain);

    public static SortDefinition<EventDocument> LogOrderDescending => Builders<EventDocument>.Sort.Descending(e => e.LogIndex);

    // --- Merkle tree ---------------------------------------------------------------------

    /// <summary>Events with log index in [from, to).</summary>
    public static FilterDefinition<EventDocument> LogRange(long from, long to) =>
        Builders<EventDocument>.Filter.Gte(e => e.LogIndex, from) & Builders<EventDocument>.Filter.Lt(e => e.LogIndex, to);

    public static ProjectionDefinition<EventDocument> EventHashOnly => Builders<EventDocument>.Projection.Include(e => e.Hash);

    public static ProjectionDefinition<EventDocument> EventIdOnly => Builders<EventDocument>.Projection.Include(e => e.LogIndex);

    /// <summary>Stored nodes of one tile level with index in [from, to).</summary>
    public static FilterDefinition<TreeNodeDocument> TreeRange(int tileLevel, long from, long to) =>
        Builders<TreeNodeDocument>.Filter.Gte(n => n.Id, TreeNodeDocument.Key(tileLevel, from))
        & Builders<TreeNodeDocument>.Filter.Lt(n => n.Id, TreeNodeDocument.Key(tileLevel, to));

    public static FilterDefinition<TreeNodeDocument> TreeNode(int tileLevel, long index) =>
        Builders<TreeNodeDocument>.Filter.Eq(n => n.Id, TreeNodeDocument.Key(tileLevel, index));

    public static SortDefinition<CheckpointDocument> NewestCheckpointFirst => Builders<CheckpointDocument>.Sort.Descending(c => c.TreeSize);

    public static FilterDefinition<CheckpointDocument> CheckpointOfSize(long size) => Builders<CheckpointDocument>.Filter.Eq(c => c.TreeSize, size);

    public static UpdateDefinition<CheckpointDocument> SetCheckpointNote(string note) => Builders<CheckpointDocument>.Update.Set(c => c.Note, note);

    // --- witnesses -----------------------------------------------------------------------

    public static FilterDefinition<WitnessedLogDocument> WitnessedLog(string origin) => Builders<WitnessedLogDocument>.Filter.Eq(d => d.Origin, origin);

    /// <summary>The record of <paramref name="origin"/> only if it still holds the size and root a request was judged on.</summary>
    public static FilterDefinition<WitnessedLogDocument> WitnessedLogAt(string origin, long size, byte[] root) =>
        Builders<WitnessedLogDocument>.Filter.Eq(d => d.Origin, origin)
        & Builders<WitnessedLogDocument>.Filter.Eq(d => d.TreeSize, size)
        & Builders<WitnessedLogDocument>.Filter.Eq(d => d.RootHash, root);

    public static UpdateDefinition<WitnessedLogDocument> SetWitnessedCheckpoint(long size, byte[] root, string note, DateTime at) =>
        Builders<WitnessedLogDocument>.Update.Set(d => d.TreeSize, size).Set(d => d.RootHash, root).Set(d => d.Note, note).Set(d => d.UpdatedAt, at);

    public static SortDefinition<WitnessedLogDocument> WitnessedLogOrder => Builders<WitnessedLogDocument>.Sort.Ascending(d => d.Origin);

    public static FilterDefinition<WitnessAnswerDocument> WitnessAnswerOf(string url) => Builders<WitnessAnswerDocument>.Filter.Eq(d => d.Url, url);

    public static SortDefinition<WitnessAnswerDocument> WitnessAnswerOrder => Builders<WitnessAnswerDocument>.Sort.Ascending(d => d.Url);

    public static SortDefinition<TreeNodeDocument> TreeOrder => Builders<TreeNodeDocument>.Sort.Ascending(n => n.Id);
}
