namespace DrugTrace.Storage.Mongo.Documents;

/// <summary>One of a party's API keys, embedded in its party document: the hash, never the key.</summary>
internal sealed class PartyKeyDocument
{
    public string Id { get; set; } = "";
    public string Hash { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
}
