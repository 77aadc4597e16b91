using DrugTrace.Application.Cases;
using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Epcis;
using DrugTrace.Application.Packs;
using DrugTrace.Application.Parties;
using DrugTrace.Application.Tests.TestDoubles;
using DrugTrace.Domain.Alerts;
using DrugTrace.Domain.Cases;
using DrugTrace.Domain.Epcis;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Packs;
using DrugTrace.Domain.Parties;
using Microsoft.Extensions.Options;
using static DrugTrace.Application.Tests.TestDoubles.TestWorld;

namespace DrugTrace.Application.Tests.Cases;

/// <summary>A scanned SSCC shipped or received (<see cref="CaseMoves"/>): its words, its scan-log row, its alerts, a lost race.</summary>
public sealed class CaseMovesTests
{
    private readonly TestWorld _world = new();

    private ValueTask<CaseView> PackAsync(Party actor, IReadOnlyList<string> codes) =>
        _world.PackCase(actor)
            .Handle(new PackCase(actor.Gln, codes, null), default);

    private ValueTask<ScanOutcome> MoveAsync(Party actor, string sscc, PackAction action, string? to = null) =>
        _world.CaseMoves().MoveAsync(actor, "(00)" + sscc, Sscc.Parse(sscc), action, to, null, default);

    /// <summary>A case of <paramref name="packs"/> packs of lot LOT42, packed by the maker.</summary>
    private async Task<(string Sscc, IReadOnlyList<string> Serials)> CaseAsync(int packs)
    {
        var serials = (await _world.CommissionAsync("LOT42", packs)).Serials;
        var packed = await PackAsync(Maker, [.. serials.Select(s => Code(s))]);
        return (packed.Sscc, serials);
    }

    [Fact]
    public async Task A_case_of_one_pack_is_shipped_and_received_in_the_singular_and_each_scan_is_logged()
    {
        var (sscc, serials) = await CaseAsync(1);

        var shipped = await MoveAsync(Maker, sscc, PackAction.Ship, Wholesaler.Gln);
        Assert.Equal(ScanOutcome.Ok, shipped.Verdict);
        Assert.Equal($"Shipped to Big Wholesale ({Wholesaler.Gln}): case (00) {sscc} with 1 pack.", shipped.Message);
        Assert.Equal(new CaseSummary(sscc, 1, 0), shipped.Case);
        var head = (await _world.Ledger.FindCaseAsync(sscc, default))!.Head;
        Assert.Equal(new EventRef(head.Seq, head.Hash.ToHex()), shipped.Event);
        var row = Assert.Single(_world.ScanLog.Scans);
        Assert.Equal((Start, Maker.Gln, "(00)" + sscc, (string?)null, (string?)null, "ok", (string?)null),
            (row.At, row.Actor, row.Code, row.Gtin, row.Serial, row.Verdict, row.Alerts));
        Assert.Equal(PackAction.Ship, row.Action.Value);

        var received = await MoveAsync(Wholesaler, sscc, PackAction.Receive);
        Assert.Equal($"Received into your stock: case (00) {sscc} with 1 pack.", received.Message);
        Assert.Equal((PackStatus.Active, Wholesaler.Gln), (_world.Ledger.Packs.Single(p => p.Serial == serials[0]).Status, _world.Ledger.Packs.Single(p => p.Serial == serials[0]).Custodian));
        Assert.Equal(PackAction.Receive, _world.ScanLog.Scans[^1].Action.Value);
    }

    [Fact]
    public async Task A_pallet_of_one_case_says_so()
    {
        var (sscc, _) = await CaseAsync(2);
        var pallet = await PackAsync(Maker, ["(00)" + sscc]);

        var shipped = await MoveAsync(Maker, pallet.Sscc, PackAction.Ship, Wholesaler.Gln);
        Assert.Equal($"Shipped to Big Wholesale ({Wholesaler.Gln}): case (00) {pallet.Sscc} with 2 packs in 1 case.", shipped.Message);
        Assert.Equal(new CaseSummary(pallet.Sscc, 2, 1), shipped.Case);
        // The event named is the pallet's own, not its case's.
        var head = (await _world.Ledger.FindCaseAsync(pallet.Sscc, default))!.Head;
        Assert.Equal(new EventRef(head.Seq, head.Hash.ToHex()), shipped.Event);
    }

    [Fact]
    public async Task Shipping_a_case_in_transit_is_refused_with_its_contents_and_logged_as_refused()
    {
        var (sscc, _) = await CaseAsync(2);
        await MoveAsync(Maker, sscc, PackAction.Ship, Wholesaler.Gln);
        var log = _world.Ledger.Log.Count;

        var again = await MoveAsync(Maker, sscc, PackAction.Ship, OtherWholesaler.Gln);
        Assert.Equal(ScanOutcome.Refused, again.Verdict);
        Assert.StartsWith($"Case (00) {sscc} is on its way", again.Message);
        Assert.Equal(new CaseSummary(sscc, 2, 0), again.Case);
        Assert.Empty(again.Alerts);
        Assert.Null(again.Event);
        Assert.Equal(log, _world.Ledger.Log.Count);
        var row = _world.ScanLog.Scans[^1];
        Assert.Equal(("refused", (string?)null), (row.Verdict, row.Alerts));
    }

    [Fact]
    public async Task An_unpacked_case_is_refused_to_its_holder_and_unknown_to_a_stranger()
    {
        var (sscc, _) = await CaseAsync(2);
        await new UnpackCaseHandler(_world.Ledger, _world.CaseReader(), ContextFor(Maker), _world.Clock).Handle(new UnpackCase(Maker.Gln, sscc), default);
        var rows = _world.ScanLog.Scans.Count;

        var unknown = await Assert.ThrowsAsync<NotFoundException>(async () => await MoveAsync(OtherWholesaler, sscc, PackAction.Receive));
        Assert.Equal($"No case or pallet with SSCC {sscc} is known to you.", unknown.Message);
        Assert.Equal(rows, _world.ScanLog.Scans.Count);
        Assert.Empty(_world.Alerts.All);

        var refused = await MoveAsync(Maker, sscc, PackAction.Ship, Wholesaler.Gln);
        Assert.Equal(ScanOutcome.Refused, refused.Verdict);
        Assert.Equal($"Case (00) {sscc} was unpacked on 2026-03-14; its packs move on their own now.", refused.Message);
        Assert.Equal(new CaseSummary(sscc, 0, 0), refused.Case);
    }

    [Fact]
    public async Task A_misdirected_pallet_raises_one_alert_per_pack_up_to_the_cap_and_logs_each_kind_once()
    {
        var (sscc, serials) = await CaseAsync(CaseMoves.MaxAlertsPerCase + 1);
        await MoveAsync(Maker, sscc, PackAction.Ship, Wholesaler.Gln);

        var diverted = await MoveAsync(OtherWholesaler, sscc, PackAction.Receive);
        Assert.Equal(ScanOutcome.Alert, diverted.Verdict);
        Assert.Equal(CaseMoves.MaxAlertsPerCase, diverted.Alerts.Count);
        Assert.Equal(CaseMoves.MaxAlertsPerCase, _world.Alerts.All.Count);
        Assert.All(_world.Alerts.All, a => Assert.Equal((OtherWholesaler.Gln, Maker.Gln), (a.ScanningParty, a.BrandOwner)));
        // Each alert is the pack's own receipt, at its rule's severity: not the "low" of a probable scanning error.
        Assert.All(_world.Alerts.All, a => Assert.Equal((PackAction.Receive, false), (a.Action.Scan, a.ProbableScanningError)));
        Assert.All(_world.Alerts.All, a => Assert.NotEqual(Severity.Low, a.Severity));
        Assert.Null(diverted.Case);
        var row = _world.ScanLog.Scans[^1];
        Assert.Equal(("alert", nameof(AlertKind.CustodyMismatch), OtherWholesaler.Gln), (row.Verdict, row.Alerts, row.Actor));
        Assert.All(serials, s => Assert.Equal(PackStatus.InTransit, _world.Ledger.Packs.Single(p => p.Serial == s).Status));

        // The party it was shipped to sees what is inside when it is refused: a recalled pack stops it.
        await RecallAsync();
        var stopped = await MoveAsync(Wholesaler, sscc, PackAction.Receive);
        Assert.Equal(ScanOutcome.Alert, stopped.Verdict);
        Assert.Equal(new CaseSummary(sscc, serials.Count, 0), stopped.Case);
    }

    private async Task RecallAsync()
    {
        var outcome = await new CaptureEventsHandler(_world.Ledger, _world.Catalog, new PartyDirectory(_world.Parties), _world.ScanLog, _world.AlertRaiser(),
                new SsccAllocator(_world.Ledger, _world.Parties), ContextFor(Maker), _world.Clock, Options.Create(_world.AlertOptions))
            .Handle(new CaptureEvents(Maker.Gln, [new CapturedEvent(0, null, new CapturePlan([new RecallStep(Gtin, "LOT42", "Contamination")], null))], false), default);
        Assert.Equal(1, outcome.Applied);
    }

    [Fact]
    public async Task A_recall_stored_while_the_case_was_decided_stops_it_on_the_retry()
    {
        var (sscc, serials) = await CaseAsync(2);
        _world.Ledger.BeforeNextAppend = async () => await RecallAsync();

        var shipped = await MoveAsync(Maker, sscc, PackAction.Ship, Wholesaler.Gln);

        Assert.Equal(1, _world.Ledger.LostAppends);
        Assert.Equal(ScanOutcome.Alert, shipped.Verdict);
        Assert.All(shipped.Alerts, a => Assert.Equal(nameof(AlertKind.Recalled), a.Kind));
        Assert.Equal(2, shipped.Alerts.Count);
        Assert.All(_world.Alerts.All, a => Assert.Equal(PackAction.Ship, a.Action.Scan));
        Assert.Equal(CaseStatus.Active, (await _world.Ledger.FindCaseAsync(sscc, default))!.Status);
        Assert.All(serials, s => Assert.Equal(PackStatus.Active, _world.Ledger.Packs.Single(p => p.Serial == s).Status));
    }

    [Fact]
    public async Task A_scan_log_that_fails_does_not_undo_the_move()
    {
        var (sscc, _) = await CaseAsync(1);
        _world.ScanLog.FailWith = new InvalidOperationException("scan log down");

        var shipped = await MoveAsync(Maker, sscc, PackAction.Ship, Wholesaler.Gln);

        Assert.Equal(ScanOutcome.Ok, shipped.Verdict);
        Assert.Equal(1, _world.ScanLog.Failures);
        Assert.Equal(CaseStatus.InTransit, (await _world.Ledger.FindCaseAsync(sscc, default))!.Status);
    }

    [Fact]
    public async Task A_shipment_to_an_unknown_party_or_a_scan_for_another_action_is_refused_before_anything_is_read()
    {
        var (sscc, _) = await CaseAsync(1);

        var nobody = await Assert.ThrowsAsync<ValidationException>(async () => await MoveAsync(Maker, sscc, PackAction.Ship, UnknownGln));
        Assert.Equal($"No party with GLN {UnknownGln} is registered.", nobody.Message);
        var verify = await Assert.ThrowsAsync<ValidationException>(async () => await MoveAsync(Maker, sscc, PackAction.Decommission));
        Assert.StartsWith($"This code is the SSCC of a case or pallet ({sscc}); a case can be shipped or received. Unpack it to ", verify.Message);
        Assert.Equal(["code"], verify.Errors.Keys);
        Assert.Empty(_world.ScanLog.Scans);
        Assert.Equal(CaseStatus.Active, (await _world.Ledger.FindCaseAsync(sscc, default))!.Status);
    }
}
