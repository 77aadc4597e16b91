namespace DrugTrace.Storage.Mongo.Documents;

/// <summary>One lifecycle step, embedded in <see cref="AlertDocument.History"/>.</summary>
internal sealed class AlertChangeDocument
{
    public DateTime At { get; set; }
    public string By { get; set; } = "";
    public string Status { get; set; } = "";
    public string? Resolution { get; set; }
    public string? Note { get; set; }
}
