using DrugTrace.Application.Alerts;
using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Application.Packs;
using DrugTrace.Application.Parties;
using DrugTrace.Domain.Alerts;
using Microsoft.Extensions.Options;
using DrugTrace.Application.Tests.TestDoubles;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Packs;
using static DrugTrace.Application.Tests.TestDoubles.TestWorld;

namespace DrugTrace.Application.Tests.Packs;

public class PackHandoffsTests
{
    private readonly TestWorld _world = new();

    private static readonly PackCommand Dispense = new(PackAction.Dispense);
    private static readonly PackCommand Verify = new(PackAction.Verify);

    [Fact]
    public async Task Unknown_product_is_an_UnknownProduct_alert()
    {
        var outcome = await _world.ScanAsync(Pharmacy, Code("ABC123", gtin: UnregisteredGtin), Verify);

        Assert.Equal(ScanOutcome.Alert, outcome.Verdict);
        var alert = Assert.Single(outcome.Alerts);
        Assert.Equal(("UnknownProduct", "critical"), (alert.Kind, alert.Severity));
        Assert.Contains(UnregisteredGtin, alert.Message);
        Assert.Null(outcome.Pack);
        Assert.Null(outcome.Event);
    }

    [Fact]
    public async Task Unknown_serial_of_a_known_lot_is_UnknownSerial_only()
    {
        await _world.CommissionAsync("LOT42", 2);

        var outcome = await _world.ScanAsync(Pharmacy, Code("NOSUCHSERIAL"), Dispense);

        Assert.Equal(ScanOutcome.Alert, outcome.Verdict);
        Assert.Equal(["UnknownSerial"], outcome.Alerts.Select(a => a.Kind));
        Assert.Contains("NOSUCHSERIAL was never commissioned", outcome.Message);
    }

    [Fact]
    public async Task Unknown_serial_with_an_unknown_lot_adds_UnknownLot()
    {
        await _world.CommissionAsync("LOT42", 1);

        var outcome = await _world.ScanAsync(Pharmacy, Code("NOSUCHSERIAL", lot: "FAKE1"), Verify);

        Assert.Equal(["UnknownSerial", "UnknownLot"], outcome.Alerts.Select(a => a.Kind));
        Assert.All(outcome.Alerts, a => Assert.Equal("critical", a.Severity));
        Assert.Contains("Lot FAKE1 was never registered", outcome.Alerts[1].Message);
    }

    [Fact]
    public async Task Unknown_serial_without_a_lot_in_the_code_is_UnknownSerial_only()
    {
        var outcome = await _world.ScanAsync(Pharmacy, Code("NOSUCHSERIAL", lot: null), Verify);

        Assert.Equal(["UnknownSerial"], outcome.Alerts.Select(a => a.Kind));
    }

    [Fact]
    public async Task Lot_mismatch_is_an_alert_and_changes_nothing()
    {
        var serial = await _world.PackAtAsync(Pharmacy);
        await _world.CommissionAsync("LOT43", 1);
        var logBefore = _world.Ledger.Log.Count;

        var outcome = await _world.ScanAsync(Pharmacy, Code(serial, lot: "LOT43"), Dispense);

        Assert.Equal(ScanOutcome.Alert, outcome.Verdict);
        Assert.Equal(["LotMismatch"], outcome.Alerts.Select(a => a.Kind));
        Assert.Equal("LOT42", outcome.Pack?.Lot);
        Assert.Equal("Active", outcome.Pack?.Status);
        Assert.Equal(logBefore, _world.Ledger.Log.Count);
    }

    [Fact]
    public async Task Expiry_mismatch_is_an_alert()
    {
        var serial = await _world.PackAtAsync(Pharmacy);

        var outcome = await _world.ScanAsync(Pharmacy, Code(serial, expiry: "271130"), Dispense);

        Assert.Equal(["ExpiryMismatch"], outcome.Alerts.Select(a => a.Kind));
    }

    [Fact]
    public async Task Unreadable_code_is_a_ValidationException_with_the_parsers_message()
    {
        var ex = await Assert.ThrowsAsync<ValidationException>(() => _world.ScanAsync(Pharmacy, "(01)09506000134352(17)271231(10)LOT42", Verify).AsTask());

        Assert.Equal(["The code has no serial number (21): it identifies a product, not a pack."], ex.Errors["code"]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Empty_code_is_a_ValidationException(string code)
    {
        var ex = await Assert.ThrowsAsync<ValidationException>(() => _world.ScanAsync(Pharmacy, code, Verify).AsTask());

        Assert.True(ex.Errors.ContainsKey("code"));
    }

    [Fact]
    public async Task Ship_to_an_unknown_gln_is_a_ValidationException()
    {
        var serial = await _world.PackAtAsync(Maker);

        var ex = await Assert.ThrowsAsync<ValidationException>(() =>
            _world.ScanAsync(Maker, Code(serial), new PackCommand(PackAction.Ship, UnknownGln)).AsTask());

        Assert.Equal([$"No party with GLN {UnknownGln} is registered."], ex.Errors["to"]);
        Assert.Single(await _world.Ledger.GetChainAsync(StreamKind.Pack, Gtin, serial, default));
    }

    [Theory]
    [InlineData("regulator")]
    [InlineData("manufacturer")]
    public async Task Ship_to_a_party_that_can_never_receive_is_a_ValidationException(string who)
    {
        // Otherwise the pack would stay in transit for ever: only wholesalers and pharmacies receive.
        var serial = await _world.PackAtAsync(Wholesaler);
        var to = who == "regulator" ? Regulator : Maker;

        var ex = await Assert.ThrowsAsync<ValidationException>(() =>
            _world.ScanAsync(Wholesaler, Code(serial), new PackCommand(PackAction.Ship, to.Gln)).AsTask());

        Assert.Contains(to.Name, Assert.Single(ex.Errors["to"]));
        Assert.Equal("Active", (await _world.ScanAsync(Wholesaler, Code(serial), Verify)).Pack?.Status);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("4012345000017")] // wrong check digit
    [InlineData("12345")]
    public async Task Ship_without_a_valid_gln_is_a_ValidationException(string? to)
    {
        var serial = await _world.PackAtAsync(Maker);

        var ex = await Assert.ThrowsAsync<ValidationException>(() =>
            _world.ScanAsync(Maker, Code(serial), new PackCommand(PackAction.Ship, to)).AsTask());

        Assert.StartsWith("Say who the pack is shipped to", Assert.Single(ex.Errors["to"]));
    }

    [Fact]
    public async Task Accepted_handoff_appends_a_sealed_event_on_the_head()
    {
        var serial = await _world.PackAtAsync(Pharmacy);
        var before = (await _world.Ledger.FindPackAsync(Gtin, serial, default))!;

        var outcome = await _world.ScanAsync(Pharmacy, Code(serial), Dispense);

        Assert.Equal(ScanOutcome.Ok, outcome.Verdict);
        Assert.Equal("Dispensed", outcome.Pack?.Status);
        var chain = await _world.Ledger.GetChainAsync(StreamKind.Pack, Gtin, serial, default);
        var last = chain[^1].Event;
        Assert.Equal(new EventRef(before.Head.Seq + 1, last.Hash.ToHex()), outcome.Event);
        Assert.Equal((EventType.Dispensed, Pharmacy.Gln, before.Head.Hash), (last.Type, last.Actor, last.PrevHash));
        Assert.Equal(EventHasher.TruncateToMilliseconds(Start), last.OccurredAt);
        Assert.Empty(ChainAuditor.VerifyChain(chain.Select(s => s.Event)));
        Assert.Equal(PackStatus.Dispensed, (await _world.Ledger.FindPackAsync(Gtin, serial, default))!.Status);
    }

    [Fact]
    public async Task Verification_does_not_change_the_pack()
    {
        var serial = await _world.PackAtAsync(Pharmacy);
        var logBefore = _world.Ledger.Log.Count;

        var outcome = await _world.ScanAsync(Pharmacy, Code(serial), Verify);

        Assert.Equal(ScanOutcome.Ok, outcome.Verdict);
        Assert.Equal("Genuine pack.", outcome.Message);
        Assert.Equal(logBefore, _world.Ledger.Log.Count);
    }

    [Fact]
    public async Task A_genuine_pack_verified_by_a_party_the_ledger_does_not_place_it_with_is_a_custody_exception_not_a_clone()
    {
        var serial = await _world.PackAtAsync(Pharmacy);
        var logBefore = _world.Ledger.Log.Count;
        // The holder's own receipt is older than the clone window: custody alone is in question.
        _world.Clock.Advance(_world.AlertOptions.CloneWindow + TimeSpan.FromMinutes(1));

        var outcome = await _world.ScanAsync(OtherPharmacy, Code(serial), Verify);

        Assert.Equal(ScanOutcome.Warning, outcome.Verdict);
        Assert.Equal([("CustodyException", "low")], outcome.Alerts.Select(a => (a.Kind, a.Severity)));
        Assert.NotNull(outcome.Alerts[0].Id);
        Assert.Contains("has not yet recorded a shipment of this pack to you", outcome.Message);
        // Genuine and its status, but never who holds it (least disclosure).
        Assert.DoesNotContain("Corner Pharmacy", outcome.Message);
        Assert.DoesNotContain(Pharmacy.Gln, string.Join(" ", outcome.Message, outcome.Alerts.Select(a => a.Message)));
        Assert.Equal((null, "Active"), (outcome.Pack!.Custodian, outcome.Pack.Status));
        Assert.Equal(logBefore, _world.Ledger.Log.Count);
        var stored = Assert.Single(_world.Alerts.All);
        Assert.Equal((Domain.Alerts.AlertKind.CustodyException, Domain.Alerts.Severity.Low, OtherPharmacy.Gln, Maker.Gln, Pharmacy.Gln),
            (stored.Kind, stored.Severity, stored.ScanningParty, stored.BrandOwner, stored.Custodian));
    }

    [Fact]
    public async Task A_dispensed_pack_verified_at_another_pharmacy_is_a_suspected_clone()
    {
        var serial = await _world.PackAtAsync(Pharmacy);
        await _world.ScanAsync(Pharmacy, Code(serial), Dispense);

        var outcome = await _world.ScanAsync(OtherPharmacy, Code(serial), Verify);

        Assert.Equal(ScanOutcome.Alert, outcome.Verdict);
        Assert.Contains("CloneSuspected", outcome.Alerts.Select(a => a.Kind));
        Assert.DoesNotContain("Corner Pharmacy", string.Join(" ", outcome.Alerts.Where(a => a.Kind == "CloneSuspected").Select(a => a.Message)));
    }

    [Fact]
    public async Task Receiving_a_pack_not_shipped_to_you_stays_refused_as_custody_mismatch()
    {
        var serial = await _world.PackAtAsync(Pharmacy);
        var outcome = await _world.ScanAsync(OtherPharmacy, Code(serial), new PackCommand(PackAction.Receive));
        Assert.Equal(ScanOutcome.Alert, outcome.Verdict);
        // Refused as a mismatch, and the same custody exception a verification raises is recorded.
        Assert.Equal(["CustodyMismatch", "CustodyException"], outcome.Alerts.Select(a => a.Kind));
        Assert.DoesNotContain("Corner Pharmacy", outcome.Message);
    }

    [Fact]
    public async Task Plain_mistake_is_refused_without_alerts()
    {
        var serial = await _world.PackAtAsync(Pharmacy);

        var outcome = await _world.ScanAsync(Pharmacy, Code(serial), new PackCommand(PackAction.Receive));

        Assert.Equal(ScanOutcome.Refused, outcome.Verdict);
        Assert.Empty(outcome.Alerts);
        Assert.Equal("This pack is already in your stock.", outcome.Message);
    }

    [Fact]
    public async Task A_lost_race_is_re_read_and_re_decided_to_the_business_answer()
    {
        var serial = await _world.PackAtAsync(Pharmacy);
        var code = Code(serial);
        // Another till of the same pharmacy dispenses the pack between our read and our append.
        _world.Ledger.BeforeNextAppend = async () => Assert.Equal(ScanOutcome.Ok, (await _world.ScanAsync(Pharmacy, code, Dispense)).Verdict);
        var readsBefore = _world.Ledger.PackReads;

        var outcome = await _world.ScanAsync(Pharmacy, code, Dispense);

        Assert.Equal(1, _world.Ledger.LostAppends);
        Assert.Equal(ScanOutcome.Alert, outcome.Verdict);
        Assert.Equal(["AlreadyInactive"], outcome.Alerts.Select(a => a.Kind));
        // Our read, the winner's read, and our re-read.
        Assert.Equal(readsBefore + 3, _world.Ledger.PackReads);
        var chain = await _world.Ledger.GetChainAsync(StreamKind.Pack, Gtin, serial, default);
        Assert.Single(chain, s => s.Event.Type == EventType.Dispensed);
    }

    [Fact]
    public async Task A_lost_race_that_leaves_the_action_possible_is_retried_on_the_new_head()
    {
        var serial = await _world.PackAtAsync(Pharmacy);
        var code = Code(serial);
        // The pharmacy locks and unlocks the pack while our dispense is being decided.
        _world.Ledger.BeforeNextAppend = async () =>
        {
            await _world.ScanAsync(Pharmacy, code, new PackCommand(PackAction.Decommission, Reason: DecommissionReason.Locked));
            await _world.ScanAsync(Pharmacy, code, new PackCommand(PackAction.Unlock));
        };
        var headBefore = (await _world.Ledger.FindPackAsync(Gtin, serial, default))!.Head.Seq;

        var outcome = await _world.ScanAsync(Pharmacy, code, Dispense);

        Assert.Equal(1, _world.Ledger.LostAppends);
        Assert.Equal(ScanOutcome.Ok, outcome.Verdict);
        Assert.Equal(headBefore + 3, outcome.Event?.Seq);
        var chain = await _world.Ledger.GetChainAsync(StreamKind.Pack, Gtin, serial, default);
        Assert.Equal([EventType.Decommissioned, EventType.Unlocked, EventType.Dispensed], chain.TakeLast(3).Select(s => s.Event.Type));
        Assert.Empty(ChainAuditor.VerifyChain(chain.Select(s => s.Event)));
    }

    [Fact]
    public async Task Every_scan_is_written_to_the_scan_log_with_its_verdict()
    {
        var serial = await _world.PackAtAsync(Pharmacy);
        var setupScans = _world.ScanLog.Scans.Count;
        _world.Clock.Advance(_world.AlertOptions.CloneWindow + TimeSpan.FromMinutes(5));

        await _world.ScanAsync(OtherPharmacy, Code(serial), Verify);
        await _world.ScanAsync(Pharmacy, Code(serial), new PackCommand(PackAction.Receive));
        await _world.ScanAsync(Pharmacy, Code(serial), Dispense);
        await _world.ScanAsync(Pharmacy, Code(serial), Dispense);
        await _world.ScanAsync(Pharmacy, Code(serial), new PackCommand(PackAction.UndoDispense));
        await _world.ScanAsync(Pharmacy, Code("NOSUCHSERIAL", lot: "FAKE1"), Verify);

        var scans = _world.ScanLog.Scans.Skip(setupScans).ToList();
        Assert.Equal(
            [
                (OtherPharmacy.Gln, "verify", "warning", (string?)"CustodyException"),
                (Pharmacy.Gln, "receive", "refused", null),
                (Pharmacy.Gln, "dispense", "ok", null),
                (Pharmacy.Gln, "dispense", "alert", "AlreadyInactive"),
                (Pharmacy.Gln, "undo-dispense", "ok", null),
                (Pharmacy.Gln, "verify", "alert", "UnknownSerial,UnknownLot"),
            ],
            scans.Select(s => (s.Actor, s.Action, s.Verdict, s.Alerts)));
        Assert.All(scans.Take(5), s => Assert.Equal((Code(serial), Gtin, serial), (s.Code, s.Gtin, s.Serial)));
        Assert.Equal("NOSUCHSERIAL", scans[5].Serial);
        Assert.All(scans, s => Assert.Equal(EventHasher.TruncateToMilliseconds(Start + _world.AlertOptions.CloneWindow + TimeSpan.FromMinutes(5)), s.At));
    }

    [Fact]
    public async Task The_scanned_code_is_logged_as_scanned()
    {
        var serial = await _world.PackAtAsync(Pharmacy);
        var dataMatrix = $"]d201{Gtin}1727123110LOT42\u001d21{serial}";

        var outcome = await _world.ScanAsync(Pharmacy, dataMatrix, Dispense);

        Assert.Equal(ScanOutcome.Ok, outcome.Verdict);
        var scan = _world.ScanLog.Scans[^1];
        Assert.Equal((dataMatrix, Gtin, serial, "dispense"), (scan.Code, scan.Gtin, scan.Serial, scan.Action.Name));
    }

    [Fact]
    public async Task A_recalled_lot_shows_in_the_pack_view_and_blocks_dispensing()
    {
        var serial = await _world.PackAtAsync(Pharmacy);
        var lot = _world.Catalog.Lots[(Gtin, "LOT42")];
        _world.Catalog.Lots[(Gtin, "LOT42")] = lot with { RecalledAt = Start, RecallReason = "contamination" };

        var verify = await _world.ScanAsync(Pharmacy, Code(serial), Verify);
        var dispense = await _world.ScanAsync(Pharmacy, Code(serial), Dispense);

        Assert.Equal("Recalled", verify.Pack?.Status);
        Assert.Equal(["Recalled"], verify.Alerts.Select(a => a.Kind));
        Assert.Equal(["Recalled"], dispense.Alerts.Select(a => a.Kind));
        Assert.Equal("high", dispense.Alerts[0].Severity);
    }

    [Fact]
    public async Task The_alert_of_an_ordinary_flagged_scan_names_the_scanned_pack()
    {
        var serial = await _world.PackAtAsync(Pharmacy);

        var outcome = await _world.ScanAsync(OtherPharmacy, Code(serial), Dispense);

        Assert.Equal(ScanOutcome.Alert, outcome.Verdict);
        Assert.All(_world.Alerts.All, a => Assert.Equal((Gtin, serial, false), (a.PackGtin, a.PackSerial, a.ProbableScanningError)));
        Assert.NotEmpty(_world.Alerts.All);
    }

    [Fact]
    public async Task An_alert_store_that_fails_fails_a_refused_scan_but_not_a_committed_one()
    {
        var serial = await _world.PackAtAsync(Pharmacy);
        var failing = new FailingAlertStore(new StoreUnavailableException("alert store down", new IOException("down")));
        var handoffs = new PackHandoffs(_world.Ledger, _world.Catalog, new PartyDirectory(_world.Parties), _world.ScanLog,
            new AlertRaiser(failing, _world.Publisher, Options.Create(_world.AlertOptions), _world.Clock), _world.Clock, Options.Create(_world.AlertOptions));

        // Nothing committed: the alert is all this scan stores, so its failure is the answer.
        var refused = await Assert.ThrowsAsync<StoreUnavailableException>(async () => await handoffs.HandleAsync(OtherPharmacy, Code(serial), Dispense, default));
        Assert.Same(failing.Error, refused);

        // Committed: the confirmation stands, and its alert is answered unsaved, at its rule's severity.
        await handoffs.HandleAsync(Pharmacy, Code(serial), new PackCommand(PackAction.Quarantine, Note: "seal broken"), default);
        var confirmed = await handoffs.HandleAsync(Pharmacy, Code(serial), new PackCommand(PackAction.ConfirmIllegitimate), default);

        Assert.Equal(ScanOutcome.Ok, confirmed.Verdict);
        Assert.NotNull(confirmed.Event);
        var alert = Assert.Single(confirmed.Alerts);
        Assert.Equal((null, "ConfirmedIllegitimate", "critical"), (alert.Id, alert.Kind, alert.Severity));
        // Without a reason the text goes straight on after "quarantine".
        Assert.StartsWith("This pack was confirmed illegitimate on 2026-03-14 09:26 UTC after its quarantine. It is decommissioned for good;", alert.Message);
        Assert.Equal(PackStatus.Illegitimate, (await _world.Ledger.FindPackAsync(Gtin, serial, default))!.Status);
        Assert.Empty(_world.Alerts.All);
    }

    /// <summary>An alert store whose every raise fails.</summary>
    private sealed class FailingAlertStore(Exception error) : IAlertStore
    {
        public Exception Error { get; } = error;
        public ValueTask<(Alert Alert, bool IsNew)> RaiseAsync(Alert alert, TimeSpan window, CancellationToken cancellationToken) => throw Error;
        public ValueTask<Alert?> GetAsync(long id, CancellationToken cancellationToken) => ValueTask.FromResult<Alert?>(null);
        public ValueTask<IReadOnlyList<Alert>> QueryAsync(AlertQuery query, CancellationToken cancellationToken) => ValueTask.FromResult<IReadOnlyList<Alert>>([]);
        public ValueTask<bool> TryUpdateAsync(Alert updated, CancellationToken cancellationToken) => ValueTask.FromResult(false);
    }
}
