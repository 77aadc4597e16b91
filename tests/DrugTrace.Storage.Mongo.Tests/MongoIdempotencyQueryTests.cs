using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Storage.Mongo.Documents;
using MongoDB.Bson;
using MongoDB.Bson.Serialization;

namespace DrugTrace.Storage.Mongo.Tests;

/// <summary>The idempotency collection without a server: the stored document, the text of every filter and update, the TTL index.</summary>
public sealed class MongoIdempotencyQueryTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 1, 0, 0, 123, TimeSpan.Zero);

    private static readonly IdempotencyClaim Claim =
        new("4012347000014", "k-1", "abc", Now, Now - TimeSpan.FromHours(24), Now - TimeSpan.FromMinutes(5));

    static MongoIdempotencyQueryTests() => MongoClassMaps.Register();

    [Fact]
    public void A_claim_is_stored_under_party_and_key_and_expires_after_the_retention()
    {
        var bson = MongoIdempotencyQueries.NewClaim(Claim).ToBsonDocument();

        Assert.Equal(
            """{ "_id" : "4012347000014 k-1", "actor" : "4012347000014", "key" : "k-1", "requestHash" : "abc", "answer" : null, "createdAt" : { "$date" : "2026-12-02T01:00:00.123Z" }, "expiresAt" : { "$date" : "2026-12-03T01:00:00.123Z" } }""",
            Rendered.Text(bson));
        bson["answer"] = "{\"verdict\":\"ok\"}";
        bson["completedAt"] = new BsonDateTime(Now.AddSeconds(1).UtcDateTime);
        var entry = MongoIdempotencyStore.Map(BsonSerializer.Deserialize<IdempotencyDocument>(bson));
        Assert.Equal(new IdempotencyEntry("abc", "{\"verdict\":\"ok\"}", Now), entry);
    }

    [Fact]
    public void Filters_and_updates()
    {
        Assert.Equal("""{ "_id" : "4012347000014 k-1", "$or" : [{ "createdAt" : { "$lt" : { "$date" : "2026-12-01T01:00:00.123Z" } } }, """
            + """{ "answer" : null, "createdAt" : { "$lt" : { "$date" : "2026-12-02T00:55:00.123Z" } } }] }""",
            Rendered.Of(MongoIdempotencyQueries.Stale(Claim)));
        Assert.Equal("""{ "_id" : "4012347000014 k-1", "requestHash" : "abc", "createdAt" : { "$date" : "2026-12-02T01:00:00.123Z" }, "answer" : null }""",
            Rendered.Of(MongoIdempotencyQueries.OwnPendingClaim(Claim)));
        Assert.Equal("""{ "$set" : { "answer" : "{}", "completedAt" : { "$date" : "2026-12-02T01:00:01.123Z" } } }""",
            Rendered.Of(MongoIdempotencyQueries.Answer("{}", Now.AddSeconds(1).UtcDateTime)));
    }

    [Fact]
    public void The_server_removes_expired_entries_by_a_TTL_index()
    {
        var index = Assert.Single(MongoIdempotencyQueries.Indexes);
        Assert.Equal("""{ "key" : { "expiresAt" : 1 }, "name" : "expiresAt_ttl" }""", Rendered.Of(index));
        Assert.Equal(TimeSpan.Zero, index.Options.ExpireAfter);
    }
}
