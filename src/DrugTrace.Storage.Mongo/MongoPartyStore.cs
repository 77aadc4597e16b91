using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Domain.Parties;
using MongoDB.Driver;

namespace DrugTrace.Storage.Mongo;

internal sealed class MongoPartyStore(MongoContext db) : IPartyStore
{
    public async ValueTask<Party?> FindAsync(string gln, CancellationToken cancellationToken)
    {
        await db.EnsureReadyAsync(cancellationToken);
        var d = await db.PartyCollection.Find(MongoQueries.PartyByGln(gln)).FirstOrDefaultAsync(cancellationToken);
        return d is null ? null : MongoMapping.ToParty(d);
    }

    public async ValueTask<Party?> FindByApiKeyHashAsync(string apiKeyHash, CancellationToken cancellationToken)
    {
        await db.EnsureReadyAsync(cancellationToken);
        var d = await db.PartyCollection.Find(MongoQueries.PartyByApiKeyHash(apiKeyHash)).FirstOrDefaultAsync(cancellationToken);
        return d is null ? null : MongoMapping.ToParty(d);
    }

    public async ValueTask<IReadOnlyList<Party>> ListAsync(CancellationToken cancellationToken)
    {
        await db.EnsureReadyAsync(cancellationToken);
        var docs = await db.PartyCollection.Find(FilterDefinition<Documents.PartyDocument>.Empty).Sort(MongoQueries.PartyOrder).ToListAsync(cancellationToken);
        return [.. docs.Select(MongoMapping.ToParty)];
    }

    public async ValueTask AddAsync(Party party, string? apiKeyHash, CancellationToken cancellationToken)
    {
        await db.EnsureReadyAsync(cancellationToken);
        try
        {
            await db.PartyCollection.InsertOneAsync(MongoMapping.ToDocument(party, apiKeyHash), cancellationToken: cancellationToken);
        }
        catch (MongoException ex) when (DuplicateKey.Is(ex))
        {
            throw new ConflictException($"A party with GLN {party.Gln} (or the same API key) is already registered.");
        }
    }
}
