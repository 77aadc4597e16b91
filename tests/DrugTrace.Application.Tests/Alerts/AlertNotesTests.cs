using DrugTrace.Application.Alerts;
using DrugTrace.Application.Tests.TestDoubles;
using DrugTrace.Domain.Alerts;
using DrugTrace.Domain.Parties;
using static DrugTrace.Application.Tests.Alerts.AlertSamples;
using static DrugTrace.Application.Tests.TestDoubles.TestWorld;

namespace DrugTrace.Application.Tests.Alerts;

/// <summary>The party being investigated does not read the regulator's notes; the regulator and the brand owner do.</summary>
public class AlertNotesTests
{
    private readonly InMemoryAlertStore _store = new();

    private async Task<Alert> InvestigatedAsync()
    {
        var alert = await _store.Store(Make(Pharmacy.Gln, Maker.Gln, "A1"));
        var (changed, _) = AlertLifecycle.Change(alert, AlertStatus.Investigating, null, "Checking the pharmacy's supplier.", Regulator.Gln, Start.AddHours(1));
        Assert.True(await _store.TryUpdateAsync(changed!, default));
        return changed!;
    }

    private ValueTask<AlertDto> Get(Party actor, long id) =>
        new GetAlertHandler(_store, ContextFor(actor)).Handle(new GetAlert(actor.Gln, id), CancellationToken.None);

    private async Task<AlertDto> ListedFor(Party actor) =>
        Assert.Single(await new ListAlertsHandler(_store, ContextFor(actor)).Handle(new ListAlerts(actor.Gln), CancellationToken.None));

    [Fact]
    public async Task The_scanning_party_reads_the_status_change_but_not_the_note()
    {
        var alert = await InvestigatedAsync();

        foreach (var dto in new[] { await Get(Pharmacy, alert.Id), await ListedFor(Pharmacy) })
        {
            var change = Assert.Single(dto.History);
            Assert.Equal(("investigating", Regulator.Gln, (string?)null), (change.Status, change.By, change.Note));
        }
    }

    [Fact]
    public async Task The_regulator_and_the_brand_owner_read_the_note()
    {
        var alert = await InvestigatedAsync();

        foreach (var dto in new[] { await Get(Regulator, alert.Id), await Get(Maker, alert.Id), await ListedFor(Maker) })
            Assert.Equal("Checking the pharmacy's supplier.", Assert.Single(dto.History).Note);
    }

    [Fact]
    public async Task The_severity_filter_is_the_stores_so_older_matches_are_not_cut_off_by_the_page()
    {
        for (var i = 0; i < 5; i++) await _store.Store(Make(Pharmacy.Gln, Maker.Gln, $"L{i}") with { Severity = Severity.Low });
        for (var i = 0; i < 5; i++) await _store.Store(Make(Pharmacy.Gln, Maker.Gln, $"C{i}") with { Severity = Severity.Critical });

        var low = await new ListAlertsHandler(_store, ContextFor(Regulator)).Handle(new ListAlerts(Regulator.Gln, Take: 3, Severity: Severity.Low), CancellationToken.None);

        Assert.Equal(3, low.Count);
        Assert.All(low, a => Assert.Equal("low", a.Severity));
    }
}
