using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Packs;
using DrugTrace.Application.Tests.TestDoubles;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Packs;
using static DrugTrace.Application.Tests.TestDoubles.TestWorld;

namespace DrugTrace.Application.Tests.Packs;

/// <summary>Scans queued in a browser while the server was unreachable, replayed later with the time they were made.</summary>
public class QueuedScanTests
{
    private readonly TestWorld _world = new();

    private static readonly PackCommand Dispense = new(PackAction.Dispense);

    private ValueTask<ScanOutcome> ReplayAsync(string code, DateTimeOffset scannedAt) =>
        _world.Handoffs().HandleScanAsync(Pharmacy, code, Dispense, scannedAt, CancellationToken.None);

    [Fact]
    public async Task A_queued_dispense_is_recorded_at_the_time_it_was_scanned()
    {
        var serial = await _world.PackAtAsync(Pharmacy);
        var scannedAt = _world.Clock.GetUtcNow().AddMinutes(-42).AddTicks(5);

        var outcome = await ReplayAsync(Code(serial), scannedAt);

        Assert.Equal(ScanOutcome.Ok, outcome.Verdict);
        var e = _world.Ledger.Log[^1].Event;
        Assert.Equal(EventType.Dispensed, e.Type);
        Assert.Equal(EventHasher.TruncateToMilliseconds(scannedAt), e.OccurredAt);
        Assert.Equal(EventHasher.TruncateToMilliseconds(_world.Clock.GetUtcNow()), e.RecordedAt);
    }

    [Fact]
    public async Task The_same_queued_scan_replayed_twice_appends_one_event_and_raises_no_alert()
    {
        var serial = await _world.PackAtAsync(Pharmacy);
        var scannedAt = _world.Clock.GetUtcNow().AddMinutes(-5);
        await ReplayAsync(Code(serial), scannedAt);
        var events = _world.Ledger.Log.Count;
        _world.Clock.Advance(TimeSpan.FromSeconds(30));

        var again = await ReplayAsync(Code(serial), scannedAt);

        Assert.Equal(ScanOutcome.Ok, again.Verdict);
        Assert.StartsWith("Already recorded", again.Message);
        Assert.Empty(again.Alerts);
        Assert.Equal(events, _world.Ledger.Log.Count);
        Assert.Empty(_world.Alerts.All);
    }

    [Fact]
    public async Task A_dispense_made_in_the_same_millisecond_as_the_receive_before_it_is_applied_not_taken_for_a_replay()
    {
        var serial = await _world.PackAtAsync(Wholesaler);
        await _world.ScanAsync(Wholesaler, Code(serial), new PackCommand(PackAction.Ship, Pharmacy.Gln));
        var scannedAt = _world.Clock.GetUtcNow().AddMinutes(-5);
        var handoffs = _world.Handoffs();
        await handoffs.HandleScanAsync(Pharmacy, Code(serial), new PackCommand(PackAction.Receive), scannedAt, CancellationToken.None);

        var dispensed = await handoffs.HandleScanAsync(Pharmacy, Code(serial), Dispense, scannedAt, CancellationToken.None);

        Assert.Equal(ScanOutcome.Ok, dispensed.Verdict);
        Assert.DoesNotContain("Already recorded", dispensed.Message);
        Assert.Equal([EventType.Received, EventType.Dispensed], _world.Ledger.Log.TakeLast(2).Select(s => s.Event.Type));
    }

    [Fact]
    public async Task A_second_dispense_at_another_time_is_still_an_alert()
    {
        var serial = await _world.PackAtAsync(Pharmacy);
        await ReplayAsync(Code(serial), _world.Clock.GetUtcNow().AddMinutes(-5));

        var other = await ReplayAsync(Code(serial), _world.Clock.GetUtcNow().AddMinutes(-4));

        Assert.Equal(ScanOutcome.Alert, other.Verdict);
        Assert.Equal(["AlreadyInactive"], other.Alerts.Select(a => a.Kind));
    }

    [Fact]
    public async Task A_scan_time_far_in_the_future_or_older_than_the_queue_keeps_is_refused_and_changes_nothing()
    {
        var serial = await _world.PackAtAsync(Pharmacy);
        var events = _world.Ledger.Log.Count;
        var now = _world.Clock.GetUtcNow();

        var future = await Assert.ThrowsAsync<ValidationException>(() => ReplayAsync(Code(serial), now.AddHours(1)).AsTask());
        var old = await Assert.ThrowsAsync<ValidationException>(() => ReplayAsync(Code(serial), now - PackHandoffs.MaxQueuedAge - TimeSpan.FromMinutes(1)).AsTask());

        Assert.Contains("future", future.Errors["scannedAt"][0]);
        Assert.Contains("scan the pack again", old.Errors["scannedAt"][0]);
        Assert.Equal(events, _world.Ledger.Log.Count);
    }

    [Fact]
    public async Task A_scan_without_a_queued_time_happens_now()
    {
        var serial = await _world.PackAtAsync(Pharmacy);

        await _world.Handoffs().HandleScanAsync(Pharmacy, Code(serial), Dispense, null, CancellationToken.None);

        var e = _world.Ledger.Log[^1].Event;
        Assert.Equal(e.RecordedAt, e.OccurredAt);
    }

    [Fact]
    public async Task The_queue_limits_are_inclusive_and_their_refusals_worded()
    {
        var serial = await _world.PackAtAsync(Pharmacy);
        _world.Clock.Advance(PackHandoffs.MaxQueuedAge);
        var now = _world.Clock.GetUtcNow();

        var future = await Assert.ThrowsAsync<ValidationException>(() => ReplayAsync(Code(serial), now + PackHandoffs.ClockSkew + TimeSpan.FromSeconds(1)).AsTask());
        Assert.Equal("The scan time 2026-03-21 09:31:54Z is in the future; check the scanning device's clock.", future.Errors["scannedAt"].Single());
        var old = await Assert.ThrowsAsync<ValidationException>(() => ReplayAsync(Code(serial), now - PackHandoffs.MaxQueuedAge - TimeSpan.FromTicks(1)).AsTask());
        Assert.Equal("The scan was queued more than 7 days ago; scan the pack again.", old.Errors["scannedAt"].Single());

        // Exactly a week old (the moment the pack was received): still taken.
        Assert.Equal(ScanOutcome.Ok, (await ReplayAsync(Code(serial), now - PackHandoffs.MaxQueuedAge)).Verdict);
        Assert.Equal(EventHasher.TruncateToMilliseconds(now - PackHandoffs.MaxQueuedAge), _world.Ledger.Log[^1].Event.OccurredAt);
    }

    [Fact]
    public async Task A_device_clock_ahead_by_exactly_the_skew_allowed_is_taken()
    {
        var serial = await _world.PackAtAsync(Pharmacy);
        var now = _world.Clock.GetUtcNow();

        Assert.Equal(ScanOutcome.Ok, (await ReplayAsync(Code(serial), now + PackHandoffs.ClockSkew)).Verdict);
        Assert.Equal(EventHasher.TruncateToMilliseconds(now + PackHandoffs.ClockSkew), _world.Ledger.Log[^1].Event.OccurredAt);
    }
}
