using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Application.Common.Security;
using DrugTrace.Domain.Alerts;
using DrugTrace.Domain.Parties;
using Mediator;

namespace DrugTrace.Application.Dashboard;

/// <summary>
/// The regulator's overview: alerts per kind and per day over the last <see cref="Days"/> days,
/// scans per hour over the last <see cref="Hours"/> hours, and open alerts by scanning party.
/// </summary>
public sealed record GetDashboard(string ActorGln, int Days = 14, int Hours = 24) : IRequest<DashboardView>, IActorRequest
{
    /// <summary>At most this many alerts are read for one chart; more is reported as <see cref="DashboardView.Truncated"/>.</summary>
    public const int MaxAlertsRead = 20_000;
}

/// <summary>A bar of a chart: what it counts (a key for code, a label for people) and how many.</summary>
public sealed record Tally(string Key, string Label, int Count);

public sealed record DashboardView(
    DateTimeOffset At,
    IReadOnlyList<Tally> AlertsByKind,
    IReadOnlyList<Tally> AlertsPerDay,
    IReadOnlyList<Tally> ScansPerHour,
    IReadOnlyList<Tally> OpenAlertsByParty,
    bool Truncated)
{
    public int AlertTotal => AlertsPerDay.Sum(d => d.Count);

    public int ScanTotal => ScansPerHour.Sum(h => h.Count);

    public int OpenTotal => OpenAlertsByParty.Sum(p => p.Count);
}

public sealed class GetDashboardHandler(IAlertStore alerts, IScanLog scans, IPartyStore parties, TimeProvider clock)
    : IRequestHandler<GetDashboard, DashboardView>
{
    /// <summary>The per-kind key under which probable scanning errors are counted, apart from real findings.</summary>
    public const string ScanningErrorKey = "ProbableScanningError";

    private const int Page = 1000;

    public async ValueTask<DashboardView> Handle(GetDashboard request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var days = Math.Clamp(request.Days, 1, 366);
        var hours = Math.Clamp(request.Hours, 1, 24 * 31);
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var firstDay = today.AddDays(1 - days);
        var from = new DateTimeOffset(firstDay.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

        // Newest first: stop at the first alert older than the window.
        var recent = new List<Alert>();
        var truncated = false;
        for (var skip = 0; ; skip += Page)
        {
            var page = await alerts.QueryAsync(new AlertQuery { Skip = skip, Take = Page }, cancellationToken);
            recent.AddRange(page.Where(a => a.RaisedAt >= from));
            if (page.Count < Page || page[^1].RaisedAt < from) break;
            if (recent.Count >= GetDashboard.MaxAlertsRead) { truncated = true; break; }
        }

        var open = new List<Alert>();
        for (var skip = 0; ; skip += Page)
        {
            var page = await alerts.QueryAsync(new AlertQuery { Status = AlertStatus.Open, Skip = skip, Take = Page }, cancellationToken);
            open.AddRange(page);
            if (page.Count < Page) break;
            if (open.Count >= GetDashboard.MaxAlertsRead) { truncated = true; break; }
        }

        var byKind = recent
            .GroupBy(a => a.ProbableScanningError ? ScanningErrorKey : a.Kind.ToString())
            .Select(g => new Tally(g.Key, g.Key == ScanningErrorKey ? "Probable scanning error" : g.Key, g.Count()))
            .OrderByDescending(t => t.Count).ThenBy(t => t.Key, StringComparer.Ordinal)
            .ToList();

        var perDayCounts = recent.GroupBy(a => DateOnly.FromDateTime(a.RaisedAt.UtcDateTime)).ToDictionary(g => g.Key, g => g.Count());
        var perDay = Enumerable.Range(0, days).Select(i => firstDay.AddDays(i))
            .Select(d => new Tally(d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                d.ToString("d MMM", System.Globalization.CultureInfo.InvariantCulture), perDayCounts.GetValueOrDefault(d)))
            .ToList();

        var thisHour = new DateTimeOffset(now.UtcDateTime.Year, now.UtcDateTime.Month, now.UtcDateTime.Day, now.UtcDateTime.Hour, 0, 0, TimeSpan.Zero);
        var firstHour = thisHour.AddHours(1 - hours);
        var scanCounts = (await scans.CountPerHourAsync(firstHour, cancellationToken)).ToDictionary(s => s.Hour.ToUniversalTime(), s => s.Count);
        var perHour = Enumerable.Range(0, hours).Select(i => firstHour.AddHours(i))
            .Select(h => new Tally(h.ToString("yyyy-MM-ddTHH:00Z", System.Globalization.CultureInfo.InvariantCulture),
                h.ToString("HH:00", System.Globalization.CultureInfo.InvariantCulture), scanCounts.GetValueOrDefault(h)))
            .ToList();

        var names = (await parties.ListAsync(cancellationToken)).ToDictionary(p => p.Gln, p => p.Name);
        var byParty = open.GroupBy(a => a.ScanningParty)
            .Select(g => new Tally(g.Key, names.GetValueOrDefault(g.Key, g.Key), g.Count()))
            .OrderByDescending(t => t.Count).ThenBy(t => t.Label, StringComparer.Ordinal)
            .ToList();

        return new DashboardView(now, byKind, perDay, perHour, byParty, truncated);
    }
}
