using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Storage.Mongo.Documents;
using MongoDB.Bson;
using MongoDB.Driver;

namespace DrugTrace.Storage.Mongo;

internal static partial class MongoQueries
{
    // --- parties -------------------------------------------------------------------------

    public static FilterDefinition<PartyDocument> PartyByGln(string gln) => PartyFilter.Eq(p => p.Gln, gln);

    /// <summary>The party with this unrevoked key, or with it as its pre-rotation <c>apiKeyHash</c>.</summary>
    public static FilterDefinition<PartyDocument> PartyByApiKeyHash(string hash) =>
        PartyFilter.Eq(p => p.ApiKeyHash, hash)
        | PartyFilter.ElemMatch(p => p.Keys, Builders<PartyKeyDocument>.Filter.Eq(k => k.Hash, hash) & Builders<PartyKeyDocument>.Filter.Eq(k => k.RevokedAt, null));

    /// <summary>The party that holds an unrevoked key <paramref name="keyId"/> in its key list.</summary>
    public static FilterDefinition<PartyDocument> PartyWithActiveKey(string gln, string keyId) =>
        PartyFilter.Eq(p => p.Gln, gln)
        & PartyFilter.ElemMatch(p => p.Keys, Builders<PartyKeyDocument>.Filter.Eq(k => k.Id, keyId) & Builders<PartyKeyDocument>.Filter.Eq(k => k.RevokedAt, null));

    /// <summary>Marks the key matched by <see cref="PartyWithActiveKey"/> revoked (the positional $ is that key).</summary>
    public static UpdateDefinition<PartyDocument> RevokeMatchedKey(DateTime at) =>
        Builders<PartyDocument>.Update.Set("keys.$.revokedAt", at);

    /// <summary>A pre-rotation key is revoked by removing it.</summary>
    public static FilterDefinition<PartyDocument> PartyWithLegacyKey(string gln) =>
        PartyFilter.Eq(p => p.Gln, gln) & PartyFilter.Type(p => p.ApiKeyHash, BsonType.String);

    public static UpdateDefinition<PartyDocument> RemoveLegacyKey => Builders<PartyDocument>.Update.Unset(p => p.ApiKeyHash);

    /// <summary>
    /// The party when it has no key <paramref name="keyId"/> yet, in its key list or (for the first key's id) as its
    /// pre-rotation <c>apiKeyHash</c>: a unique index cannot refuse a second entry inside one document's array.
    /// </summary>
    public static FilterDefinition<PartyDocument> PartyWithoutKey(string gln, string keyId)
    {
        var filter = PartyFilter.Eq(p => p.Gln, gln)
            & PartyFilter.Not(PartyFilter.ElemMatch(p => p.Keys, Builders<PartyKeyDocument>.Filter.Eq(k => k.Id, keyId)));
        return keyId == IPartyStore.FirstKeyId ? filter & PartyFilter.Not(PartyFilter.Type(p => p.ApiKeyHash, BsonType.String)) : filter;
    }

    public static UpdateDefinition<PartyDocument> AddKey(PartyKeyDocument key) => Builders<PartyDocument>.Update.Push(p => p.Keys, key);

    public static SortDefinition<PartyDocument> PartyOrder => Builders<PartyDocument>.Sort.Ascending(p => p.Role).Ascending(p => p.Name);

    // --- users ---------------------------------------------------------------------------

    /// <summary>The <c>_id</c> of an account: its name trimmed and in lower case, so that names are unique whatever their case.</summary>
    public static string UserKey(string userName) => userName.Trim().ToLowerInvariant();

    public static FilterDefinition<UserDocument> UserByName(string userName) => Builders<UserDocument>.Filter.Eq(u => u.Key, UserKey(userName));

    public static UpdateDefinition<UserDocument> SetPasswordHash(string hash) => Builders<UserDocument>.Update.Set(u => u.PasswordHash, hash);
}
