namespace DrugTrace.Storage.Mongo.Documents;

/// <summary>
/// A person who signs in to the browser UI, in the <c>users</c> collection. <c>_id</c> is the
/// user name in lower case (invariant), so that names are unique whatever their case, as in SQLite.
/// </summary>
internal sealed class UserDocument
{
    public string Key { get; set; } = "";
    public string UserName { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public string PartyGln { get; set; } = "";
    public string PasswordHash { get; set; } = "";
    public int FailedSignIns { get; set; }
    public DateTime? LockedUntil { get; set; }
}
