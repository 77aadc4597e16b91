using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Domain.Packs;
using DrugTrace.Domain.Products;

namespace DrugTrace.Application.Tests.TestDoubles;

/// <summary>Products and lots in dictionaries; lots are written by <see cref="InMemoryLedgerStore"/>, as in the real stores.</summary>
public sealed class InMemoryCatalogStore : ICatalogStore
{
    private readonly Dictionary<string, Product> _products = new(StringComparer.Ordinal);

    internal Dictionary<(string Gtin, string Lot), LotState> Lots { get; } = [];

    public int LotReads { get; private set; }

    public ValueTask<Product?> FindProductAsync(string gtin, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_products.GetValueOrDefault(gtin));

    public ValueTask AddProductAsync(Product product, CancellationToken cancellationToken)
    {
        if (!_products.TryAdd(product.Gtin, product))
            throw new ConflictException($"GTIN {product.Gtin} is already registered.");
        return ValueTask.CompletedTask;
    }

    public ValueTask<IReadOnlyList<Product>> ListProductsAsync(string? manufacturer, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<Product>>(
            [.. _products.Values.Where(p => manufacturer is null || p.Manufacturer == manufacturer).OrderBy(p => p.Gtin, StringComparer.Ordinal)]);

    public ValueTask<LotState?> FindLotAsync(string gtin, string lot, CancellationToken cancellationToken)
    {
        LotReads++;
        return ValueTask.FromResult(Lots.GetValueOrDefault((gtin, lot)));
    }

    public ValueTask<IReadOnlyList<LotState>> ListLotsAsync(string gtin, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<LotState>>([.. Lots.Values.Where(l => l.Gtin == gtin).OrderBy(l => l.Lot, StringComparer.Ordinal)]);
}
