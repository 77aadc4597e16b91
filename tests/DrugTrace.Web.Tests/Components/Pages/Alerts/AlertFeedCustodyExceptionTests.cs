using Bunit;
using DrugTrace.Application.Alerts;
using DrugTrace.Domain.Alerts;
using DrugTrace.Domain.Parties;
using DrugTrace.Web.Components.Pages.Alerts;
using DrugTrace.Web.Components.Pages.Regulator;
using DrugTrace.Web.Tests.Infrastructure;
using MudBlazor;
using Severity = DrugTrace.Domain.Alerts.Severity;

namespace DrugTrace.Web.Tests.Components.Pages.Alerts;

/// <summary>Custody exceptions are in the regulator's exceptions view, not in the live (counterfeit) feed; pushes follow the same rule.</summary>
public sealed class AlertFeedCustodyExceptionTests : UiContext
{
    private readonly AlertSamples _alerts = new();

    public AlertFeedCustodyExceptionTests()
    {
        WithFakeUseCases().SignedInAs(PartyRole.Regulator, AlertSamples.RegulatorGln, "NMVA");
        _alerts.Serve(UseCases);
        _alerts.Add(AlertSamples.Make(1, AlertKind.CloneSuspected));
        _alerts.Add(AlertSamples.Make(2, AlertKind.CustodyException, Severity.Low));
        Render<MudPopoverProvider>();
    }

    private static long[] Ids<T>(IRenderedComponent<T> cut) where T : Microsoft.AspNetCore.Components.IComponent =>
        [.. cut.FindAll("[data-testid=alert-row]").Select(td => long.Parse(td.GetAttribute("data-alert-id")!, System.Globalization.CultureInfo.InvariantCulture))];

    [Fact]
    public async Task The_live_feed_leaves_custody_exceptions_out_also_when_pushed()
    {
        var cut = Render<LiveAlerts>();
        Assert.Equal([1L], Ids(cut));
        Assert.False(UseCases.Sent.OfType<ListAlerts>().First().CustodyExceptions);

        await Broadcaster.PublishAsync(_alerts.Add(AlertSamples.Make(3, AlertKind.CustodyException, Severity.Low)), isNew: true);
        await Broadcaster.PublishAsync(_alerts.Add(AlertSamples.Make(4, AlertKind.StolenPack)), isNew: true);

        cut.WaitForAssertion(() => Assert.Equal([4L, 1L], Ids(cut)));
    }

    [Fact]
    public async Task The_exceptions_view_lists_only_custody_exceptions()
    {
        var cut = Render<CustodyExceptions>();
        Assert.Equal([2L], Ids(cut));
        Assert.Contains("Custody exception", cut.Find("[data-testid=alert-link]").TextContent);

        await Broadcaster.PublishAsync(_alerts.Add(AlertSamples.Make(3, AlertKind.CloneSuspected)), isNew: true);
        await Broadcaster.PublishAsync(_alerts.Add(AlertSamples.Make(5, AlertKind.CustodyException, Severity.Low)), isNew: true);

        cut.WaitForAssertion(() => Assert.Equal([5L, 2L], Ids(cut)));
    }
}
