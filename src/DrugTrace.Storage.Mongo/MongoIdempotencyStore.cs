using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Storage.Mongo.Documents;
using MongoDB.Driver;

namespace DrugTrace.Storage.Mongo;

/// <summary>
/// Idempotency-Key claims on MongoDB. The claim is an insert on a unique _id: of two requests
/// with one key on any instances, exactly one inserts, the other reads who holds the key.
/// </summary>
internal sealed class MongoIdempotencyStore(MongoContext db, TimeProvider clock) : IIdempotencyStore
{
    // A stale entry deleted by another claimer between our insert and our read: try again, a few times.
    private const int MaxAttempts = 3;

    public async ValueTask<IdempotencyEntry?> ClaimAsync(IdempotencyClaim claim, CancellationToken cancellationToken)
    {
        await db.EnsureReadyAsync(cancellationToken);
        var collection = db.IdempotencyCollection;
        for (var attempt = 1; ; attempt++)
        {
            await collection.DeleteOneAsync(MongoIdempotencyQueries.Stale(claim), cancellationToken);
            try
            {
                await collection.InsertOneAsync(MongoIdempotencyQueries.NewClaim(claim), cancellationToken: cancellationToken);
                return null;
            }
            catch (MongoException ex) when (DuplicateKey.Is(ex))
            {
                var held = await collection.Find(MongoIdempotencyQueries.ById(claim.Actor, claim.Key)).FirstOrDefaultAsync(cancellationToken);
                if (held is not null) return Map(held);
                if (attempt == MaxAttempts) throw;
            }
        }
    }

    public async ValueTask CompleteAsync(IdempotencyClaim claim, string answer, CancellationToken cancellationToken)
    {
        await db.EnsureReadyAsync(cancellationToken);
        await db.IdempotencyCollection.UpdateOneAsync(MongoIdempotencyQueries.OwnPendingClaim(claim),
            MongoIdempotencyQueries.Answer(answer, clock.GetUtcNow().UtcDateTime), cancellationToken: cancellationToken);
    }

    public async ValueTask ReleaseAsync(IdempotencyClaim claim, CancellationToken cancellationToken)
    {
        await db.EnsureReadyAsync(cancellationToken);
        await db.IdempotencyCollection.DeleteOneAsync(MongoIdempotencyQueries.OwnPendingClaim(claim), cancellationToken);
    }

    internal static IdempotencyEntry Map(IdempotencyDocument d) =>
        new(d.RequestHash, d.Answer, new DateTimeOffset(d.CreatedAt, TimeSpan.Zero));
}
