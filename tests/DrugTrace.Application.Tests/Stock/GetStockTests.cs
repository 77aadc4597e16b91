using DrugTrace.Application.Stock;
using DrugTrace.Application.Tests.TestDoubles;
using DrugTrace.Domain.Packs;
using DrugTrace.Domain.Parties;
using Microsoft.Extensions.Options;
using static DrugTrace.Application.Tests.TestDoubles.TestWorld;

namespace DrugTrace.Application.Tests.Stock;

public class GetStockTests
{
    private readonly TestWorld _world = new();

    private ValueTask<StockPage> StockAsync(Party actor, GetStock? request = null, int nearExpiryDays = 90) =>
        new GetStockHandler(new InMemoryCustodyQueries(_world.Ledger), _world.Catalog, ContextFor(actor),
                Options.Create(new StockOptions { NearExpiryDays = nearExpiryDays }), _world.Clock)
            .Handle(request ?? new GetStock(actor.Gln), CancellationToken.None);

    [Fact]
    public async Task A_pharmacy_sees_its_own_packs_per_lot_with_held_ones_counted_apart()
    {
        var a = await _world.PackAtAsync(Pharmacy, "LOTA");
        await _world.PackAtAsync(Pharmacy, "LOTA2");
        var b = await _world.PackAtAsync(Pharmacy, "LOTB");
        await _world.PackAtAsync(OtherPharmacy, "LOTC");
        await _world.ScanAsync(Pharmacy, Code(b, "LOTB"), new PackCommand(PackAction.Quarantine, Note: "crushed box"));
        await _world.ScanAsync(Pharmacy, Code(a, "LOTA"), new PackCommand(PackAction.Dispense));

        var page = await StockAsync(Pharmacy);

        Assert.Equal((2, 2), (page.Lines, page.Packs));
        Assert.Equal(
            [("LOTA2", 1, 0, "Paracetamol 500 mg"), ("LOTB", 0, 1, "Paracetamol 500 mg")],
            page.Items.Select(i => (i.Lot, i.Available, i.Held, i.ProductName)));
        Assert.DoesNotContain(page.Items, i => i.Lot == "LOTC");
    }

    [Fact]
    public async Task Lots_expiring_soon_are_flagged_and_can_be_filtered()
    {
        await _world.PackAtAsync(Wholesaler, "LOTA");
        // Expiry is 2027-12-31; the clock is 2026-03-14.
        Assert.False(Assert.Single((await StockAsync(Wholesaler)).Items).NearExpiry);
        var near = Assert.Single((await StockAsync(Wholesaler, nearExpiryDays: 700)).Items);
        Assert.True(near.NearExpiry);
        Assert.False(near.Expired);

        Assert.Empty((await StockAsync(Wholesaler, new GetStock(Wholesaler.Gln, ExpiringBefore: "2027-12-31"))).Items);
        Assert.Single((await StockAsync(Wholesaler, new GetStock(Wholesaler.Gln, ExpiringBefore: "2028-01-01"))).Items);
        Assert.Single((await StockAsync(Wholesaler, new GetStock(Wholesaler.Gln, Gtin: Gtin, Lot: "LOTA"))).Items);
        Assert.Empty((await StockAsync(Wholesaler, new GetStock(Wholesaler.Gln, Gtin: OtherGtin))).Items);
    }

    [Fact]
    public async Task Lines_are_paged_in_expiry_order()
    {
        foreach (var lot in new[] { "L3", "L1", "L2" }) await _world.CommissionAsync(lot, 2);

        var page = await StockAsync(Maker, new GetStock(Maker.Gln, Skip: 1, Take: 1));

        Assert.Equal((3, 6), (page.Lines, page.Packs));
        Assert.Equal(["L2"], page.Items.Select(i => i.Lot));
        Assert.Equal(2, page.Items[0].Total);
    }

    [Theory]
    [InlineData("12345", null, null, 0, 50, "gtin")]
    [InlineData(null, "bad lot!", null, 0, 50, "lot")]
    [InlineData(null, null, "31.12.2027", 0, 50, "expiringBefore")]
    [InlineData(null, null, null, -1, 50, "skip")]
    [InlineData(null, null, null, 0, 0, "take")]
    [InlineData(null, null, null, 0, GetStock.MaxTake + 1, "take")]
    [InlineData(Gtin, "LOT42", "2027-12-31", 0, GetStock.MaxTake, null)]
    public void Bad_filters_are_named(string? gtin, string? lot, string? before, int skip, int take, string? badField)
    {
        var errors = new GetStockValidator().Validate(new GetStock(Pharmacy.Gln, gtin, lot, before, skip, take)).ToList();
        Assert.Equal(badField is null ? [] : [badField], errors.Select(e => e.Field));
        Assert.All(errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Message)));
    }
}
