using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Storage.Mongo.Documents;
using MongoDB.Bson;
using MongoDB.Driver;

namespace DrugTrace.Storage.Mongo;

/// <summary>Sign-in accounts on MongoDB: the same contract as SQLite's (case-insensitive names, a registered party).</summary>
internal sealed class MongoUserStore(MongoContext db) : IUserStore
{
    public async ValueTask<UserAccount?> FindAsync(string userName, CancellationToken cancellationToken)
    {
        await db.EnsureReadyAsync(cancellationToken);
        var d = await db.UserCollection.Find(MongoQueries.UserByName(userName)).FirstOrDefaultAsync(cancellationToken);
        return d is null ? null : Map(d);
    }

    private static UserAccount Map(UserDocument d) => new(d.UserName, d.DisplayName, d.PartyGln, d.PasswordHash, d.FailedSignIns,
        d.LockedUntil is { } until ? new DateTimeOffset(until, TimeSpan.Zero) : null);

    public async ValueTask<UserAccount?> RecordFailedSignInAsync(string userName, int maxFailures, DateTimeOffset lockUntil, CancellationToken cancellationToken)
    {
        await db.EnsureReadyAsync(cancellationToken);
        // One pipeline update: both fields are computed from the document as it was, so concurrent failures all count.
        var next = new BsonDocument("$add", new BsonArray { new BsonDocument("$ifNull", new BsonArray { "$failedSignIns", 0 }), 1 });
        var locks = new BsonDocument("$gte", new BsonArray { next, maxFailures });
        var pipeline = new BsonDocument[]
        {
            new("$set", new BsonDocument
            {
                ["lockedUntil"] = new BsonDocument("$cond", new BsonArray { locks, lockUntil.UtcDateTime, "$lockedUntil" }),
                ["failedSignIns"] = new BsonDocument("$cond", new BsonArray { locks, 0, next }),
            }),
        };
        var d = await db.UserCollection.FindOneAndUpdateAsync(MongoQueries.UserByName(userName),
            Builders<UserDocument>.Update.Pipeline(pipeline),
            new FindOneAndUpdateOptions<UserDocument> { ReturnDocument = ReturnDocument.After }, cancellationToken);
        return d is null ? null : Map(d);
    }

    public async ValueTask ResetFailedSignInsAsync(string userName, CancellationToken cancellationToken)
    {
        await db.EnsureReadyAsync(cancellationToken);
        await db.UserCollection.UpdateOneAsync(MongoQueries.UserByName(userName),
            Builders<UserDocument>.Update.Set(u => u.FailedSignIns, 0).Unset(u => u.LockedUntil), cancellationToken: cancellationToken);
    }

    public async ValueTask AddAsync(UserAccount user, CancellationToken cancellationToken)
    {
        await db.EnsureReadyAsync(cancellationToken);
        // SQLite's foreign key, checked here: parties are never deleted, so the check cannot go stale.
        if (await db.PartyCollection.Find(MongoQueries.PartyByGln(user.PartyGln)).AnyAsync(cancellationToken) is false)
            throw Conflict(user);
        try
        {
            await db.UserCollection.InsertOneAsync(new UserDocument
            {
                Key = MongoQueries.UserKey(user.UserName),
                UserName = user.UserName.Trim(),
                DisplayName = user.DisplayName,
                PartyGln = user.PartyGln,
                PasswordHash = user.PasswordHash,
            }, cancellationToken: cancellationToken);
        }
        catch (MongoException ex) when (DuplicateKey.Is(ex))
        {
            throw Conflict(user);
        }
    }

    public async ValueTask UpdatePasswordHashAsync(string userName, string passwordHash, CancellationToken cancellationToken)
    {
        await db.EnsureReadyAsync(cancellationToken);
        await db.UserCollection.UpdateOneAsync(MongoQueries.UserByName(userName), MongoQueries.SetPasswordHash(passwordHash), cancellationToken: cancellationToken);
    }

    public async ValueTask<int> CountAsync(CancellationToken cancellationToken)
    {
        await db.EnsureReadyAsync(cancellationToken);
        return (int)await db.UserCollection.CountDocumentsAsync(FilterDefinition<UserDocument>.Empty, cancellationToken: cancellationToken);
    }

    private static ConflictException Conflict(UserAccount user) =>
        new($"The user name {user.UserName} is taken, or party {user.PartyGln} is not registered.");
}
