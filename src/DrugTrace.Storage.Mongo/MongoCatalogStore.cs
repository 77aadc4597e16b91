using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Domain.Packs;
using DrugTrace.Domain.Products;
using MongoDB.Driver;

namespace DrugTrace.Storage.Mongo;

internal sealed class MongoCatalogStore(MongoContext db) : ICatalogStore
{
    public async ValueTask<Product?> FindProductAsync(string gtin, CancellationToken cancellationToken)
    {
        await db.EnsureReadyAsync(cancellationToken);
        var d = await db.ProductCollection.Find(MongoQueries.ProductByGtin(gtin)).FirstOrDefaultAsync(cancellationToken);
        return d is null ? null : MongoMapping.ToProduct(d);
    }

    public async ValueTask AddProductAsync(Product product, CancellationToken cancellationToken)
    {
        await db.EnsureReadyAsync(cancellationToken);
        try
        {
            await db.ProductCollection.InsertOneAsync(MongoMapping.ToDocument(product), cancellationToken: cancellationToken);
        }
        catch (MongoException ex) when (DuplicateKey.Is(ex))
        {
            throw new ConflictException($"GTIN {product.Gtin} is already registered.");
        }
    }

    public async ValueTask<IReadOnlyList<Product>> ListProductsAsync(string? manufacturer, CancellationToken cancellationToken)
    {
        await db.EnsureReadyAsync(cancellationToken);
        var docs = await db.ProductCollection.Find(MongoQueries.ProductsOf(manufacturer)).Sort(MongoQueries.ProductOrder).ToListAsync(cancellationToken);
        return [.. docs.Select(MongoMapping.ToProduct)];
    }

    public async ValueTask<LotState?> FindLotAsync(string gtin, string lot, CancellationToken cancellationToken)
    {
        await db.EnsureReadyAsync(cancellationToken);
        var d = await db.LotCollection.Find(MongoQueries.VisibleLot(gtin, lot)).FirstOrDefaultAsync(cancellationToken);
        return d is null ? null : MongoMapping.ToLot(d);
    }

    public async ValueTask<IReadOnlyList<LotState>> ListLotsAsync(string gtin, CancellationToken cancellationToken)
    {
        await db.EnsureReadyAsync(cancellationToken);
        var docs = await db.LotCollection.Find(MongoQueries.LotsOf(gtin)).Sort(MongoQueries.LotOrder).ToListAsync(cancellationToken);
        return [.. docs.Select(MongoMapping.ToLot)];
    }
}
