using DrugTrace.Domain.Packs;
using DrugTrace.Domain.Products;

namespace DrugTrace.Application.Common.Interfaces;

/// <summary>Products and lots: what may be commissioned and what a scan is compared against.</summary>
public interface ICatalogStore
{
    ValueTask<Product?> FindProductAsync(string gtin, CancellationToken cancellationToken);

    /// <summary>Adds a product; throws <see cref="Exceptions.ConflictException"/> if the GTIN is taken.</summary>
    ValueTask AddProductAsync(Product product, CancellationToken cancellationToken);

    ValueTask<IReadOnlyList<Product>> ListProductsAsync(string? manufacturer, CancellationToken cancellationToken);

    ValueTask<LotState?> FindLotAsync(string gtin, string lot, CancellationToken cancellationToken);

    ValueTask<IReadOnlyList<LotState>> ListLotsAsync(string gtin, CancellationToken cancellationToken);
}
