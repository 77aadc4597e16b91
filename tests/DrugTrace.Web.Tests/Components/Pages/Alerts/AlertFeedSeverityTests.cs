using Bunit;
using DrugTrace.Application.Alerts;
using DrugTrace.Domain.Alerts;
using DrugTrace.Domain.Parties;
using DrugTrace.Web.Components.Pages.Alerts;
using DrugTrace.Web.Tests.Infrastructure;
using MudBlazor;
using Severity = DrugTrace.Domain.Alerts.Severity;

namespace DrugTrace.Web.Tests.Components.Pages.Alerts;

/// <summary>The severity filter is applied by the store, before the newest page is taken.</summary>
public sealed class AlertFeedSeverityTests : UiContext
{
    private readonly AlertSamples _alerts = new();

    public AlertFeedSeverityTests()
    {
        WithFakeUseCases().SignedInAs(PartyRole.Regulator, AlertSamples.RegulatorGln, "NMVA");
        _alerts.Serve(UseCases);
    }

    [Fact]
    public void Low_alerts_older_than_a_page_of_critical_ones_are_still_found()
    {
        for (var id = 1; id <= 30; id++) _alerts.Add(AlertSamples.Make(id, AlertKind.UnknownSerial, Severity.Low, scanningError: false));
        for (var id = 31; id <= 30 + AlertFeed.PageSize; id++) _alerts.Add(AlertSamples.Make(id, AlertKind.UnknownSerial, Severity.Critical));
        Render<MudPopoverProvider>();

        var cut = Render<AlertFeed>(p => p.Add(c => c.Severity, "low"));

        var rows = cut.FindAll("[data-testid=alert-row]");
        Assert.Equal(30, rows.Count);
        var asked = Assert.Single(UseCases.Sent.OfType<ListAlerts>());
        Assert.Equal(Severity.Low, asked.Severity);
    }
}
