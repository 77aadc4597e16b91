namespace DrugTrace.Storage.Mongo.Documents;

/// <summary>As a witness: the latest checkpoint cosigned for one log, in <c>witnessedLogs</c>; <c>_id</c> is the origin.</summary>
internal sealed class WitnessedLogDocument
{
    public string Origin { get; set; } = "";
    public long TreeSize { get; set; }
    public byte[] RootHash { get; set; } = [];
    public string Note { get; set; } = "";
    public DateTime UpdatedAt { get; set; }
}
