using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Application.Dashboard;
using DrugTrace.Application.Tests.Alerts;
using DrugTrace.Application.Tests.TestDoubles;
using DrugTrace.Domain.Alerts;
using static DrugTrace.Application.Tests.TestDoubles.TestWorld;

namespace DrugTrace.Application.Tests.Dashboard;

public class GetDashboardTests
{
    private readonly TestWorld _world = new();

    private ValueTask<DashboardView> DashboardAsync(int days = 3, int hours = 3) =>
        new GetDashboardHandler(_world.Alerts, _world.ScanLog, _world.Parties, _world.Clock)
            .Handle(new GetDashboard(Regulator.Gln, days, hours), CancellationToken.None);

    [Fact]
    public async Task Alerts_are_counted_per_kind_and_per_day_inside_the_window_only()
    {
        // Start is 14 March 2026, 09:26 UTC: a 3-day window is 12, 13 and 14 March.
        var day = new DateTimeOffset(2026, 3, 14, 0, 0, 0, TimeSpan.Zero);
        await _world.Alerts.Store(AlertSamples.Make(Pharmacy.Gln, Maker.Gln, "A1", AlertKind.StolenPack, at: day.AddDays(-3).AddTicks(-1 + TimeSpan.TicksPerDay)));
        await _world.Alerts.Store(AlertSamples.Make(Pharmacy.Gln, Maker.Gln, "A2", AlertKind.StolenPack, at: day.AddDays(-2)));
        await _world.Alerts.Store(AlertSamples.Make(Pharmacy.Gln, Maker.Gln, "A3", AlertKind.UnknownSerial, at: day.AddHours(9)));
        await _world.Alerts.Store(AlertSamples.Make(Wholesaler.Gln, Maker.Gln, "A4", AlertKind.UnknownSerial, at: day.AddHours(9)));
        await _world.Alerts.Store(AlertSamples.Make(Wholesaler.Gln, Maker.Gln, "A5", AlertKind.UnknownSerial, scanningError: true, at: day.AddHours(9)));
        await _world.Alerts.Store(AlertSamples.Make(Pharmacy.Gln, Maker.Gln, "A6", AlertKind.Recalled, at: day.AddDays(-1)));

        var view = await DashboardAsync();

        Assert.Equal(Start, view.At);
        Assert.Equal(
            [new Tally("UnknownSerial", "UnknownSerial", 2), new Tally("ProbableScanningError", "Probable scanning error", 1),
             new Tally("Recalled", "Recalled", 1), new Tally("StolenPack", "StolenPack", 1)],
            view.AlertsByKind);
        Assert.Equal(
            [new Tally("2026-03-12", "12 Mar", 1), new Tally("2026-03-13", "13 Mar", 1), new Tally("2026-03-14", "14 Mar", 3)],
            view.AlertsPerDay);
        Assert.Equal(5, view.AlertTotal);
        Assert.False(view.Truncated);
    }

    [Fact]
    public async Task Open_alerts_are_counted_by_scanning_party_under_its_name_most_first()
    {
        var old = Start.AddDays(-100);
        await _world.Alerts.Store(AlertSamples.Make(Pharmacy.Gln, Maker.Gln, "B1", at: old));
        await _world.Alerts.Store(AlertSamples.Make(Wholesaler.Gln, Maker.Gln, "B2"));
        await _world.Alerts.Store(AlertSamples.Make(Wholesaler.Gln, Maker.Gln, "B3"));
        await _world.Alerts.Store(AlertSamples.Make(UnknownGln, Maker.Gln, "B4"));
        var closed = await _world.Alerts.Store(AlertSamples.Make(Pharmacy.Gln, Maker.Gln, "B5"));
        Assert.True(await _world.Alerts.TryUpdateAsync(closed with { Status = AlertStatus.Closed, Version = closed.Version + 1 }, default));

        var view = await DashboardAsync();

        // Open alerts of any age count; a party the store does not know is shown by its GLN. Ties go by name.
        Assert.Equal(
            [new Tally(Wholesaler.Gln, "Big Wholesale", 2), new Tally(UnknownGln, UnknownGln, 1), new Tally(Pharmacy.Gln, "Corner Pharmacy", 1)],
            view.OpenAlertsByParty);
        Assert.Equal(4, view.OpenTotal);
    }

    [Fact]
    public async Task Scans_are_counted_per_hour_with_empty_hours_as_zero()
    {
        // Start is 09:26: the last 3 hours are 07:00, 08:00 and 09:00.
        var hour = new DateTimeOffset(2026, 3, 14, 9, 0, 0, TimeSpan.Zero);
        foreach (var at in new[] { hour.AddHours(-3).AddMinutes(59), hour.AddHours(-2), hour.AddMinutes(1), hour.AddMinutes(20) })
            await _world.ScanLog.RecordAsync(new ScanRecord(at, Pharmacy.Gln, "verify", "(01)x", null, null, "ok", null), default);

        var view = await DashboardAsync();

        Assert.Equal(
            [new Tally("2026-03-14T07:00Z", "07:00", 1), new Tally("2026-03-14T08:00Z", "08:00", 0), new Tally("2026-03-14T09:00Z", "09:00", 2)],
            view.ScansPerHour);
        Assert.Equal(3, view.ScanTotal);
    }

    [Theory]
    [InlineData(0, 0, 1, 1)]
    [InlineData(-5, -5, 1, 1)]
    [InlineData(400, 1000, 366, 744)]
    [InlineData(14, 24, 14, 24)]
    public async Task The_window_is_kept_within_a_day_to_a_year_and_an_hour_to_a_month(int days, int hours, int expectedDays, int expectedHours)
    {
        var view = await DashboardAsync(days, hours);
        Assert.Equal(expectedDays, view.AlertsPerDay.Count);
        Assert.Equal(expectedHours, view.ScansPerHour.Count);
        Assert.Equal("2026-03-14", view.AlertsPerDay[^1].Key);
        Assert.Equal("2026-03-14T09:00Z", view.ScansPerHour[^1].Key);
    }

    [Fact]
    public async Task More_than_a_page_of_alerts_is_read_to_the_end_of_the_window()
    {
        for (var i = 0; i < 1005; i++)
            await _world.Alerts.Store(AlertSamples.Make(Pharmacy.Gln, Maker.Gln, $"P{i}", at: Start.AddSeconds(-i)));
        var view = await DashboardAsync(days: 1);
        Assert.Equal(1005, view.AlertTotal);
        Assert.Equal(1005, view.OpenTotal);
        Assert.False(view.Truncated);
    }

    [Fact]
    public async Task At_most_the_cap_of_alerts_in_the_window_is_read_and_more_is_reported()
    {
        // Closed alerts of today: only the window's read can reach the cap.
        var store = new ManyAlerts(GetDashboard.MaxAlertsRead + 1, Start, AlertStatus.Closed);

        var view = await new GetDashboardHandler(store, _world.ScanLog, _world.Parties, _world.Clock).Handle(new GetDashboard(Regulator.Gln, 3, 3), default);

        Assert.Equal((GetDashboard.MaxAlertsRead, 0, true), (view.AlertTotal, view.OpenTotal, view.Truncated));
    }

    [Fact]
    public async Task At_most_the_cap_of_open_alerts_is_read_and_more_is_reported()
    {
        // Open alerts older than the window: only the open alerts' read can reach the cap.
        var store = new ManyAlerts(GetDashboard.MaxAlertsRead + 1, Start.AddDays(-30), AlertStatus.Open);

        var view = await new GetDashboardHandler(store, _world.ScanLog, _world.Parties, _world.Clock).Handle(new GetDashboard(Regulator.Gln, 3, 3), default);

        Assert.Equal((0, GetDashboard.MaxAlertsRead, true), (view.AlertTotal, view.OpenTotal, view.Truncated));
    }

    [Fact]
    public async Task A_full_page_ending_at_the_windows_first_instant_is_read_on()
    {
        // Closed alerts all raised at the first instant of a one-day window: the first page of 1,000 ends at it, and the next holds one more.
        var from = new DateTimeOffset(2026, 3, 14, 0, 0, 0, TimeSpan.Zero);
        var store = new ManyAlerts(1001, from, AlertStatus.Closed);

        var view = await new GetDashboardHandler(store, _world.ScanLog, _world.Parties, _world.Clock).Handle(new GetDashboard(Regulator.Gln, 1, 3), default);

        Assert.Equal((1001, false), (view.AlertTotal, view.Truncated));
    }

    /// <summary>A store of <paramref name="count"/> alerts of one status raised at one instant, paged newest first as the stores do.</summary>
    private sealed class ManyAlerts(int count, DateTimeOffset at, AlertStatus status) : IAlertStore
    {
        private readonly Alert[] _all = [.. Enumerable.Range(0, count).Select(i => AlertSamples.Make(Pharmacy.Gln, Maker.Gln, $"S{i}", at: at) with { Id = count - i, Status = status })];

        public ValueTask<IReadOnlyList<Alert>> QueryAsync(AlertQuery query, CancellationToken cancellationToken) =>
            ValueTask.FromResult<IReadOnlyList<Alert>>(query.Status is { } only && only != status ? [] : [.. _all.Skip(query.Skip).Take(query.Take)]);

        public ValueTask<(Alert Alert, bool IsNew)> RaiseAsync(Alert alert, TimeSpan window, CancellationToken cancellationToken) => throw new NotSupportedException();
        public ValueTask<Alert?> GetAsync(long id, CancellationToken cancellationToken) => throw new NotSupportedException();
        public ValueTask<bool> TryUpdateAsync(Alert updated, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
