namespace DrugTrace.Storage.Mongo.Documents;

/// <summary>
/// A signed checkpoint of the global log in the <c>checkpoints</c> collection; <c>_id</c> is the
/// tree size. <see cref="Note"/> is the C2SP signed note, with the cosignatures witnesses added.
/// </summary>
internal sealed class CheckpointDocument
{
    public long TreeSize { get; set; }
    public byte[] RootHash { get; set; } = [];
    public DateTime CreatedAt { get; set; }
    public string Note { get; set; } = "";
}
