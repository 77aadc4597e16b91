namespace DrugTrace.Storage.Mongo.Documents;

/// <summary>An event of a capture job that was not applied (event -1: the job as a whole).</summary>
internal sealed class CaptureErrorDocument
{
    public int Event { get; set; }
    public string? EventId { get; set; }
    public string Reason { get; set; } = "";
}
