using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Storage.Mongo.Documents;
using MongoDB.Driver;

namespace DrugTrace.Storage.Mongo;

/// <summary>The filters, updates and indexes of <see cref="MongoIdempotencyStore"/> (their rendered text is tested).</summary>
internal static class MongoIdempotencyQueries
{
    private static FilterDefinitionBuilder<IdempotencyDocument> Filter => Builders<IdempotencyDocument>.Filter;

    public static string Id(string actor, string key) => actor + " " + key;

    public static FilterDefinition<IdempotencyDocument> ById(string actor, string key) => Filter.Eq(d => d.Id, Id(actor, key));

    /// <summary>This key's entry if it no longer holds the key: expired, or an unanswered claim abandoned by a request that never finished.</summary>
    public static FilterDefinition<IdempotencyDocument> Stale(IdempotencyClaim claim) =>
        ById(claim.Actor, claim.Key) & Filter.Or(
            Filter.Lt(d => d.CreatedAt, claim.ExpiredBefore.UtcDateTime),
            Filter.Eq(d => d.Answer, null) & Filter.Lt(d => d.CreatedAt, claim.AbandonedBefore.UtcDateTime));

    /// <summary>The claim itself while it is unanswered: a later taker of the key (after abandonment) is never touched.</summary>
    public static FilterDefinition<IdempotencyDocument> OwnPendingClaim(IdempotencyClaim claim) =>
        ById(claim.Actor, claim.Key) & Filter.Eq(d => d.RequestHash, claim.RequestHash)
        & Filter.Eq(d => d.CreatedAt, claim.At.UtcDateTime) & Filter.Eq(d => d.Answer, null);

    public static UpdateDefinition<IdempotencyDocument> Answer(string answer, DateTime at) =>
        Builders<IdempotencyDocument>.Update.Set(d => d.Answer, answer).Set(d => d.CompletedAt, at);

    public static IdempotencyDocument NewClaim(IdempotencyClaim claim) => new()
    {
        Id = Id(claim.Actor, claim.Key),
        Actor = claim.Actor,
        Key = claim.Key,
        RequestHash = claim.RequestHash,
        CreatedAt = claim.At.UtcDateTime,
        // Kept as long as the retention the claim was made under: At - ExpiredBefore.
        ExpiresAt = (claim.At + (claim.At - claim.ExpiredBefore)).UtcDateTime,
    };

    /// <summary>The server removes expired entries itself (the claim also ignores them until it does).</summary>
    public static IEnumerable<CreateIndexModel<IdempotencyDocument>> Indexes =>
    [
        new(Builders<IdempotencyDocument>.IndexKeys.Ascending(d => d.ExpiresAt),
            new CreateIndexOptions { Name = "expiresAt_ttl", ExpireAfter = TimeSpan.Zero }),
    ];
}
