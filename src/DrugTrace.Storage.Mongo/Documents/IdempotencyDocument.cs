namespace DrugTrace.Storage.Mongo.Documents;

/// <summary>
/// An Idempotency-Key claim in the <c>idempotency</c> collection. <c>_id</c> is "{actor} {key}"
/// (a GLN has no space, a key none either), so the unique _id makes a claim atomic.
/// <see cref="Answer"/> is null while the first request runs; <see cref="ExpiresAt"/> feeds a TTL index.
/// </summary>
internal sealed class IdempotencyDocument
{
    public string Id { get; set; } = "";
    public string Actor { get; set; } = "";
    public string Key { get; set; } = "";
    public string RequestHash { get; set; } = "";
    public string? Answer { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? CompletedAt { get; set; }
}
