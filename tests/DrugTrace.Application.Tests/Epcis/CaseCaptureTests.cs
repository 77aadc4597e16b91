using DrugTrace.Application.Cases;
using DrugTrace.Application.Epcis;
using DrugTrace.Application.Parties;
using DrugTrace.Application.Tests.TestDoubles;
using DrugTrace.Domain.Cases;
using DrugTrace.Domain.Epcis;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Packs;
using DrugTrace.Domain.Parties;
using Microsoft.Extensions.Options;
using static DrugTrace.Application.Tests.TestDoubles.TestWorld;

namespace DrugTrace.Application.Tests.Epcis;

/// <summary>Captured case events (AggregationEvent ADD and DELETE, a case's shipping and receiving) through <see cref="CaptureEventsHandler"/>.</summary>
public sealed class CaseCaptureTests
{
    private readonly TestWorld _world = new();

    private static readonly DateTimeOffset At = Start.AddHours(-3);

    private static string MakerSscc(int reference) => Sscc.Create(0, Maker.Gln[..7], reference).Value;

    private async Task<CaptureOutcome> CaptureAsync(Party actor, params CaptureStep[] steps) =>
        await new CaptureEventsHandler(_world.Ledger, _world.Catalog, new PartyDirectory(_world.Parties), _world.ScanLog, _world.AlertRaiser(),
                new SsccAllocator(_world.Ledger, _world.Parties), ContextFor(actor), _world.Clock, Options.Create(_world.AlertOptions))
            .Handle(new CaptureEvents(actor.Gln, [.. steps.Select((s, i) => new CapturedEvent(i, null, new CapturePlan([s], null)))], Rollback: false), default);

    private async Task AppliedAsync(Party actor, CaptureStep step)
    {
        var outcome = await CaptureAsync(actor, step);
        Assert.Empty(outcome.Refused);
        Assert.Equal(1, outcome.Applied);
    }

    private async Task<string> RefusedAsync(Party actor, CaptureStep step)
    {
        var log = _world.Ledger.Log.Count;
        var outcome = await CaptureAsync(actor, step);
        Assert.Equal(0, outcome.Applied);
        Assert.Equal(log, _world.Ledger.Log.Count);
        return Assert.Single(outcome.Refused).Reason;
    }

    private static PackIntoCaseStep Pack(string sscc, IEnumerable<string> serials, params string[] cases) =>
        new(sscc, [.. serials.Select(s => (Gtin, s))], cases, At);

    private async Task<(string Sscc, IReadOnlyList<string> Serials)> PackedCaseAsync(int packs = 2)
    {
        var serials = (await _world.CommissionAsync("LOT42", packs)).Serials;
        var sscc = MakerSscc(21);
        await AppliedAsync(Maker, Pack(sscc, serials));
        return (sscc, serials);
    }

    private PackState PackOf(string serial) => _world.Ledger.Packs.Single(p => p.Serial == serial);

    [Fact]
    public async Task Packing_is_refused_for_a_pharmacy_a_child_named_twice_and_an_unknown_or_foreign_child()
    {
        var serials = (await _world.CommissionAsync("LOT42", 2)).Serials;
        var elsewhere = await _world.PackAtAsync(Wholesaler, "LOTW");
        var sscc = MakerSscc(31);

        Assert.Equal("A pharmacy may not pack cases.", await RefusedAsync(Pharmacy, Pack(sscc, serials)));
        Assert.Equal("The event names a child twice.", await RefusedAsync(Maker, Pack(sscc, [serials[0], serials[1], serials[0]])));
        Assert.Equal("The event names a child twice.", await RefusedAsync(Maker, Pack(sscc, [], MakerSscc(40), MakerSscc(40))));
        Assert.Equal($"Pack {Gtin}/NOSUCH is not in the ledger; nothing was packed.", await RefusedAsync(Maker, Pack(sscc, [serials[0], "NOSUCH"])));
        Assert.Equal($"Pack {Gtin}/{elsewhere} is not in your stock; nothing was packed.", await RefusedAsync(Maker, Pack(sscc, [serials[0], elsewhere])));
        Assert.Equal($"No case or pallet with SSCC {MakerSscc(40)} is known to you; nothing was packed.",
            await RefusedAsync(Maker, Pack(sscc, [serials[0]], MakerSscc(40))));
        Assert.Null(await _world.Ledger.FindCaseAsync(sscc, default));
        Assert.All(serials, s => Assert.Null(PackOf(s).Parent));
    }

    [Fact]
    public async Task A_new_case_is_packed_under_one_of_the_packers_prefixes_and_no_other()
    {
        var serials = (await _world.CommissionAsync("LOT42", 2)).Serials;
        _world.Parties.SetPrefixes(Maker.Gln, "4012346", "4012345");
        var foreign = Sscc.Create(0, Wholesaler.Gln[..7], 5).Value;

        Assert.Equal($"SSCC {foreign} is not under your GS1 company prefix (4012346, 4012345): a party packs cases under its own SSCCs.",
            await RefusedAsync(Maker, Pack(foreign, serials)));

        // Under the second of its prefixes.
        var own = MakerSscc(6);
        await AppliedAsync(Maker, Pack(own, serials));
        var packed = (await _world.Ledger.FindCaseAsync(own, default))!;
        Assert.Equal((CaseStatus.Active, Maker.Gln, Maker.Gln), (packed.Status, packed.Custodian, packed.PackedBy));
        Assert.All(serials, s => Assert.Equal(own, PackOf(s).Parent));
        var aggregated = (await _world.Ledger.GetChainAsync(StreamKind.Pack, Gtin, serials[0], default))[^1].Event;
        Assert.Equal((EventType.Aggregated, own, At.AddTicks(-1234)), (aggregated.Type, aggregated.To, aggregated.OccurredAt));
    }

    [Fact]
    public async Task The_same_packing_captured_again_is_applied_once_and_a_pack_added_later_joins_the_case()
    {
        var (sscc, serials) = await PackedCaseAsync();
        var log = _world.Ledger.Log.Count;

        await AppliedAsync(Maker, Pack(sscc, serials));
        Assert.Equal(log, _world.Ledger.Log.Count);

        // The same event naming one more pack: the two packed before are left as they are, the new one is added to the case.
        var third = (await _world.CommissionAsync("LOT43", 1)).Serials[0];
        log = _world.Ledger.Log.Count;
        await AppliedAsync(Maker, Pack(sscc, [.. serials, third]));
        Assert.Equal(sscc, PackOf(third).Parent);
        Assert.Single(await _world.Ledger.GetChainAsync(StreamKind.Pack, Gtin, serials[0], default), s => s.Event.Type == EventType.Aggregated);
        Assert.True(_world.Ledger.Log.Count > log);
        Assert.Equal(3, (await _world.Ledger.ListCaseChildrenAsync(sscc, default)).Packs.Count);

        // At another time it is another event: the packs already in the case cannot be packed again.
        var later = Pack(sscc, serials) with { OccurredAt = At.AddMinutes(1) };
        Assert.NotNull(await RefusedAsync(Maker, later));
    }

    [Fact]
    public async Task A_party_cannot_pack_into_a_case_it_cannot_see()
    {
        var (sscc, _) = await PackedCaseAsync();
        var own = await _world.PackAtAsync(Wholesaler, "LOTW");

        Assert.Equal($"No case or pallet with SSCC {sscc} is known to you.", await RefusedAsync(Wholesaler, Pack(sscc, [own])));
        Assert.Null(PackOf(own).Parent);
    }

    [Fact]
    public async Task Shipping_a_case_is_refused_for_an_unknown_recipient_an_unknown_case_and_a_case_the_shipper_cannot_see()
    {
        var (sscc, serials) = await PackedCaseAsync();

        Assert.Equal($"No party with GLN {UnknownGln} is registered.",
            await RefusedAsync(Maker, new CaseMoveStep(sscc, new PackCommand(PackAction.Ship, UnknownGln, OccurredAt: At.AddMinutes(5)))));
        var unknown = MakerSscc(99);
        Assert.Equal($"No case or pallet with SSCC {unknown} is known to you.",
            await RefusedAsync(Maker, new CaseMoveStep(unknown, new PackCommand(PackAction.Ship, Wholesaler.Gln, OccurredAt: At.AddMinutes(5)))));
        Assert.Equal($"No case or pallet with SSCC {sscc} is known to you.",
            await RefusedAsync(OtherWholesaler, new CaseMoveStep(sscc, new PackCommand(PackAction.Ship, Pharmacy.Gln, OccurredAt: At.AddMinutes(5)))));
        Assert.Equal(CaseStatus.Active, (await _world.Ledger.FindCaseAsync(sscc, default))!.Status);
        Assert.All(serials, s => Assert.Equal(PackStatus.Active, PackOf(s).Status));
        Assert.Empty(_world.ScanLog.Scans);
    }

    [Fact]
    public async Task A_shipment_captured_again_is_applied_once_and_shipping_a_case_in_transit_is_logged_as_refused()
    {
        var (sscc, serials) = await PackedCaseAsync();
        var ship = new CaseMoveStep(sscc, new PackCommand(PackAction.Ship, Wholesaler.Gln, OccurredAt: At.AddMinutes(5)));
        await AppliedAsync(Maker, ship);
        var log = _world.Ledger.Log.Count;
        Assert.Single(_world.ScanLog.Scans, r => r.Code == "(00)" + sscc && r.Verdict == "ok");

        await AppliedAsync(Maker, ship);
        Assert.Equal(log, _world.Ledger.Log.Count);

        // A minute later it is another shipment, of a case in transit: refused, no alert, the scan logged as refused.
        Assert.NotEmpty(await RefusedAsync(Maker, ship with { Command = ship.Command with { OccurredAt = At.AddMinutes(6) } }));
        var refused = _world.ScanLog.Scans[^1];
        Assert.Equal(("(00)" + sscc, "refused", (string?)null, Maker.Gln), (refused.Code, refused.Verdict, refused.Alerts, refused.Actor));
        Assert.Empty(_world.Alerts.All);
        Assert.All(serials, s => Assert.Equal((PackStatus.InTransit, Wholesaler.Gln), (PackOf(s).Status, PackOf(s).ShipTo)));

        // Received where it was shipped to.
        await AppliedAsync(Wholesaler, new CaseMoveStep(sscc, new PackCommand(PackAction.Receive, OccurredAt: At.AddMinutes(30))));
        var received = (await _world.Ledger.FindCaseAsync(sscc, default))!;
        Assert.Equal((CaseStatus.Active, Wholesaler.Gln), (received.Status, received.Custodian));
        Assert.All(serials, s => Assert.Equal((PackStatus.Active, Wholesaler.Gln), (PackOf(s).Status, PackOf(s).Custodian)));

        // The receipt captured again is recognised as its own event, a Received one: applied once.
        log = _world.Ledger.Log.Count;
        await AppliedAsync(Wholesaler, new CaseMoveStep(sscc, new PackCommand(PackAction.Receive, OccurredAt: At.AddMinutes(30))));
        Assert.Equal(log, _world.Ledger.Log.Count);
    }

    [Fact]
    public async Task A_pack_nested_as_deep_as_a_case_is_read_is_shipped_with_its_outermost_pallet()
    {
        var serial = (await _world.CommissionAsync("LOT42", 1)).Serials[0];
        var outer = await _world.PackCase(Maker).Handle(new PackCase(Maker.Gln, [Code(serial)], null), default);
        for (var depth = 0; depth < CaseReader.MaxDepth; depth++)
            outer = await _world.PackCase(Maker).Handle(new PackCase(Maker.Gln, ["(00)" + outer.Sscc], null), default);

        await AppliedAsync(Maker, new HandoffStep(Gtin, serial, new PackCommand(PackAction.Ship, Wholesaler.Gln, OccurredAt: At)));

        Assert.Equal(CaseStatus.InTransit, (await _world.Ledger.FindCaseAsync(outer.Sscc, default))!.Status);
        Assert.Equal((PackStatus.InTransit, Wholesaler.Gln), (PackOf(serial).Status, PackOf(serial).ShipTo));
    }

    [Fact]
    public async Task A_case_packed_and_shipped_at_the_same_millisecond_is_shipped()
    {
        var serials = (await _world.CommissionAsync("LOT42", 1)).Serials;
        var sscc = MakerSscc(22);

        var outcome = await CaptureAsync(Maker, Pack(sscc, serials), new CaseMoveStep(sscc, new PackCommand(PackAction.Ship, Wholesaler.Gln, OccurredAt: At)));

        Assert.Equal((2, 0), (outcome.Applied, outcome.Refused.Count));
        var shipped = (await _world.Ledger.FindCaseAsync(sscc, default))!;
        Assert.Equal((CaseStatus.InTransit, Wholesaler.Gln), (shipped.Status, shipped.ShipTo));
        Assert.Equal((PackStatus.InTransit, Wholesaler.Gln), (PackOf(serials[0]).Status, PackOf(serials[0]).ShipTo));
    }

    [Fact]
    public async Task Unpacking_is_refused_for_a_regulator_an_unseen_case_and_a_child_not_inside()
    {
        var (sscc, serials) = await PackedCaseAsync();
        var loose = (await _world.CommissionAsync("LOT43", 1)).Serials[0];
        var other = MakerSscc(22);
        await AppliedAsync(Maker, Pack(other, [loose]));

        Assert.Equal("A regulator may not unpack cases.", await RefusedAsync(Regulator, new UnpackCaseStep(sscc, [], [], At.AddMinutes(1))));
        Assert.Equal($"No case or pallet with SSCC {sscc} is known to you.", await RefusedAsync(Wholesaler, new UnpackCaseStep(sscc, [], [], At.AddMinutes(1))));
        Assert.Equal($"No case or pallet with SSCC {MakerSscc(98)} is known to you.",
            await RefusedAsync(Maker, new UnpackCaseStep(MakerSscc(98), [], [], At.AddMinutes(1))));
        Assert.Equal($"Pack {Gtin}/{loose} is not in case (00) {sscc}; nothing was unpacked.",
            await RefusedAsync(Maker, new UnpackCaseStep(sscc, [(Gtin, serials[0]), (Gtin, loose)], [], At.AddMinutes(1))));
        Assert.Equal($"Case (00) {other} is not in case (00) {sscc}; nothing was unpacked.",
            await RefusedAsync(Maker, new UnpackCaseStep(sscc, [(Gtin, serials[0])], [other], At.AddMinutes(1))));
        Assert.Equal(CaseStatus.Active, (await _world.Ledger.FindCaseAsync(sscc, default))!.Status);
        Assert.All(serials, s => Assert.Equal(sscc, PackOf(s).Parent));
    }

    [Fact]
    public async Task A_pallet_unpacked_frees_its_cases_and_the_same_unpacking_captured_again_is_applied_once()
    {
        var (sscc, serials) = await PackedCaseAsync();
        var pallet = MakerSscc(50);
        await AppliedAsync(Maker, Pack(pallet, [], sscc));
        Assert.Equal(pallet, (await _world.Ledger.FindCaseAsync(sscc, default))!.Parent);

        var unpack = new UnpackCaseStep(pallet, [], [sscc], At.AddMinutes(10));
        await AppliedAsync(Maker, unpack);
        Assert.Equal(CaseStatus.Unpacked, (await _world.Ledger.FindCaseAsync(pallet, default))!.Status);
        var inner = (await _world.Ledger.FindCaseAsync(sscc, default))!;
        Assert.Equal((CaseStatus.Active, (string?)null), (inner.Status, inner.Parent));
        // The packs stay in their case.
        Assert.All(serials, s => Assert.Equal(sscc, PackOf(s).Parent));
        var unpacked = (await _world.Ledger.GetChainAsync(StreamKind.Case, "", pallet, default))[^1].Event;
        Assert.Equal((EventType.CaseUnpacked, Maker.Gln, At.AddMinutes(10).AddTicks(-1234)), (unpacked.Type, unpacked.Actor, unpacked.OccurredAt));

        var log = _world.Ledger.Log.Count;
        await AppliedAsync(Maker, unpack);
        Assert.Equal(log, _world.Ledger.Log.Count);

        // The case itself unpacked in turn: its packs move on their own.
        await AppliedAsync(Maker, new UnpackCaseStep(sscc, [(Gtin, serials[1])], [], At.AddMinutes(11)));
        Assert.All(serials, s => Assert.Null(PackOf(s).Parent));
    }

    [Fact]
    public async Task A_pack_whose_case_is_nested_in_itself_is_refused_with_the_audits_pointer()
    {
        var (sscc, serials) = await PackedCaseAsync();
        _world.Ledger.TamperCase(sscc, c => c with { Parent = sscc });

        var reason = await RefusedAsync(Maker, new HandoffStep(Gtin, serials[0], new PackCommand(PackAction.Ship, Wholesaler.Gln, OccurredAt: At.AddMinutes(5))));

        Assert.Equal($"Case {sscc} is nested more than {CaseReader.MaxDepth} deep; the ledger audit will say why.", reason);
        Assert.Equal(PackStatus.Active, PackOf(serials[0]).Status);
    }

    [Fact]
    public async Task A_scan_log_that_fails_does_not_undo_a_captured_case_move()
    {
        var (sscc, serials) = await PackedCaseAsync();
        _world.ScanLog.FailWith = new InvalidOperationException("scan log down");

        await AppliedAsync(Maker, new CaseMoveStep(sscc, new PackCommand(PackAction.Ship, Wholesaler.Gln, OccurredAt: At.AddMinutes(5))));

        Assert.Equal(1, _world.ScanLog.Failures);
        Assert.Equal(CaseStatus.InTransit, (await _world.Ledger.FindCaseAsync(sscc, default))!.Status);
        Assert.All(serials, s => Assert.Equal(PackStatus.InTransit, PackOf(s).Status));
    }

    [Fact]
    public async Task A_misdirected_captured_receipt_raises_one_alert_per_pack_up_to_the_cap_and_logs_each_kind_once()
    {
        var serials = (await _world.CommissionAsync("LOT42", CaseMoves.MaxAlertsPerCase + 1)).Serials;
        var sscc = MakerSscc(60);
        await AppliedAsync(Maker, Pack(sscc, serials));
        await AppliedAsync(Maker, new CaseMoveStep(sscc, new PackCommand(PackAction.Ship, Wholesaler.Gln, OccurredAt: At.AddMinutes(5))));

        Assert.NotEmpty(await RefusedAsync(OtherWholesaler, new CaseMoveStep(sscc, new PackCommand(PackAction.Receive, OccurredAt: At.AddMinutes(30)))));

        Assert.Equal(CaseMoves.MaxAlertsPerCase, _world.Alerts.All.Count);
        Assert.All(_world.Alerts.All, a => Assert.Equal((OtherWholesaler.Gln, Domain.Alerts.AlertKind.CustodyMismatch), (a.ScanningParty, a.Kind)));
        var row = _world.ScanLog.Scans[^1];
        Assert.Equal(("(00)" + sscc, "alert", nameof(Domain.Alerts.AlertKind.CustodyMismatch), OtherWholesaler.Gln, PackAction.Receive),
            (row.Code, row.Verdict, row.Alerts, row.Actor, row.Action.Value));
    }
}
