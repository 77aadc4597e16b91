using DrugTrace.Application.Alerts;
using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Packs;
using DrugTrace.Application.Tests.TestDoubles;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Packs;
using static DrugTrace.Application.Tests.TestDoubles.TestWorld;

namespace DrugTrace.Application.Tests.Packs;

/// <summary>
/// What fails after a handoff's event committed must not turn the answer into an error: the scan
/// log, the alert push, a reply the store lost. Each test shows the answer, the ledger and the alerts.
/// </summary>
public sealed class PostCommitFaultTests
{
    private static readonly PackCommand Dispense = new(PackAction.Dispense);

    private readonly TestWorld _world = new();

    [Fact]
    public async Task A_dispense_whose_scan_log_fails_answers_ok_with_the_committed_event()
    {
        var serial = await _world.PackAtAsync(Pharmacy);
        _world.ScanLog.FailWith = new StoreUnavailableException("disk full", new IOException("no space"));

        var outcome = await _world.ScanAsync(Pharmacy, Code(serial), Dispense);

        Assert.Equal(1, _world.ScanLog.Failures);
        Assert.Equal(ScanOutcome.Ok, outcome.Verdict);
        Assert.Equal("Dispensed", outcome.Pack?.Status);
        var head = Assert.Single(await _world.Ledger.GetChainAsync(StreamKind.Pack, Gtin, serial, default), s => s.Event.Type == EventType.Dispensed);
        Assert.Equal(new EventRef(head.Event.Seq, head.Event.Hash.ToHex()), outcome.Event);
        Assert.Empty(_world.Alerts.All);
    }

    [Fact]
    public async Task An_alert_whose_scan_log_fails_is_stored_and_answered()
    {
        await _world.CommissionAsync("LOT42", 1);
        _world.ScanLog.FailWith = new InvalidOperationException("scan log broken");

        var outcome = await _world.ScanAsync(Pharmacy, Code("NOSUCHSERIAL"), Dispense);

        Assert.Equal(ScanOutcome.Alert, outcome.Verdict);
        var stored = Assert.Single(_world.Alerts.All);
        Assert.Equal(stored.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), Assert.Single(outcome.Alerts).Id);
        Assert.Equal(Domain.Alerts.AlertKind.UnknownSerial, stored.Kind);
    }

    [Fact]
    public async Task An_alert_whose_push_fails_is_stored_and_answered()
    {
        await _world.CommissionAsync("LOT42", 1);
        _world.Publisher.FailWith = new InvalidOperationException("listener broken");

        var outcome = await _world.ScanAsync(Pharmacy, Code("NOSUCHSERIAL"), Dispense);

        Assert.Equal(ScanOutcome.Alert, outcome.Verdict);
        var stored = Assert.Single(_world.Alerts.All);
        Assert.Equal(stored.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), Assert.Single(outcome.Alerts).Id);
        // The push was tried (and failed); the store's feed delivers it from what was committed.
        Assert.IsType<AlertRaised>(Assert.Single(_world.Publisher.Published));
        Assert.Single(_world.ScanLog.Scans, s => s.Verdict == ScanOutcome.Alert);
    }

    [Fact]
    public async Task A_dispense_committed_but_whose_reply_was_lost_answers_ok_not_AlreadyInactive()
    {
        var serial = await _world.PackAtAsync(Pharmacy);
        // The store commits, then the connection drops before it says so (an unknown commit result).
        _world.Ledger.AfterNextAppend = () => throw new StoreUnavailableException("the connection was lost", new IOException("reset"));

        var outcome = await _world.ScanAsync(Pharmacy, Code(serial), Dispense);

        Assert.Equal(ScanOutcome.Ok, outcome.Verdict);
        Assert.Empty(outcome.Alerts);
        var dispensed = Assert.Single(await _world.Ledger.GetChainAsync(StreamKind.Pack, Gtin, serial, default), s => s.Event.Type == EventType.Dispensed);
        Assert.Equal(dispensed.Event.Hash.ToHex(), outcome.Event?.Hash);
        Assert.DoesNotContain(_world.Alerts.All, a => a.Kind == Domain.Alerts.AlertKind.AlreadyInactive);
        Assert.Equal(PackStatus.Dispensed, (await _world.Ledger.FindPackAsync(Gtin, serial, default))!.Status);
    }

    [Fact]
    public async Task An_append_that_failed_without_committing_is_still_an_error()
    {
        var serial = await _world.PackAtAsync(Pharmacy);
        var failure = new StoreUnavailableException("disk full", new IOException("no space"));
        // Fails before storing anything: the head stays where it was.
        _world.Ledger.BeforeNextAppend = () => ValueTask.FromException(failure);

        var thrown = await Assert.ThrowsAsync<StoreUnavailableException>(async () => await _world.ScanAsync(Pharmacy, Code(serial), Dispense));

        Assert.Same(failure, thrown);
        Assert.Equal(PackStatus.Active, (await _world.Ledger.FindPackAsync(Gtin, serial, default))!.Status);
        Assert.Empty(_world.Alerts.All);
    }
}
