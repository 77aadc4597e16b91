namespace DrugTrace.Storage.Mongo.Documents;

/// <summary>A party in the <c>parties</c> collection; <c>_id</c> is its GLN.</summary>
internal sealed class PartyDocument
{
    public string Gln { get; set; } = "";
    public string Name { get; set; } = "";
    /// <summary>The <see cref="Domain.Parties.PartyRole"/> name.</summary>
    public string Role { get; set; } = "";
    public string? ApiKeyHash { get; set; }
}
