using Microsoft.Extensions.Options;
using DrugTrace.Application.Cases;
using DrugTrace.Application.Epcis;
using DrugTrace.Application.Parties;
using DrugTrace.Application.Tests.TestDoubles;
using DrugTrace.Domain.Epcis;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Packs;
using static DrugTrace.Application.Tests.TestDoubles.TestWorld;

namespace DrugTrace.Application.Tests.Epcis;

public sealed class CaptureEventsTests
{
    private readonly TestWorld _world = new();

    private CaptureEventsHandler Handler(Domain.Parties.Party actor) =>
        new(_world.Ledger, _world.Catalog, new PartyDirectory(_world.Parties), _world.ScanLog, _world.AlertRaiser(), new SsccAllocator(_world.Ledger, _world.Parties),
            ContextFor(actor), _world.Clock, Options.Create(_world.AlertOptions));

    private static CapturedEvent Event(int index, params CaptureStep[] steps) => new(index, $"ni:///sha-256;{index:x64}?ver=CBV2.0", new CapturePlan(steps, null));

    private static HandoffStep Ship(string serial, string to) => new(Gtin, serial, new PackCommand(PackAction.Ship, to));

    [Fact]
    public async Task A_capture_that_loses_the_race_to_a_scan_decides_again_on_what_the_scan_left()
    {
        var serial = (await _world.CommissionAsync("LOT42", 1)).Serials[0];
        // While the capture is being stored, a scan ships the pack elsewhere first.
        _world.Ledger.BeforeNextAppend = async () =>
            await _world.ScanAsync(Maker, Code(serial), new PackCommand(PackAction.Ship, OtherWholesaler.Gln));

        var outcome = await Handler(Maker).Handle(new CaptureEvents(Maker.Gln, [Event(0, Ship(serial, Wholesaler.Gln))], Rollback: false), default);

        Assert.Equal(1, _world.Ledger.LostAppends);
        Assert.Equal(0, outcome.Applied);
        Assert.Equal(0, Assert.Single(outcome.Refused).Event);
        var pack = await _world.Ledger.FindPackAsync(Gtin, serial, default);
        Assert.Equal(OtherWholesaler.Gln, pack!.ShipTo);
        Assert.Single(await _world.Ledger.GetChainAsync(StreamKind.Pack, Gtin, serial, default), s => s.Event.Type == EventType.Shipped);
    }

    [Fact]
    public async Task A_recall_earlier_in_the_document_is_seen_by_the_events_after_it()
    {
        var serials = (await _world.CommissionAsync("LOT42", 2)).Serials;
        var events = new[]
        {
            Event(0, Ship(serials[0], Wholesaler.Gln)),
            Event(1, new RecallStep(Gtin, "LOT42", "Recalled (EPCIS capture)")),
            Event(2, Ship(serials[1], Wholesaler.Gln)),
        };

        var rolledBack = await Handler(Maker).Handle(new CaptureEvents(Maker.Gln, events, Rollback: true), default);
        Assert.Equal(0, rolledBack.Applied);
        Assert.Equal([0, 1, 2], rolledBack.Refused.Select(r => r.Event));
        Assert.False((await _world.Catalog.FindLotAsync(Gtin, "LOT42", default))!.IsRecalled);
        Assert.Equal(3, _world.Ledger.Log.Count); // the lot and its two packs, as commissioned

        var proceeded = await Handler(Maker).Handle(new CaptureEvents(Maker.Gln, events, Rollback: false), default);
        Assert.Equal(2, proceeded.Applied);
        Assert.Equal(2, Assert.Single(proceeded.Refused).Event);
        Assert.True((await _world.Catalog.FindLotAsync(Gtin, "LOT42", default))!.IsRecalled);
        Assert.Equal(PackStatus.Active, (await _world.Ledger.FindPackAsync(Gtin, serials[1], default))!.Status);
        // The refused shipment of a recalled pack is reported like the scan it stands for.
        Assert.Contains(_world.ScanLog.Scans, r => r.Serial == serials[1] && r.Verdict != "ok");
    }

    [Fact]
    public async Task An_event_with_several_packs_is_applied_whole_or_not_at_all()
    {
        var serials = (await _world.CommissionAsync("LOT42", 1)).Serials;
        // The second pack of the event is unknown: the first must not be shipped either.
        var outcome = await Handler(Maker).Handle(new CaptureEvents(Maker.Gln,
            [Event(0, Ship(serials[0], Wholesaler.Gln), Ship("NOSUCHPACK", Wholesaler.Gln))], Rollback: false), default);
        Assert.Equal(0, outcome.Applied);
        Assert.Equal(PackStatus.Active, (await _world.Ledger.FindPackAsync(Gtin, serials[0], default))!.Status);
        Assert.Equal(2, _world.Ledger.Log.Count);
    }

    [Fact]
    public async Task A_case_packed_and_shipped_in_a_document_is_stored_with_it_or_not_at_all_and_a_misdirected_receipt_raises_the_packs_alerts()
    {
        var serials = (await _world.CommissionAsync("LOT42", 2)).Serials;
        var sscc = Domain.Cases.Sscc.Create(0, Maker.Gln[..7], 77).Value;
        var at = Start.AddHours(-1);
        var pack = new PackIntoCaseStep(sscc, [.. serials.Select(s => (Gtin, s))], [], at);
        var ship = new CaseMoveStep(sscc, new PackCommand(PackAction.Ship, Wholesaler.Gln, OccurredAt: at.AddMinutes(5)));
        var stray = Event(2, Ship("NOSUCHPACK", Wholesaler.Gln));
        var logBefore = _world.Ledger.Log.Count;

        var rolledBack = await Handler(Maker).Handle(new CaptureEvents(Maker.Gln, [Event(0, pack), Event(1, ship), stray], Rollback: true), default);
        Assert.Equal((0, 3), (rolledBack.Applied, rolledBack.Refused.Count));
        Assert.Null(await _world.Ledger.FindCaseAsync(sscc, default));
        Assert.Equal(logBefore, _world.Ledger.Log.Count);

        var proceeded = await Handler(Maker).Handle(new CaptureEvents(Maker.Gln, [Event(0, pack), Event(1, ship), stray], Rollback: false), default);
        Assert.Equal(2, proceeded.Applied);
        var shipped = (await _world.Ledger.FindCaseAsync(sscc, default))!;
        Assert.Equal((Domain.Cases.CaseStatus.InTransit, Wholesaler.Gln), (shipped.Status, shipped.ShipTo));
        foreach (var serial in serials)
        {
            var state = (await _world.Ledger.FindPackAsync(Gtin, serial, default))!;
            Assert.Equal((PackStatus.InTransit, sscc), (state.Status, state.Parent));
            var chain = await _world.Ledger.GetChainAsync(StreamKind.Pack, Gtin, serial, default);
            Assert.Equal([(EventType.Aggregated, at.AddTicks(-1234)), (EventType.Shipped, at.AddMinutes(5).AddTicks(-1234))],
                chain.Skip(1).Select(e => (e.Event.Type, e.Event.OccurredAt)));
        }
        // The case, its packing and its shipment: 1 + 2 + (1 + 2) events.
        Assert.Equal(logBefore + 6, _world.Ledger.Log.Count);
        Assert.Contains(_world.ScanLog.Scans, r => r.Code == "(00)" + sscc && r.Verdict == "ok" && r.Actor == Maker.Gln);

        // Received by a party it was not shipped to: refused, and each pack raises the alert its own scan would.
        var receipt = new CaseMoveStep(sscc, new PackCommand(PackAction.Receive, OccurredAt: at.AddHours(1)));
        var misdirected = await Handler(OtherWholesaler).Handle(new CaptureEvents(OtherWholesaler.Gln, [Event(0, receipt)], Rollback: false), default);
        Assert.Equal(0, misdirected.Applied);
        Assert.Equal(2, _world.Alerts.All.Count(a => a.PackSerial is { } s && serials.Contains(s)));
        Assert.Contains(_world.ScanLog.Scans, r => r.Code == "(00)" + sscc && r.Verdict == "alert" && r.Actor == OtherWholesaler.Gln && r.Alerts is not null);
        Assert.Equal(Domain.Cases.CaseStatus.InTransit, (await _world.Ledger.FindCaseAsync(sscc, default))!.Status);
    }
}
