using DrugTrace.Application.Alerts;
using DrugTrace.Domain.Alerts;
using DrugTrace.Domain.Parties;
using DrugTrace.Web.Alerts;
using Microsoft.Extensions.Logging.Abstractions;

namespace DrugTrace.Web.Tests.Alerts;

public sealed class AlertBroadcasterTests
{
    private static readonly Party Regulator = new("4012349000012", "Authority", PartyRole.Regulator);
    private static readonly Party Pharmacy = new("4012347000014", "Linden-Apotheke", PartyRole.Pharmacy);
    private static readonly Party OtherPharmacy = new("5012347000013", "Harbour Street Pharmacy", PartyRole.Pharmacy);
    private static readonly Party Manufacturer = new("4012345000016", "Helvetia Pharma AG", PartyRole.Manufacturer);
    private static readonly Party OtherManufacturer = new("5012345000015", "Nordic Generics A/S", PartyRole.Manufacturer);

    private readonly AlertBroadcaster _broadcaster = new(NullLogger<AlertBroadcaster>.Instance);

    [Fact]
    public async Task A_stuck_subscriber_does_not_hold_up_the_others()
    {
        var stuck = new TaskCompletionSource();
        using var _ = _broadcaster.Subscribe(Regulator, (_, _) => stuck.Task);
        var received = new List<long>();
        var allThree = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var __ = _broadcaster.Subscribe(Regulator, (a, _) =>
        {
            lock (received) received.Add(a.Id);
            if (received.Count == 3) allThree.TrySetResult();
            return Task.CompletedTask;
        });

        for (var id = 1; id <= 3; id++) await _broadcaster.PublishAsync(Alert(id, Pharmacy.Gln), isNew: true);

        await allThree.Task.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal([1L, 2L, 3L], received);
        stuck.SetResult();
    }

    [Fact]
    public async Task A_subscriber_gets_only_what_its_party_may_see()
    {
        var got = new List<long>();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var _ = _broadcaster.Subscribe(OtherPharmacy, (a, _) =>
        {
            got.Add(a.Id);
            if (a.Id == 2) done.TrySetResult();
            return Task.CompletedTask;
        });
        await _broadcaster.PublishAsync(Alert(1, Pharmacy.Gln), isNew: true);
        await _broadcaster.PublishAsync(Alert(2, OtherPharmacy.Gln), isNew: true);
        await done.Task.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal([2L], got);
    }

    [Fact]
    public async Task A_manufacturer_subscriber_gets_the_alerts_on_its_brands_and_not_another_brands()
    {
        var got = new List<long>();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var _ = _broadcaster.Subscribe(Manufacturer, (a, _) =>
        {
            got.Add(a.Id);
            if (a.Id == 4) done.TrySetResult();
            return Task.CompletedTask;
        });
        await _broadcaster.PublishAsync(Alert(1, Pharmacy.Gln, brandOwner: OtherManufacturer.Gln), isNew: true);
        await _broadcaster.PublishAsync(Alert(2, Pharmacy.Gln, brandOwner: Manufacturer.Gln), isNew: true);
        await _broadcaster.PublishAsync(Alert(3, OtherPharmacy.Gln), isNew: true);
        await _broadcaster.PublishAsync(Alert(4, Manufacturer.Gln, brandOwner: OtherManufacturer.Gln), isNew: true);
        await done.Task.WaitAsync(TimeSpan.FromSeconds(60));
        // 2 is on its brand; 4 it raised itself (scanning another brand's pack).
        Assert.Equal([2L, 4L], got);
    }

    [Fact]
    public async Task A_subscriber_that_throws_is_dropped_and_one_that_unsubscribes_hears_no_more()
    {
        var failed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _broadcaster.Subscribe(Regulator, (_, _) =>
        {
            failed.TrySetResult();
            throw new InvalidOperationException("page gone");
        });
        var quiet = _broadcaster.Subscribe(Regulator, (_, _) => Task.CompletedTask);
        Assert.Equal(2, _broadcaster.Count);

        await _broadcaster.PublishAsync(Alert(1, Pharmacy.Gln), isNew: true);
        await failed.Task.WaitAsync(TimeSpan.FromSeconds(60));
        // The failing pump drops its subscriber just after the handler threw: wait for that, generously.
        Assert.True(SpinWait.SpinUntil(() => _broadcaster.Count == 1, TimeSpan.FromSeconds(60)), $"{_broadcaster.Count} subscribers left");
        quiet.Dispose();
        Assert.Equal(0, _broadcaster.Count);
    }

    private static Alert Alert(long id, string scanningParty, string? brandOwner = null) => TestAlerts.Alert(id, scanningParty, brandOwner);
}
