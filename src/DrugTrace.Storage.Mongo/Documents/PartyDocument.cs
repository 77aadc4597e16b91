namespace DrugTrace.Storage.Mongo.Documents;

/// <summary>A party in the <c>parties</c> collection; <c>_id</c> is its GLN.</summary>
internal sealed class PartyDocument
{
    public string Gln { get; set; } = "";
    public string Name { get; set; } = "";
    /// <summary>The <see cref="Domain.Parties.PartyRole"/> name.</summary>
    public string Role { get; set; } = "";
    /// <summary>The single key of a party stored before keys could be rotated; it counts as key "k1".</summary>
    public string? ApiKeyHash { get; set; }
    public List<PartyKeyDocument> Keys { get; set; } = [];
    public List<string> CompanyPrefixes { get; set; } = [];
}
