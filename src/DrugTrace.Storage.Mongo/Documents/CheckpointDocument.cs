namespace DrugTrace.Storage.Mongo.Documents;

/// <summary>
/// A signed checkpoint of the global log (RFC 9162 style tree head) in the <c>checkpoints</c>
/// collection; <c>_id</c> is the tree size. No use case writes one yet: the collection and its
/// mapping exist so that the Merkle work has its place.
/// </summary>
internal sealed class CheckpointDocument
{
    public long TreeSize { get; set; }
    public byte[] RootHash { get; set; } = [];
    public DateTime CreatedAt { get; set; }
    public byte[]? Signature { get; set; }
}
