namespace DrugTrace.Storage.Mongo.Documents;

/// <summary>
/// A stored node of the log's Merkle tree in the <c>tree</c> collection: the root of a full tile,
/// one tile level up (tree levels 8, 16, 24...). <c>_id</c> is <see cref="Key"/>(level, index), so
/// one tile's nodes are one range of ids.
/// </summary>
internal sealed class TreeNodeDocument
{
    public long Id { get; set; }
    public byte[] Hash { get; set; } = [];

    /// <summary>Tile level in the top byte, index below: ordered by level, then index.</summary>
    public static long Key(int tileLevel, long index) => ((long)tileLevel << 56) | index;
}
