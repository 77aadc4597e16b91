using DrugTrace.Application.Cases;
using DrugTrace.Application.Epcis;
using DrugTrace.Application.Parties;
using DrugTrace.Application.Stock;
using DrugTrace.Domain.Epcis;
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

    [Fact]
    public void Each_bad_filter_is_worded_and_a_date_with_spaces_around_it_is_read()
    {
        var errors = new GetStockValidator().Validate(new GetStock(Pharmacy.Gln, null, "LOT 1", "31.12.2027", -1, GetStock.MaxTake + 1)).ToDictionary(e => e.Field, e => e.Message);
        Assert.Equal("U+0020 at position 4 is not allowed in a lot (GS1 character set 82).", errors["lot"]);
        Assert.Equal("'31.12.2027' is not a date: write it as yyyy-MM-dd, for example 2027-06-30.", errors["expiringBefore"]);
        Assert.Equal("skip cannot be negative.", errors["skip"]);
        Assert.Equal($"take must be 1 to {GetStock.MaxTake}.", errors["take"]);
        Assert.Empty(new GetStockValidator().Validate(new GetStock(Pharmacy.Gln, ExpiringBefore: " 2027-06-30 ", Take: 1)));
        Assert.Empty(new GetStockValidator().Validate(new GetStock(Pharmacy.Gln, ExpiringBefore: "  ")));

        Assert.Equal(new DateOnly(2027, 6, 30), new GetStock(Pharmacy.Gln, ExpiringBefore: " 2027-06-30 ").ExpiringBeforeDate);
        Assert.Null(new GetStock(Pharmacy.Gln, ExpiringBefore: " ").ExpiringBeforeDate);
        Assert.Null(new GetStock(Pharmacy.Gln).ExpiringBeforeDate);
    }

    [Fact]
    public async Task Near_expiry_runs_from_today_up_to_the_day_before_the_limit_and_expired_begins_the_day_after_expiry()
    {
        await _world.CommissionAsync("LOTA", 1);
        var today = DateOnly.FromDateTime(Start.UtcDateTime);
        var days = Expiry.DayNumber - today.DayNumber;

        var atLimit = await StockAsync(Maker, nearExpiryDays: days);
        Assert.Equal(Expiry, atLimit.NearExpiryBefore);
        Assert.False(Assert.Single(atLimit.Items).NearExpiry);
        Assert.True(Assert.Single((await StockAsync(Maker, nearExpiryDays: days + 1)).Items).NearExpiry);

        _world.Clock.SetUtcNow(new DateTimeOffset(2027, 12, 31, 23, 59, 0, TimeSpan.Zero));
        var lastDay = Assert.Single((await StockAsync(Maker, nearExpiryDays: 1)).Items);
        Assert.Equal((true, false), (lastDay.NearExpiry, lastDay.Expired));

        _world.Clock.SetUtcNow(new DateTimeOffset(2028, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var expired = await StockAsync(Maker, nearExpiryDays: 1);
        Assert.Equal(new DateOnly(2028, 1, 2), expired.NearExpiryBefore);
        Assert.Equal((false, true), (expired.Items[0].NearExpiry, expired.Items[0].Expired));
    }

    [Fact]
    public async Task A_recalled_lot_is_flagged_and_lines_of_one_expiry_are_ordered_by_gtin_then_lot()
    {
        await _world.CommissionAsync("LB", 1);
        await _world.CommissionAsync("LC", 1);
        await _world.CommissionAsync("LA", 1, OtherMaker, OtherGtin);
        var recall = await new CaptureEventsHandler(_world.Ledger, _world.Catalog, new PartyDirectory(_world.Parties), _world.ScanLog, _world.AlertRaiser(),
                new SsccAllocator(_world.Ledger, _world.Parties), ContextFor(Maker), _world.Clock, Options.Create(_world.AlertOptions))
            .Handle(new CaptureEvents(Maker.Gln, [new CapturedEvent(0, null, new CapturePlan([new RecallStep(Gtin, "LC", "Contamination")], null))], false), default);
        Assert.Equal(1, recall.Applied);

        var page = await StockAsync(Maker, new GetStock(Maker.Gln, Skip: 0, Take: 10));
        Assert.Equal([("LB", false), ("LC", true)], page.Items.Select(i => (i.Lot, i.Recalled)));
        Assert.Equal((0, 10), (page.Skip, page.Take));

        // A wholesaler holding both products: the lower GTIN first, whatever the lots are called.
        foreach (var (maker, gtin, lot) in new[] { (Maker, Gtin, "LB"), (OtherMaker, OtherGtin, "LA") })
        {
            var serial = _world.Ledger.Packs.Single(p => p.Gtin == gtin && p.Lot == lot).Serial;
            await _world.ScanAsync(maker, Code(serial, lot, gtin), new PackCommand(PackAction.Ship, Wholesaler.Gln));
            await _world.ScanAsync(Wholesaler, Code(serial, lot, gtin), new PackCommand(PackAction.Receive));
        }
        var stock = await StockAsync(Wholesaler);
        Assert.Equal([(Gtin, "LB", "Paracetamol 500 mg"), (OtherGtin, "LA", "Ibuprofen 200 mg")], stock.Items.Select(i => (i.Gtin, i.Lot, i.ProductName)));
        Assert.Equal((2, 2), (stock.Lines, stock.Packs));
    }

    [Fact]
    public async Task A_line_with_available_and_held_packs_counts_both_and_lines_come_by_expiry_first()
    {
        var serials = (await _world.CommissionAsync("LOTA", 3)).Serials;
        await _world.ScanAsync(Maker, Code(serials[0], "LOTA"), new PackCommand(PackAction.Quarantine, Note: "crushed box"));
        // LOTB sorts after LOTA by name but expires first.
        await new DrugTrace.Application.Lots.RegisterLotHandler(_world.Catalog, _world.Ledger, new DrugTrace.Application.Lots.RandomSerialGenerator(), ContextFor(Maker), _world.Clock)
            .Handle(new DrugTrace.Application.Lots.RegisterLot(Maker.Gln, Gtin, "LOTB", "2027-06-30", 1), default);

        var page = await StockAsync(Maker);

        Assert.Equal([("LOTB", 1, 0, 1), ("LOTA", 2, 1, 3)], page.Items.Select(i => (i.Lot, i.Available, i.Held, i.Total)));
    }
}
