using Microsoft.Extensions.Options;
using DrugTrace.Application.Cases;
using DrugTrace.Application.Epcis;
using DrugTrace.Application.Parties;
using DrugTrace.Application.Tests.TestDoubles;
using DrugTrace.Domain.Epcis;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Packs;
using DrugTrace.Application.Lots;
using DrugTrace.Application.Packs;
using DrugTrace.Application.Common.Exceptions;
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
        // Even with rollback the refused shipment is reported like the scan it stands for.
        Assert.Contains(_world.ScanLog.Scans, r => r.Serial == serials[1] && r.Verdict != "ok");

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

    private async Task<string> RefusedAsync(Domain.Parties.Party actor, params CaptureStep[] steps)
    {
        var before = _world.Ledger.Log.Count;
        var outcome = await Handler(actor).Handle(new CaptureEvents(actor.Gln, [Event(0, steps)], Rollback: false), default);
        Assert.Equal(0, outcome.Applied);
        Assert.Equal(before, _world.Ledger.Log.Count);
        var refusal = Assert.Single(outcome.Refused);
        Assert.Equal((0, $"ni:///sha-256;{0:x64}?ver=CBV2.0"), (refusal.Event, refusal.EventID));
        return refusal.Reason;
    }

    private async Task<CaptureOutcome> AppliedAsync(Domain.Parties.Party actor, params CaptureStep[] steps)
    {
        var outcome = await Handler(actor).Handle(new CaptureEvents(actor.Gln, [Event(0, steps)], Rollback: false), default);
        Assert.Empty(outcome.Refused);
        Assert.Equal(1, outcome.Applied);
        return outcome;
    }

    private static CommissionStep Commission(string lot, DateOnly expiry, params string[] serials) => new(Gtin, serials, lot, expiry, Start.AddDays(-1));

    [Fact]
    public async Task Commissioning_into_a_new_lot_registers_the_lot_and_stores_each_pack_at_the_events_time()
    {
        await AppliedAsync(Maker, Commission("LOTC", Expiry, "C1", "C2"));

        var lot = (await _world.Catalog.FindLotAsync(Gtin, "LOTC", default))!;
        Assert.Equal((Expiry, Maker.Gln, false), (lot.Expiry, lot.Manufacturer, lot.IsRecalled));
        Assert.Equal(3, _world.Ledger.Log.Count);
        foreach (var serial in new[] { "C1", "C2" })
        {
            var pack = (await _world.Ledger.FindPackAsync(Gtin, serial, default))!;
            Assert.Equal((PackStatus.Active, "LOTC", Expiry, Maker.Gln), (pack.Status, pack.Lot, pack.Expiry, pack.Custodian));
            var e = Assert.Single(await _world.Ledger.GetChainAsync(StreamKind.Pack, Gtin, serial, default)).Event;
            // The event's own time, and the capture's time as recorded, both to the millisecond.
            Assert.Equal((EventType.Commissioned, Maker.Gln, Start.AddDays(-1).AddTicks(-1234), Start.AddTicks(-1234)),
                (e.Type, e.Actor, e.OccurredAt, e.RecordedAt));
        }
    }

    [Fact]
    public async Task A_lot_expiring_today_is_registered_and_one_that_expired_yesterday_is_not()
    {
        var today = DateOnly.FromDateTime(Start.UtcDateTime);
        await AppliedAsync(Maker, Commission("LOTT", today, "T1"));
        Assert.Equal(today, (await _world.Catalog.FindLotAsync(Gtin, "LOTT", default))!.Expiry);

        Assert.Equal("The expiry 2026-03-13 is in the past: a lot is registered with an expiry to come.",
            await RefusedAsync(Maker, Commission("LOTY", today.AddDays(-1), "Y1")));
        Assert.Null(await _world.Catalog.FindLotAsync(Gtin, "LOTY", default));
    }

    [Fact]
    public async Task Commissioning_is_refused_with_its_words_for_the_wrong_role_product_lot_or_serials()
    {
        var existing = (await _world.CommissionAsync("LOT42", 1)).Serials[0];

        Assert.Equal("Commissioning needs the role Manufacturer; Big Wholesale is a Wholesaler.",
            await RefusedAsync(Wholesaler, Commission("LOTC", Expiry, "C1")));
        Assert.Equal($"GTIN {OtherGtin} is not one of your registered products; register the product first.",
            await RefusedAsync(Maker, Commission("LOTC", Expiry, "C1") with { Gtin = OtherGtin }));
        Assert.Equal($"GTIN {UnregisteredGtin} is not one of your registered products; register the product first.",
            await RefusedAsync(Maker, Commission("LOTC", Expiry, "C1") with { Gtin = UnregisteredGtin }));
        Assert.Equal("U+0020 at position 4 is not allowed in a lot number (GS1 character set 82).",
            await RefusedAsync(Maker, Commission("LOT 1", Expiry, "C1")));
        Assert.Equal("'~' at position 2 is not allowed in a serial (GS1 character set 82).",
            await RefusedAsync(Maker, Commission("LOTC", Expiry, "C1", "C~2")));
        Assert.Equal("The event names serial C1 twice.",
            await RefusedAsync(Maker, Commission("LOTC", Expiry, "C1", "C2", "C1")));
        Assert.Equal($"Serial {existing} of {Gtin} is already commissioned.",
            await RefusedAsync(Maker, Commission("LOTC", Expiry, "C1", existing)));
        Assert.Null(await _world.Catalog.FindLotAsync(Gtin, "LOTC", default));
        Assert.Null(await _world.Ledger.FindPackAsync(Gtin, "C1", default));
    }

    [Fact]
    public async Task A_commissioning_event_names_at_most_the_lots_maximum_of_serials()
    {
        var tooMany = Enumerable.Range(0, RegisterLot.MaxQuantity + 1).Select(i => $"M{i}").ToArray();
        Assert.Equal($"A commissioning event names at most {RegisterLot.MaxQuantity:N0} serials, not {RegisterLot.MaxQuantity + 1:N0}.",
            await RefusedAsync(Maker, Commission("LOTM", Expiry, tooMany)));

        // Exactly the maximum passes that rule: the next one (a serial named twice, the last) speaks.
        var atMost = Enumerable.Range(0, RegisterLot.MaxQuantity - 1).Select(i => $"M{i}").Append("M0").ToArray();
        Assert.Equal("The event names serial M0 twice.", await RefusedAsync(Maker, Commission("LOTM", Expiry, atMost)));
    }

    [Fact]
    public async Task Commissioning_into_a_registered_lot_keeps_its_expiry_and_refuses_a_recalled_or_expired_lot()
    {
        await _world.CommissionAsync("LOT42", 1);
        var lotBefore = (await _world.Catalog.FindLotAsync(Gtin, "LOT42", default))!;

        Assert.Equal($"Lot LOT42 of {Gtin} expires on 2027-12-31, but the event's ILMD says 2028-01-31: the packs of a lot share its expiry.",
            await RefusedAsync(Maker, Commission("LOT42", new DateOnly(2028, 1, 31), "N1")));

        // On its expiry day packs are still commissioned into it; a day later they are not.
        _world.Clock.SetUtcNow(new DateTimeOffset(2027, 12, 31, 23, 0, 0, TimeSpan.Zero));
        await AppliedAsync(Maker, Commission("LOT42", Expiry, "N1"));
        var added = (await _world.Ledger.FindPackAsync(Gtin, "N1", default))!;
        Assert.Equal(("LOT42", Expiry, PackStatus.Active), (added.Lot, added.Expiry, added.Status));
        // The lot is not registered again: its head is as it was.
        Assert.Equal(lotBefore.Head, (await _world.Catalog.FindLotAsync(Gtin, "LOT42", default))!.Head);

        _world.Clock.SetUtcNow(new DateTimeOffset(2028, 1, 1, 0, 0, 1, TimeSpan.Zero));
        Assert.Equal("Lot LOT42 expired on 2027-12-31: no pack is commissioned into an expired lot.",
            await RefusedAsync(Maker, Commission("LOT42", Expiry, "N2")));

        await AppliedAsync(Maker, new RecallStep(Gtin, "LOT42", "Recalled (EPCIS capture)"));
        Assert.Equal("Lot LOT42 was recalled on 2028-01-01: no pack is commissioned into a recalled lot.",
            await RefusedAsync(Maker, Commission("LOT42", Expiry, "N3")));
    }

    [Fact]
    public async Task An_event_whose_second_recall_names_an_unknown_lot_takes_back_its_first()
    {
        await _world.CommissionAsync("LOT42", 1);

        Assert.Equal($"Lot NOLOT of {Gtin} is not one of your registered lots.",
            await RefusedAsync(Maker, new RecallStep(Gtin, "LOT42", "Recalled"), new RecallStep(Gtin, "NOLOT", "Recalled")));

        Assert.False((await _world.Catalog.FindLotAsync(Gtin, "LOT42", default))!.IsRecalled);
    }

    [Fact]
    public async Task A_document_of_valid_events_with_rollback_is_stored_whole()
    {
        var serials = (await _world.CommissionAsync("LOT42", 2)).Serials;

        var outcome = await Handler(Maker).Handle(new CaptureEvents(Maker.Gln,
            [Event(0, Ship(serials[0], Wholesaler.Gln)), Event(1, Ship(serials[1], Wholesaler.Gln))], Rollback: true), default);

        Assert.Equal((2, 0), (outcome.Applied, outcome.Refused.Count));
        Assert.All(serials, s => Assert.Equal((PackStatus.InTransit, Wholesaler.Gln),
            (_world.Ledger.Packs.Single(p => p.Serial == s).Status, _world.Ledger.Packs.Single(p => p.Serial == s).ShipTo)));
    }

    [Fact]
    public async Task A_shipment_captured_again_after_the_pack_was_received_is_recognised_by_its_event_id()
    {
        var serial = (await _world.CommissionAsync("LOT42", 1)).Serials[0];
        var at = Start.AddMinutes(-30);
        var ship = new HandoffStep(Gtin, serial, new PackCommand(PackAction.Ship, Wholesaler.Gln, OccurredAt: at));
        await AppliedAsync(Maker, ship);
        var shipId = PackEpcisEvents.EventId((await _world.Ledger.GetChainAsync(StreamKind.Pack, Gtin, serial, default))[^1].Event)!;
        await _world.ScanAsync(Wholesaler, Code(serial), new PackCommand(PackAction.Receive));
        var log = _world.Ledger.Log.Count;

        // The shipment is no longer the pack's last event: only its ID (and time) tell it is the same one.
        var replay = await Handler(Maker).Handle(new CaptureEvents(Maker.Gln, [new CapturedEvent(0, shipId, new CapturePlan([ship], null))], false), default);

        Assert.Equal((1, 0, log), (replay.Applied, replay.Refused.Count, _world.Ledger.Log.Count));
        Assert.Equal(Wholesaler.Gln, (await _world.Ledger.FindPackAsync(Gtin, serial, default))!.Custodian);
    }

    [Fact]
    public async Task A_recall_is_refused_for_another_role_an_unknown_lot_and_a_lot_already_recalled()
    {
        await _world.CommissionAsync("LOT42", 1);
        Assert.Equal("A recall needs the role Manufacturer; Big Wholesale is a Wholesaler.",
            await RefusedAsync(Wholesaler, new RecallStep(Gtin, "LOT42", "Recalled")));
        Assert.Equal($"Lot NOLOT of {Gtin} is not one of your registered lots.",
            await RefusedAsync(Maker, new RecallStep(Gtin, "NOLOT", "Recalled")));
        Assert.Equal($"Lot LOT42 of {OtherGtin} is not one of your registered lots.",
            await RefusedAsync(OtherMaker, new RecallStep(OtherGtin, "LOT42", "Recalled")));

        await AppliedAsync(Maker, new RecallStep(Gtin, "LOT42", "Recalled (EPCIS capture)"));
        var lot = (await _world.Catalog.FindLotAsync(Gtin, "LOT42", default))!;
        Assert.True(lot.IsRecalled);
        var recall = (await _world.Ledger.GetChainAsync(StreamKind.Lot, Gtin, "LOT42", default))[^1].Event;
        Assert.Equal((EventType.LotRecalled, Maker.Gln, "Recalled (EPCIS capture)"), (recall.Type, recall.Actor, recall.Reason));
        Assert.Equal("Lot LOT42 was already recalled on 2026-03-14.", await RefusedAsync(Maker, new RecallStep(Gtin, "LOT42", "Again")));
    }

    [Fact]
    public async Task A_commissioning_or_shipment_captured_again_with_its_event_id_is_applied_once()
    {
        var serial = (await _world.CommissionAsync("LOT42", 1)).Serials[0];
        var commissioned = (await _world.Ledger.GetChainAsync(StreamKind.Pack, Gtin, serial, default))[0].Event;
        var commissionId = PackEpcisEvents.EventId(commissioned)!;
        var again = new CommissionStep(Gtin, [serial], "LOT42", Expiry, commissioned.OccurredAt);
        var log = _world.Ledger.Log.Count;

        var replay = await Handler(Maker).Handle(new CaptureEvents(Maker.Gln, [new CapturedEvent(0, commissionId, new CapturePlan([again], null))], false), default);
        Assert.Equal((1, 0, log), (replay.Applied, replay.Refused.Count, _world.Ledger.Log.Count));
        // Another event ID, or the same one a millisecond later, is another event: the serial exists.
        Assert.Equal($"Serial {serial} of {Gtin} is already commissioned.", await RefusedAsync(Maker, again));
        var later = await Handler(Maker).Handle(new CaptureEvents(Maker.Gln,
            [new CapturedEvent(0, commissionId, new CapturePlan([again with { OccurredAt = commissioned.OccurredAt.AddMilliseconds(1) }], null))], false), default);
        Assert.Equal($"Serial {serial} of {Gtin} is already commissioned.", Assert.Single(later.Refused).Reason);

        var at = Start.AddMinutes(-30);
        await AppliedAsync(Maker, new HandoffStep(Gtin, serial, new PackCommand(PackAction.Ship, Wholesaler.Gln, OccurredAt: at)));
        var shipped = (await _world.Ledger.GetChainAsync(StreamKind.Pack, Gtin, serial, default))[^1].Event;
        Assert.Equal((EventType.Shipped, at.AddTicks(-1234)), (shipped.Type, shipped.OccurredAt));
        var shipId = PackEpcisEvents.EventId(shipped)!;
        log = _world.Ledger.Log.Count;
        var ship = new HandoffStep(Gtin, serial, new PackCommand(PackAction.Ship, Wholesaler.Gln, OccurredAt: at));
        var shipReplay = await Handler(Maker).Handle(new CaptureEvents(Maker.Gln, [new CapturedEvent(0, shipId, new CapturePlan([ship], null))], false), default);
        Assert.Equal((1, 0, log), (shipReplay.Applied, shipReplay.Refused.Count, _world.Ledger.Log.Count));
        // Without its time it cannot be recognised: judged as a new shipment, of a pack already in transit.
        var untimed = await Handler(Maker).Handle(new CaptureEvents(Maker.Gln,
            [new CapturedEvent(0, shipId, new CapturePlan([ship with { Command = new PackCommand(PackAction.Ship, Wholesaler.Gln) }], null))], false), default);
        Assert.Equal(0, untimed.Applied);
        Assert.Equal(log, _world.Ledger.Log.Count);
    }

    [Fact]
    public async Task An_event_the_mapping_refused_is_reported_with_its_reason_and_with_rollback_the_others_say_which_event_stopped_them()
    {
        var serials = (await _world.CommissionAsync("LOT42", 2)).Serials;
        var events = new[]
        {
            Event(0, Ship(serials[0], Wholesaler.Gln)),
            new CapturedEvent(1, null, CapturePlan.Refuse("The event has no epcList.")),
            Event(2, Ship(serials[1], Wholesaler.Gln)),
        };

        var rolledBack = await Handler(Maker).Handle(new CaptureEvents(Maker.Gln, events, Rollback: true), default);
        Assert.Equal(0, rolledBack.Applied);
        const string stopped = "Not applied: event 1 was refused, and with rollback nothing of the document is stored.";
        Assert.Equal([(0, events[0].EventId, stopped), (1, null, "The event has no epcList."), (2, events[2].EventId, stopped)],
            rolledBack.Refused.Select(r => (r.Event, r.EventID, r.Reason)));
        Assert.Equal(3, _world.Ledger.Log.Count);
        Assert.Empty(_world.ScanLog.Scans);

        var proceeded = await Handler(Maker).Handle(new CaptureEvents(Maker.Gln, events, Rollback: false), default);
        Assert.Equal(2, proceeded.Applied);
        Assert.Equal((1, (string?)null, "The event has no epcList."), proceeded.Refused.Select(r => (r.Event, r.EventID, r.Reason)).Single());
        Assert.All(serials, s => Assert.Equal(PackStatus.InTransit, _world.Ledger.Packs.Single(p => p.Serial == s).Status));
        // Each stored shipment is logged as the scan it stands for.
        Assert.Equal(serials.Order(), _world.ScanLog.Scans.Where(r => r.Verdict == "ok").Select(r => r.Serial!).Order());
    }

    [Fact]
    public async Task An_event_refused_at_its_second_pack_reports_that_pack_and_not_the_first_it_took_back()
    {
        var serials = (await _world.CommissionAsync("LOT42", 1)).Serials;
        var outcome = await Handler(Maker).Handle(new CaptureEvents(Maker.Gln,
            [Event(0, Ship(serials[0], Wholesaler.Gln), Ship("NOSUCHPACK", Wholesaler.Gln))], Rollback: false), default);

        Assert.Equal(0, outcome.Applied);
        var row = Assert.Single(_world.ScanLog.Scans);
        Assert.Equal(("NOSUCHPACK", Maker.Gln), (row.Serial, row.Actor));
        Assert.NotEqual("ok", row.Verdict);
        Assert.Contains(_world.Alerts.All, a => a.PackSerial == "NOSUCHPACK");
    }

    [Fact]
    public async Task A_pack_in_a_pallet_is_shipped_and_received_with_its_outermost_pallet()
    {
        var serials = (await _world.CommissionAsync("LOT42", 2)).Serials;
        var prefix = Maker.Gln[..7];
        var caseCode = Domain.Cases.Sscc.Create(0, prefix, 11).Value;
        var palletCode = Domain.Cases.Sscc.Create(0, prefix, 12).Value;
        var at = Start.AddHours(-2);
        await AppliedAsync(Maker, new PackIntoCaseStep(caseCode, [.. serials.Select(s => (Gtin, s))], [], at));
        await AppliedAsync(Maker, new PackIntoCaseStep(palletCode, [], [caseCode], at.AddMinutes(1)));

        await AppliedAsync(Maker, new HandoffStep(Gtin, serials[0], new PackCommand(PackAction.Ship, Wholesaler.Gln, OccurredAt: at.AddMinutes(2))));
        var pallet = (await _world.Ledger.FindCaseAsync(palletCode, default))!;
        Assert.Equal((Domain.Cases.CaseStatus.InTransit, Wholesaler.Gln), (pallet.Status, pallet.ShipTo));
        Assert.All(serials, s => Assert.Equal((PackStatus.InTransit, caseCode), (_world.Ledger.Packs.Single(p => p.Serial == s).Status, _world.Ledger.Packs.Single(p => p.Serial == s).Parent)));
        Assert.Contains(_world.ScanLog.Scans, r => r.Code == "(00)" + palletCode && r.Verdict == "ok");

        await AppliedAsync(Wholesaler, new HandoffStep(Gtin, serials[1], new PackCommand(PackAction.Receive, OccurredAt: at.AddMinutes(3))));
        Assert.Equal((Domain.Cases.CaseStatus.Active, Wholesaler.Gln), ((await _world.Ledger.FindCaseAsync(palletCode, default))!.Status,
            (await _world.Ledger.FindCaseAsync(palletCode, default))!.Custodian));
        Assert.All(serials, s => Assert.Equal((PackStatus.Active, Wholesaler.Gln), (_world.Ledger.Packs.Single(p => p.Serial == s).Status, _world.Ledger.Packs.Single(p => p.Serial == s).Custodian)));
    }

    [Fact]
    public async Task A_capture_that_loses_every_race_gives_up_with_a_conflict()
    {
        var serial = await _world.PackAtAsync(Pharmacy);
        var races = 0;
        async ValueTask Winner()
        {
            // Each time the capture is about to be stored, the pharmacy dispenses the pack and takes it back: its head moves on.
            races++;
            await _world.ScanAsync(Pharmacy, Code(serial), new PackCommand(PackAction.Dispense));
            await _world.ScanAsync(Pharmacy, Code(serial), new PackCommand(PackAction.UndoDispense));
            _world.Ledger.BeforeNextAppend = Winner;
        }
        _world.Ledger.BeforeNextAppend = Winner;

        var e = await Assert.ThrowsAsync<ConflictException>(async () =>
            await Handler(Pharmacy).Handle(new CaptureEvents(Pharmacy.Gln, [Event(0, new HandoffStep(Gtin, serial, new PackCommand(PackAction.Dispense)))], Rollback: false), default));
        Assert.Equal("The packs of this document are being changed by others at the same time; capture it again.", e.Message);
        Assert.Equal(LostRaceRetry.MaxAttempts, races);
        Assert.Equal(PackStatus.Active, (await _world.Ledger.FindPackAsync(Gtin, serial, default))!.Status);
    }
}
