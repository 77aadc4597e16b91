using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Packs;
using DrugTrace.Domain.Products;
using Microsoft.Data.Sqlite;

namespace DrugTrace.Storage.Sqlite;

/// <summary>
/// Products and lots found are kept in memory (every scan reads both): a product is never changed once
/// registered; a lot's head and recall change only through the ledger store, which invalidates
/// <see cref="SqliteDatabase.Lots"/> after each such commit.
/// </summary>
internal sealed class SqliteCatalogStore(SqliteDatabase db) : ICatalogStore
{
    private const string LotColumns = "gtin, lot, expiry, manufacturer, head_seq, head_hash, recalled_at, recall_reason";

    public ValueTask<Product?> FindProductAsync(string gtin, CancellationToken cancellationToken)
    {
        if (db.Products.TryGet(gtin, out var cached)) return ValueTask.FromResult<Product?>(cached);
        var generation = db.Products.Generation;
        using var connection = db.OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT gtin, name, form, strength, manufacturer FROM products WHERE gtin = $gtin";
        command.Add("$gtin", gtin);
        var product = command.ReadFirst(MapProduct);
        if (product is not null) db.Products.Offer(gtin, product, generation);
        return ValueTask.FromResult(product);
    }

    public async ValueTask AddProductAsync(Product product, CancellationToken cancellationToken)
    {
        try
        {
            await db.Writer.WriteAsync(w => w.Command(
                    "INSERT INTO products (gtin, name, form, strength, manufacturer) VALUES ($gtin, $name, $form, $strength, $m)")
                .Add("$gtin", product.Gtin).Add("$name", product.Name).Add("$form", product.Form)
                .Add("$strength", product.Strength).Add("$m", product.Manufacturer)
                .ExecuteNonQuery(), cancellationToken);
        }
        catch (SqliteException ex) when (Rows.IsConstraint(ex))
        {
            throw new ConflictException($"GTIN {product.Gtin} is already registered.");
        }
    }

    public ValueTask<IReadOnlyList<Product>> ListProductsAsync(string? manufacturer, CancellationToken cancellationToken)
    {
        using var connection = db.OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT gtin, name, form, strength, manufacturer FROM products "
            + (manufacturer is null ? "" : "WHERE manufacturer = $m ") + "ORDER BY name";
        if (manufacturer is not null) command.Add("$m", manufacturer);
        return ValueTask.FromResult<IReadOnlyList<Product>>(command.ReadAll(MapProduct));
    }

    public ValueTask<LotState?> FindLotAsync(string gtin, string lot, CancellationToken cancellationToken)
    {
        if (db.Lots.TryGet((gtin, lot), out var cached)) return ValueTask.FromResult<LotState?>(cached);
        var generation = db.Lots.Generation;
        using var connection = db.OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {LotColumns} FROM lots WHERE gtin = $gtin AND lot = $lot";
        command.Add("$gtin", gtin).Add("$lot", lot);
        var found = command.ReadFirst(MapLot);
        if (found is not null) db.Lots.Offer((gtin, lot), found, generation);
        return ValueTask.FromResult(found);
    }

    public ValueTask<IReadOnlyList<LotState>> ListLotsAsync(string gtin, CancellationToken cancellationToken)
    {
        using var connection = db.OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {LotColumns} FROM lots WHERE gtin = $gtin ORDER BY expiry, lot";
        command.Add("$gtin", gtin);
        return ValueTask.FromResult<IReadOnlyList<LotState>>(command.ReadAll(MapLot));
    }

    private static Product MapProduct(SqliteDataReader r) =>
        new(r.GetString(0), r.GetString(1), Rows.NullableString(r, 2), Rows.NullableString(r, 3), r.GetString(4));

    private static LotState MapLot(SqliteDataReader r) => new(
        r.GetString(0), r.GetString(1), Rows.Date(r.GetString(2)), r.GetString(3),
        new ChainHead(r.GetInt32(4), Rows.Hash(r, 5)),
        r.IsDBNull(6) ? null : Rows.Time(r.GetInt64(6)),
        Rows.NullableString(r, 7));
}
