namespace DrugTrace.Storage.Mongo.Documents;

/// <summary>One EPCIS capture job in the <c>capture_jobs</c> collection; <c>_id</c> is the capture ID.</summary>
internal sealed class CaptureJobDocument
{
    public string Id { get; set; } = "";
    public string Owner { get; set; } = "";
    public string Behaviour { get; set; } = "";
    public int Events { get; set; }
    public int Applied { get; set; }
    public bool Running { get; set; }
    public bool Success { get; set; }
    public List<CaptureErrorDocument> Errors { get; set; } = [];
    public DateTime CreatedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
}
