using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Domain.Parties;
using DrugTrace.Storage.Mongo.Documents;
using MongoDB.Driver;

namespace DrugTrace.Storage.Mongo;

internal sealed class MongoPartyStore(MongoContext db, TimeProvider clock) : IPartyStore
{
    public async ValueTask<Party?> FindAsync(string gln, CancellationToken cancellationToken) =>
        await FindDocumentAsync(gln, cancellationToken) is { } d ? MongoMapping.ToParty(d) : null;

    public async ValueTask<Party?> FindByApiKeyHashAsync(string apiKeyHash, CancellationToken cancellationToken)
    {
        await db.EnsureReadyAsync(cancellationToken);
        var d = await db.PartyCollection.Find(MongoQueries.PartyByApiKeyHash(apiKeyHash)).FirstOrDefaultAsync(cancellationToken);
        return d is null ? null : MongoMapping.ToParty(d);
    }

    public async ValueTask<IReadOnlyList<Party>> ListAsync(CancellationToken cancellationToken)
    {
        await db.EnsureReadyAsync(cancellationToken);
        var docs = await db.PartyCollection.Find(FilterDefinition<PartyDocument>.Empty).Sort(MongoQueries.PartyOrder).ToListAsync(cancellationToken);
        return [.. docs.Select(MongoMapping.ToParty)];
    }

    public async ValueTask AddAsync(Party party, string? apiKeyHash, IReadOnlyList<string> companyPrefixes, CancellationToken cancellationToken)
    {
        await db.EnsureReadyAsync(cancellationToken);
        try
        {
            await db.PartyCollection.InsertOneAsync(MongoMapping.ToDocument(party, apiKeyHash, companyPrefixes, clock.GetUtcNow().UtcDateTime),
                cancellationToken: cancellationToken);
        }
        catch (MongoException ex) when (DuplicateKey.Is(ex))
        {
            throw new ConflictException($"A party with GLN {party.Gln} (or the same API key) is already registered.");
        }
    }

    public async ValueTask<IReadOnlyList<string>> CompanyPrefixesAsync(string gln, CancellationToken cancellationToken) =>
        await FindDocumentAsync(gln, cancellationToken) is { } d ? d.CompanyPrefixes : [];

    public async ValueTask AddKeyAsync(string gln, string keyId, string apiKeyHash, DateTimeOffset createdAt, CancellationToken cancellationToken)
    {
        await db.EnsureReadyAsync(cancellationToken);
        var key = new PartyKeyDocument { Id = keyId, Hash = apiKeyHash, CreatedAt = createdAt.UtcDateTime };
        try
        {
            var result = await db.PartyCollection.UpdateOneAsync(MongoQueries.PartyWithoutKey(gln, keyId), MongoQueries.AddKey(key), cancellationToken: cancellationToken);
            if (result.MatchedCount == 1) return;
        }
        catch (MongoException ex) when (DuplicateKey.Is(ex))
        {
            throw new ConflictException($"Party {gln} already has this key.");
        }
        throw new ConflictException(await FindDocumentAsync(gln, cancellationToken) is null
            ? $"Party {gln} is not registered."
            : $"Party {gln} already has a key with id {keyId}.");
    }

    public async ValueTask<bool> RevokeKeyAsync(string gln, string keyId, DateTimeOffset revokedAt, CancellationToken cancellationToken)
    {
        await db.EnsureReadyAsync(cancellationToken);
        var revoked = await db.PartyCollection.UpdateOneAsync(MongoQueries.PartyWithActiveKey(gln, keyId),
            MongoQueries.RevokeMatchedKey(revokedAt.UtcDateTime), cancellationToken: cancellationToken);
        if (revoked.ModifiedCount == 1) return true;
        if (keyId != IPartyStore.FirstKeyId) return false;
        var legacy = await db.PartyCollection.UpdateOneAsync(MongoQueries.PartyWithLegacyKey(gln), MongoQueries.RemoveLegacyKey, cancellationToken: cancellationToken);
        return legacy.ModifiedCount == 1;
    }

    public async ValueTask<IReadOnlyList<PartyKey>> ListKeysAsync(string gln, CancellationToken cancellationToken) =>
        await FindDocumentAsync(gln, cancellationToken) is { } d ? MongoMapping.ToKeys(d) : [];

    private async Task<PartyDocument?> FindDocumentAsync(string gln, CancellationToken cancellationToken)
    {
        await db.EnsureReadyAsync(cancellationToken);
        return await db.PartyCollection.Find(MongoQueries.PartyByGln(gln)).FirstOrDefaultAsync(cancellationToken);
    }
}
