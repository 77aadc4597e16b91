using Bunit;
using DrugTrace.Application.Alerts;
using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Domain.Alerts;
using DrugTrace.Domain.Parties;
using DrugTrace.Web.Components.Pages.Alerts;
using DrugTrace.Web.Tests.Infrastructure;
using MudBlazor;

namespace DrugTrace.Web.Tests.Components.Pages.Alerts;

public sealed class AlertDetailTests : UiContext
{
    private readonly AlertSamples _alerts = new();

    private void As(PartyRole role, string gln)
    {
        WithFakeUseCases().SignedInAs(role, gln);
        _alerts.Serve(UseCases);
    }

    private IRenderedComponent<AlertDetail> RenderDetail(long id)
    {
        Render<MudPopoverProvider>();
        return Render<AlertDetail>(p => p.Add(c => c.Id, id));
    }

    private static AlertDto Investigated(Alert alert) => AlertDto.From(alert with
    {
        Status = AlertStatus.Investigating,
        Version = alert.Version + 1,
        History = [new AlertChange(AlertSamples.At.AddHours(1), AlertSamples.RegulatorGln, AlertStatus.Investigating, null, "Called the pharmacy.")],
    });

    [Fact]
    public void Shows_everything_stored_about_the_alert()
    {
        As(PartyRole.Regulator, AlertSamples.RegulatorGln);
        var alert = AlertSamples.Make(7, count: 3);
        UseCases.On<GetAlert>(_ => Investigated(alert));

        var cut = RenderDetail(7);

        Assert.Equal("Unknown serial number", cut.Find("[data-testid=title]").TextContent.Trim());
        var details = cut.Find("[data-testid=details]").TextContent;
        Assert.Contains("NMVS_NC_PC_02", details);
        Assert.Contains("Alert 7: serial SN7 was never commissioned.", details);
        Assert.Contains("Linden-Apotheke (4012347000014)", details);
        Assert.Contains("Helvetia Pharma AG (4012345000016)", details);
        Assert.Contains("2026-03-02 09:37:00 UTC", details);
        Assert.Equal("3", cut.Find("[data-testid=count]").TextContent.Trim());
        Assert.Equal("0104012345000115<GS>21SN7", cut.Find("[data-testid=scanned-code]").TextContent.Trim());
        Assert.Contains("AMX24A17", cut.Find("[data-testid=parsed]").TextContent);
        var history = cut.Find("[data-testid=history]").TextContent;
        Assert.Contains("Investigating", history);
        Assert.Contains("by NMVA (4012349000012)", history);
        Assert.Contains("Called the pharmacy.", history);
    }

    [Fact]
    public void A_probable_scanning_error_is_named_as_such_and_links_the_likely_pack()
    {
        As(PartyRole.Regulator, AlertSamples.RegulatorGln);
        UseCases.On<GetAlert>(_ => AlertDto.From(AlertSamples.Make(8, scanningError: true)));

        var cut = RenderDetail(8);

        Assert.StartsWith("Probable scanning error", cut.Find("[data-testid=title]").TextContent.Trim());
        Assert.NotNull(cut.Find("[data-testid=scanning-error-note]"));
        Assert.Equal("packs/04012345000115/sn8", cut.Find("[data-testid=pack-link]").GetAttribute("href"));
    }

    [Fact]
    public void A_regulator_starts_an_investigation_with_a_note()
    {
        As(PartyRole.Regulator, AlertSamples.RegulatorGln);
        var alert = AlertSamples.Make(7);
        UseCases.On<GetAlert>(_ => AlertDto.From(alert));
        UseCases.On<UpdateAlert>(_ => Investigated(alert));
        var cut = RenderDetail(7);

        cut.Find("textarea[data-testid=note]").Change("Called the pharmacy.");
        cut.Find("[data-testid=investigate]").Click();

        var sent = Assert.Single(UseCases.Sent.OfType<UpdateAlert>());
        Assert.Equal((7L, "investigating", (string?)null, "Called the pharmacy."), (sent.Id, sent.Status, sent.Resolution, sent.Note));
        cut.WaitForAssertion(() => Assert.Contains("Investigating", cut.Find("[data-testid=status]").TextContent));
        Assert.Empty(cut.FindAll("[data-testid=investigate]"));
        Assert.NotNull(cut.Find("[data-testid=close]"));
    }

    [Fact]
    public void Closing_without_a_resolution_is_explained_and_not_sent()
    {
        As(PartyRole.Regulator, AlertSamples.RegulatorGln);
        UseCases.On<GetAlert>(_ => AlertDto.From(AlertSamples.Make(7)));
        var cut = RenderDetail(7);

        cut.Find("[data-testid=close]").Click();

        Assert.Contains("Choose how the alert turned out", cut.Find("[data-testid=problem]").TextContent);
        Assert.Empty(UseCases.Sent.OfType<UpdateAlert>());
    }

    [Fact]
    public void A_note_alone_is_added_without_changing_the_status()
    {
        As(PartyRole.Regulator, AlertSamples.RegulatorGln);
        var alert = AlertSamples.Make(7, status: AlertStatus.Closed) with { Resolution = AlertResolution.ScanningError };
        UseCases.On<GetAlert>(_ => AlertDto.From(alert));
        UseCases.On<UpdateAlert>(_ => AlertDto.From(alert with { Version = 1 }));
        var cut = RenderDetail(7);
        Assert.Contains("Closed: Scanning error", cut.Find("[data-testid=status]").TextContent);
        Assert.NotNull(cut.Find("[data-testid=reopen]"));
        Assert.Empty(cut.FindAll("[data-testid=close]"));

        cut.Find("textarea[data-testid=note]").Change("Pharmacy confirmed Caps Lock.");
        cut.Find("[data-testid=add-note]").Click();

        var sent = Assert.Single(UseCases.Sent.OfType<UpdateAlert>());
        Assert.Null(sent.Status);
        Assert.Equal("Pharmacy confirmed Caps Lock.", sent.Note);
    }

    [Fact]
    public void A_refused_change_is_explained_in_words()
    {
        As(PartyRole.Regulator, AlertSamples.RegulatorGln);
        UseCases.On<GetAlert>(_ => AlertDto.From(AlertSamples.Make(7, status: AlertStatus.Closed) with { Resolution = AlertResolution.Other }));
        UseCases.On<UpdateAlert>(_ => throw new ValidationException("status", "A closed alert is reopened (status open) before it is investigated again."));
        var cut = RenderDetail(7);

        cut.Find("[data-testid=reopen]").Click();

        Assert.Contains("A closed alert is reopened", cut.Find("[data-testid=problem]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=reload]"));
    }

    [Fact]
    public void A_conflict_says_someone_else_changed_it_and_offers_a_reload()
    {
        As(PartyRole.Regulator, AlertSamples.RegulatorGln);
        UseCases.On<GetAlert>(_ => AlertDto.From(AlertSamples.Make(7)));
        UseCases.On<UpdateAlert>(_ => throw new ConflictException("Alert 7 was changed by someone else meanwhile; reload it and try again."));
        var cut = RenderDetail(7);

        cut.Find("[data-testid=investigate]").Click();

        Assert.Contains("changed by someone else", cut.Find("[data-testid=problem]").TextContent);
        cut.Find("[data-testid=reload]").Click();
        // The reload is sent from an asynchronous handler: wait for it rather than assume it ran.
        cut.WaitForAssertion(() => Assert.Equal(2, UseCases.Sent.OfType<GetAlert>().Count()));
    }

    [Fact]
    public void Another_party_sees_the_alert_read_only()
    {
        As(PartyRole.Pharmacy, Demo.PharmacyGln);
        UseCases.On<GetAlert>(_ => AlertDto.From(AlertSamples.Make(7)));

        var cut = RenderDetail(7);

        Assert.NotNull(cut.Find("[data-testid=read-only]"));
        Assert.Empty(cut.FindAll("[data-testid=actions]"));
        Assert.Empty(cut.FindAll("button[data-testid=investigate]"));
        Assert.Contains("Alert 7", cut.Find("[data-testid=message]").TextContent);
    }

    [Fact]
    public void An_alert_the_party_may_not_see_is_a_friendly_not_found()
    {
        As(PartyRole.Pharmacy, Demo.OtherPharmacyGln);
        UseCases.On<GetAlert>(r => throw new NotFoundException($"No alert {r.Id} that you may see."));

        var cut = RenderDetail(7);

        Assert.Contains("There is no alert 7 that you may see", cut.Find("[data-testid=not-found]").TextContent);
    }
}
