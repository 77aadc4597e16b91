using DrugTrace.Application.Cases;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Application.Epcis;
using DrugTrace.Application.Packs;
using DrugTrace.Domain.Epcis;
using DrugTrace.Domain.Parties;
using Microsoft.Extensions.Options;
using DrugTrace.Application.Parties;
using DrugTrace.Application.Tests.TestDoubles;
using PackIdentity = DrugTrace.Domain.Gs1.PackIdentity;
using DrugTrace.Domain.Packs;
using static DrugTrace.Application.Tests.TestDoubles.TestWorld;

namespace DrugTrace.Application.Tests.Packs;

public class ScanFactsReaderTests
{
    private readonly TestWorld _world = new();

    // A fresh directory each time: the names must not depend on what an earlier request cached.
    private ScanFactsReader Reader() => new(_world.Ledger, _world.Catalog, new PartyDirectory(_world.Parties));

    private static PackIdentity Id(string serial, string? lot = "LOT42", string gtin = Gtin) =>
        new(DrugTrace.Domain.Gs1.Gtin.Parse(gtin), serial, lot, Expiry);

    [Fact]
    public async Task Names_the_parties_the_pack_mentions_without_an_earlier_look_up()
    {
        var serial = await _world.PackAtAsync(Pharmacy);

        // The brand owner is involved: it is told who holds its pack.
        var (facts, brandOwner) = await Reader().ReadAsync(Maker, Id(serial), PackAction.Verify, Start, default);

        Assert.Equal($"Corner Pharmacy ({Pharmacy.Gln})", facts.Name(facts.Pack!.Custodian));
        Assert.Equal($"Corner Pharmacy ({Pharmacy.Gln})", facts.Name(facts.Pack.ChangedBy));
        Assert.Equal(UnknownGln, facts.Name(UnknownGln));
        Assert.Equal("", facts.Name(null));
        Assert.Equal(Maker.Gln, brandOwner);
        Assert.Equal(("Paracetamol 500 mg", "LOT42"), (facts.ProductName, facts.Lot?.Lot));
        Assert.Equal((Maker, PackAction.Verify, Start), (facts.Actor, facts.Action, facts.Now));

        // A party that neither holds nor expects it is not.
        var (uninvolved, _) = await Reader().ReadAsync(OtherPharmacy, Id(serial), PackAction.Verify, Start, default);
        Assert.Equal(HolderDisclosure.Withheld, uninvolved.Name(uninvolved.Pack!.Custodian));
        Assert.Equal(HolderDisclosure.Withheld, uninvolved.Name(uninvolved.Pack.ChangedBy));
    }

    [Fact]
    public async Task An_unknown_product_is_not_looked_for_in_the_ledger()
    {
        var readsBefore = _world.Ledger.PackReads;

        var (facts, brandOwner) = await Reader().ReadAsync(Pharmacy, Id("X1", gtin: UnregisteredGtin), PackAction.Verify, Start, default);

        Assert.Equal(readsBefore, _world.Ledger.PackReads);
        Assert.Null(facts.ProductName);
        Assert.Null(facts.Pack);
        Assert.Null(brandOwner);
        Assert.True(facts.ScannedLotRegistered);
    }

    [Theory]
    [InlineData("LOT42", true)]
    [InlineData("FAKE1", false)]
    [InlineData(null, true)]
    public async Task Says_whether_an_unknown_serials_lot_is_registered(string? lot, bool registered)
    {
        await _world.CommissionAsync("LOT42", 1);

        var (facts, brandOwner) = await Reader().ReadAsync(Pharmacy, Id("NOSUCH", lot), PackAction.Dispense, Start, default);

        Assert.Null(facts.Pack);
        Assert.Equal(registered, facts.ScannedLotRegistered);
        Assert.Equal(Maker.Gln, brandOwner);
    }

    private ScanFactsReader Watching(TimeSpan window) => new(_world.Ledger, _world.Catalog, new PartyDirectory(_world.Parties), _world.ScanLog, window);

    private async Task SeenAsync(Party by, string serial, DateTimeOffset at) =>
        await _world.ScanLog.RecordAsync(new ScanRecord(at, by.Gln, PackAction.Verify, Code(serial), Gtin, serial, "ok", null), default);

    [Fact]
    public async Task Sightings_are_other_trading_parties_scans_within_the_window()
    {
        var serial = await _world.PackAtAsync(Pharmacy);
        var now = Start.AddHours(5);
        await SeenAsync(Wholesaler, serial, now.AddHours(-1));
        await SeenAsync(OtherWholesaler, serial, now.AddHours(-3));
        await SeenAsync(Regulator, serial, now.AddMinutes(-5));
        await SeenAsync(OtherPharmacy, serial, now.AddMinutes(-1));
        await _world.ScanLog.RecordAsync(new ScanRecord(now.AddMinutes(-2), UnknownGln, PackAction.Verify, Code(serial), Gtin, serial, "ok", null), default);

        var (facts, _) = await Watching(TimeSpan.FromHours(2)).ReadAsync(OtherPharmacy, Id(serial), PackAction.Verify, now, default);

        // Not its own scan, not a regulator's inspection, not a GLN no party has, not one before the window.
        Assert.Equal([new Domain.Alerts.Rules.Sighting(now.AddHours(-1), Wholesaler.Gln)], facts.RecentSightings);
        // Every event of the pack is older than the window: no custody to explain the sighting.
        Assert.Empty(facts.RecentCustody);
    }

    [Fact]
    public async Task No_sightings_are_read_without_a_window_for_a_handoff_or_for_a_manufacturer_or_regulator()
    {
        var serial = await _world.PackAtAsync(Pharmacy);
        await SeenAsync(Wholesaler, serial, Start);

        Assert.Empty((await Watching(TimeSpan.Zero).ReadAsync(OtherPharmacy, Id(serial), PackAction.Verify, Start, default)).Facts.RecentSightings);
        Assert.Empty((await Watching(TimeSpan.FromHours(-1)).ReadAsync(OtherPharmacy, Id(serial), PackAction.Verify, Start, default)).Facts.RecentSightings);
        Assert.Empty((await Watching(TimeSpan.FromHours(1)).ReadAsync(OtherPharmacy, Id(serial), PackAction.Receive, Start, default)).Facts.RecentSightings);
        Assert.Empty((await Watching(TimeSpan.FromHours(1)).ReadAsync(OtherMaker, Id(serial), PackAction.Verify, Start, default)).Facts.RecentSightings);
        Assert.Empty((await Watching(TimeSpan.FromHours(1)).ReadAsync(Regulator, Id(serial), PackAction.Verify, Start, default)).Facts.RecentSightings);
        // With a window, another wholesaler sees them (the setup scans at Start, the very instant of the read, count too).
        Assert.Contains((await Watching(TimeSpan.FromHours(1)).ReadAsync(OtherWholesaler, Id(serial), PackAction.Verify, Start, default)).Facts.RecentSightings, s => s.Party == Wholesaler.Gln);
        Assert.Empty((await Reader().ReadAsync(OtherWholesaler, Id(serial), PackAction.Verify, Start, default)).Facts.RecentSightings);
    }

    [Fact]
    public async Task Custody_counts_an_event_recorded_from_the_windows_first_instant_or_recorded_in_it_for_an_earlier_time()
    {
        var serial = (await _world.CommissionAsync("LOT42", 1)).Serials[0];
        var commissioned = (await _world.Ledger.GetChainAsync(Domain.Ledger.StreamKind.Pack, Gtin, serial, default))[0].Event.RecordedAt;
        var window = TimeSpan.FromHours(2);

        // The window begins at the very millisecond the pack was commissioned: that event counts.
        var now = commissioned + window;
        await SeenAsync(Wholesaler, serial, now.AddMinutes(-1));
        var (atEdge, _) = await Watching(window).ReadAsync(OtherPharmacy, Id(serial), PackAction.Verify, now, default);
        Assert.Equal([Maker.Gln], atEdge.RecentCustody);
        var (past, _) = await Watching(window).ReadAsync(OtherPharmacy, Id(serial), PackAction.Verify, now.AddMilliseconds(1), default);
        Assert.Empty(past.RecentCustody);

        // A shipment captured ten hours later for a time long before the window: recorded in it, so it counts.
        _world.Clock.Advance(TimeSpan.FromHours(10));
        var capture = await new CaptureEventsHandler(_world.Ledger, _world.Catalog, new PartyDirectory(_world.Parties), _world.ScanLog, _world.AlertRaiser(),
                new SsccAllocator(_world.Ledger, _world.Parties), ContextFor(Maker), _world.Clock, Options.Create(_world.AlertOptions))
            .Handle(new CaptureEvents(Maker.Gln, [new CapturedEvent(0, null, new CapturePlan(
                [new HandoffStep(Gtin, serial, new PackCommand(PackAction.Ship, Wholesaler.Gln, OccurredAt: Start.AddHours(1)))], null))], false), default);
        Assert.Equal(1, capture.Applied);
        var later = _world.Clock.GetUtcNow();
        await SeenAsync(OtherWholesaler, serial, later.AddMinutes(-1));
        var (captured, _) = await Watching(window).ReadAsync(OtherPharmacy, Id(serial), PackAction.Verify, later, default);
        Assert.Equal([Maker.Gln, Wholesaler.Gln], captured.RecentCustody.Order());

        // Read when the window begins at the very millisecond that shipment was recorded: it still counts, though it occurred long before.
        var recorded = (await _world.Ledger.GetChainAsync(Domain.Ledger.StreamKind.Pack, Gtin, serial, default))[^1].Event.RecordedAt;
        var edge = recorded + window;
        await SeenAsync(OtherWholesaler, serial, edge.AddMinutes(-1));
        var (recordedAtEdge, _) = await Watching(window).ReadAsync(OtherPharmacy, Id(serial), PackAction.Verify, edge, default);
        Assert.Equal([Maker.Gln, Wholesaler.Gln], recordedAtEdge.RecentCustody.Order());
    }

    [Fact]
    public async Task Custody_counts_an_event_dated_ahead_of_its_recording_from_the_windows_first_instant_on()
    {
        var serial = (await _world.CommissionAsync("LOT42", 1)).Serials[0];
        // A device whose clock runs three minutes ahead (within the allowed skew): the shipment occurred after it was recorded.
        var shipped = await _world.Handoffs().HandleScanAsync(Maker, Code(serial), new PackCommand(PackAction.Ship, Wholesaler.Gln),
            _world.Clock.GetUtcNow().AddMinutes(3), default);
        Assert.Equal(ScanOutcome.Ok, shipped.Verdict);
        var shipment = (await _world.Ledger.GetChainAsync(Domain.Ledger.StreamKind.Pack, Gtin, serial, default))[^1].Event;
        Assert.True(shipment.RecordedAt < shipment.OccurredAt);
        var window = TimeSpan.FromHours(2);

        // The window begins at the very millisecond the shipment occurred, after it was recorded: it still counts.
        var now = shipment.OccurredAt + window;
        await SeenAsync(OtherWholesaler, serial, now.AddMinutes(-1));
        var (atEdge, _) = await Watching(window).ReadAsync(OtherPharmacy, Id(serial), PackAction.Verify, now, default);
        Assert.Equal([Maker.Gln, Wholesaler.Gln], atEdge.RecentCustody.Order());
        var (past, _) = await Watching(window).ReadAsync(OtherPharmacy, Id(serial), PackAction.Verify, now.AddMilliseconds(1), default);
        Assert.Empty(past.RecentCustody);
    }
}
