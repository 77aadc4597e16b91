namespace DrugTrace.Storage.Mongo.Documents;

/// <summary>As a log: a witness's last answer, in <c>witnessAnswers</c>; <c>_id</c> is the witness's submission URL.</summary>
internal sealed class WitnessAnswerDocument
{
    public string Url { get; set; } = "";
    public string Name { get; set; } = "";
    public long TreeSize { get; set; }
    public int Status { get; set; }
    public string Detail { get; set; } = "";
    public DateTime At { get; set; }
}
