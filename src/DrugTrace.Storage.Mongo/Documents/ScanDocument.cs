namespace DrugTrace.Storage.Mongo.Documents;

/// <summary>One recorded scan in the <c>scans</c> collection; <c>_id</c> is a version 7 GUID (time ordered), stored in the standard representation.</summary>
internal sealed class ScanDocument
{
    public Guid Id { get; set; }
    public DateTime At { get; set; }
    public string Actor { get; set; } = "";
    public string Action { get; set; } = "";
    public string Code { get; set; } = "";
    public string? Gtin { get; set; }
    public string? Serial { get; set; }
    public string Verdict { get; set; } = "";
    public string? Alerts { get; set; }
}
