using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Storage.Mongo.Documents;
using MongoDB.Driver;

namespace DrugTrace.Storage.Mongo;

/// <summary>The public recall text as a field of the lot document, outside its state and chain.</summary>
internal sealed class MongoRecallNotices(MongoContext db) : IRecallNotices
{
    public async ValueTask SetAsync(string gtin, string lot, string? publicText, CancellationToken cancellationToken)
    {
        await db.EnsureReadyAsync(cancellationToken);
        await db.LotCollection.UpdateOneAsync(MongoQueries.Lot(gtin, lot), MongoQueries.SetPublicRecallText(publicText), cancellationToken: cancellationToken);
    }

    public async ValueTask<string?> FindAsync(string gtin, string lot, CancellationToken cancellationToken)
    {
        await db.EnsureReadyAsync(cancellationToken);
        var d = await db.LotCollection.Find(MongoQueries.Lot(gtin, lot)).Project<LotDocument>(MongoQueries.PublicRecallTextOnly)
            .FirstOrDefaultAsync(cancellationToken);
        return d?.PublicRecallText;
    }
}
