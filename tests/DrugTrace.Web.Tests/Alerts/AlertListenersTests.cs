using DrugTrace.Application.Alerts;
using DrugTrace.Domain.Alerts;
using DrugTrace.Web.Alerts;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging.Abstractions;

namespace DrugTrace.Web.Tests.Alerts;

/// <summary>
/// The SignalR push path (<see cref="AlertFanout"/> into <see cref="AlertListeners"/>) with listeners that read and
/// one that stopped reading. No clock: every wait is on what a listener received, with a bound only on failure.
/// </summary>
public sealed class AlertListenersTests
{
    private const string Pharmacy = "4012347000014";
    private const string Manufacturer = "4012345000016";
    // More pushes than the old loop let be outstanding (1,000) and than a listener's queue holds.
    private const int Alerts = 3 * AlertListeners.QueueLimit;

    private readonly FakeAlertsHub _hub = new();
    private readonly AlertQueue _queue = new();
    private readonly AlertListeners _listeners;

    public AlertListenersTests() => _listeners = new AlertListeners(_hub, Microsoft.Extensions.Options.Options.Create(new JsonHubProtocolOptions()), NullLogger<AlertListeners>.Instance);

    private async Task<AlertFanout> StartAsync()
    {
        var fanout = new AlertFanout(_queue, _listeners, new AlertBroadcaster(NullLogger<AlertBroadcaster>.Instance), NullLogger<AlertFanout>.Instance);
        await fanout.StartAsync(CancellationToken.None);
        return fanout;
    }

    [Fact]
    public async Task A_listener_that_stopped_reading_holds_up_nobody_and_is_then_told_exactly_what_it_missed()
    {
        using var fanout = await StartAsync();
        var stuck = Connect("stuck", AlertsHub.Regulators, stuck: true);
        var reading = Connect("reading", AlertsHub.Regulators);

        // The reading listener keeps up: each batch has reached it before the next is raised.
        for (var id = 1; id <= Alerts; id++)
        {
            _queue.Enqueue(Alert(id, Pharmacy), isNew: true);
            if (id % 100 == 0) await reading.WaitUntilAsync(r => r.Count == id);
        }
        Assert.Equal(Enumerable.Range(1, Alerts).Select(i => (long)i), reading.Received.Cast<AlertDto>().Select(a => a.Id));

        stuck.Release();
        await stuck.WaitUntilAsync(r => r.OfType<AlertsMissed>().Any());
        var got = stuck.Received;
        // What was queued came first, in order, then one notice covering every alert after it; nothing twice, nothing left out.
        var pushed = got.Take(got.Count - 1).Cast<AlertDto>().Select(a => a.Id).ToList();
        Assert.InRange(pushed.Count, AlertListeners.QueueLimit, AlertListeners.QueueLimit + 1);
        Assert.Equal(Enumerable.Range(1, pushed.Count).Select(i => (long)i), pushed);
        Assert.Equal(new AlertsMissed(pushed.Count, Alerts), Assert.IsType<AlertsMissed>(got[^1]));

        // Caught up, it is pushed to live again.
        _queue.Enqueue(Alert(Alerts + 1, Pharmacy), isNew: true);
        await stuck.WaitUntilAsync(r => r[^1] is AlertDto { Id: Alerts + 1 });
        await reading.WaitUntilAsync(r => r.Count == Alerts + 1);
        Assert.Single(stuck.Received.OfType<AlertsMissed>());
        await fanout.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_listener_that_stalls_briefly_gets_every_push_in_order_and_no_notice_then_live_pushes_again()
    {
        using var fanout = await StartAsync();
        var slow = Connect("slow", AlertsHub.Regulators, stuck: true);
        var reading = Connect("reading", AlertsHub.Regulators);
        const int Behind = AlertListeners.QueueLimit / 2;

        for (var id = 1; id <= Behind; id++) _queue.Enqueue(Alert(id, Pharmacy), isNew: true);
        await reading.WaitUntilAsync(r => r.Count == Behind);
        // Only the first send reached it: the rest wait behind that send, which has not completed.
        Assert.Single(slow.Received);

        slow.Release();
        await slow.WaitUntilAsync(r => r.Count == Behind);
        _queue.Enqueue(Alert(Behind + 1, Pharmacy), isNew: false);
        await slow.WaitUntilAsync(r => r.Count == Behind + 1);

        Assert.Equal(Enumerable.Range(1, Behind + 1).Select(i => (long)i), slow.Received.Cast<AlertDto>().Select(a => a.Id));
        await fanout.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Each_listener_gets_what_its_audience_may_see_and_the_scanning_party_no_notes()
    {
        using var fanout = await StartAsync();
        var regulator = Connect("regulator", AlertsHub.Regulators);
        var brandOwner = Connect("brand", AlertsHub.PartyGroup(Manufacturer));
        var scanner = Connect("scanner", AlertsHub.PartyGroup(Pharmacy));
        var other = Connect("other", AlertsHub.PartyGroup("5012347000013"));
        var noted = Alert(1, Pharmacy, Manufacturer) with
        {
            History = [new AlertChange(DateTimeOffset.UnixEpoch, "4012349000012", AlertStatus.Investigating, null, "Check the supplier")],
        };

        _queue.Enqueue(noted, isNew: false);
        _queue.Enqueue(Alert(2, "5012347000013"), isNew: true);

        await regulator.WaitUntilAsync(r => r.Count == 2);
        await other.WaitUntilAsync(r => r.Count == 1);
        await brandOwner.WaitUntilAsync(r => r.Count == 1);
        await scanner.WaitUntilAsync(r => r.Count == 1);
        Assert.Equal("Check the supplier", Assert.IsType<AlertDto>(Assert.Single(brandOwner.Received)).History[0].Note);
        Assert.Null(Assert.IsType<AlertDto>(Assert.Single(scanner.Received)).History[0].Note);
        Assert.Equal(2, Assert.IsType<AlertDto>(Assert.Single(other.Received)).Id);
        await fanout.StopAsync(CancellationToken.None);
    }

    private FakeAlertsListener Connect(string connectionId, string audience, bool stuck = false)
    {
        var listener = _hub.Add(connectionId, stuck);
        _listeners.Connect(connectionId, audience);
        return listener;
    }

    private static Alert Alert(long id, string scanningParty, string? brandOwner = null) => TestAlerts.Alert(id, scanningParty, brandOwner);
}
