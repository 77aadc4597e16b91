namespace DrugTrace.Storage.Mongo.Documents;

/// <summary>One ASP.NET Core Data Protection key (its XML) in the <c>dataprotection_keys</c> collection; <c>_id</c> is its name.</summary>
internal sealed class DataProtectionKeyDocument
{
    public string Id { get; set; } = "";
    public string Xml { get; set; } = "";
}
