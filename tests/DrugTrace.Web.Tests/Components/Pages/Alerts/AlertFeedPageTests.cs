using Bunit;
using DrugTrace.Application.Alerts;
using DrugTrace.Domain.Alerts;
using DrugTrace.Domain.Parties;
using DrugTrace.Web.Alerts;
using DrugTrace.Web.Components.Pages.Alerts;
using DrugTrace.Web.Components.Shared;
using DrugTrace.Web.Infrastructure;
using DrugTrace.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Severity = DrugTrace.Domain.Alerts.Severity;

namespace DrugTrace.Web.Tests.Components.Pages.Alerts;

public sealed class AlertFeedPageTests : UiContext
{
    private readonly AlertSamples _alerts = new();

    public AlertFeedPageTests()
    {
        WithFakeUseCases().SignedInAs(PartyRole.Regulator, AlertSamples.RegulatorGln, "NMVA");
        _alerts.Serve(UseCases);
    }

    private IRenderedComponent<AlertFeed> RenderFeed(Action<ComponentParameterCollectionBuilder<AlertFeed>>? parameters = null)
    {
        Render<MudPopoverProvider>();
        var cut = Render<AlertFeed>(p =>
        {
            p.Add(c => c.ShowPartyFilter, true);
            parameters?.Invoke(p);
        });
        return cut;
    }

    private static long[] Ids(IRenderedComponent<AlertFeed> cut) =>
        [.. cut.FindAll("[data-testid=alert-row]").Select(td => long.Parse(td.GetAttribute("data-alert-id")!, System.Globalization.CultureInfo.InvariantCulture))];

    [Fact]
    public async Task A_pushed_alert_appears_at_the_top_without_reload()
    {
        _alerts.Add(AlertSamples.Make(1));
        var cut = RenderFeed();
        Assert.Equal([1L], Ids(cut));

        var raised = _alerts.Add(AlertSamples.Make(2, AlertKind.LotMismatch));
        await Broadcaster.PublishAsync(raised, isNew: true);

        cut.WaitForAssertion(() => Assert.Equal([2L, 1L], Ids(cut)));
        Assert.Contains("Batch does not match", cut.FindAll("[data-testid=alert-link]")[0].TextContent);
        Assert.Single(cut.FindAll("[data-testid=new]"));
        // Only the first read went to the store: the new alert came by push.
        Assert.Single(UseCases.Sent.OfType<ListAlerts>());
    }

    [Fact]
    public async Task An_update_changes_its_row_in_place()
    {
        _alerts.Add(AlertSamples.Make(1));
        _alerts.Add(AlertSamples.Make(2));
        var cut = RenderFeed();

        await Broadcaster.PublishAsync(AlertSamples.Make(1, count: 10, status: AlertStatus.Investigating, version: 1), isNew: false);

        cut.WaitForAssertion(() => Assert.Equal("10", cut.FindAll("[data-testid=count]")[1].TextContent.Trim()));
        Assert.Equal([2L, 1L], Ids(cut));
        Assert.Contains("Investigating", cut.FindAll("[data-testid=status]")[1].TextContent);
        Assert.Empty(cut.FindAll("[data-testid=new]"));
    }

    [Fact]
    public async Task Probable_scanning_errors_are_hidden_by_default_and_shown_as_such_when_asked()
    {
        _alerts.Add(AlertSamples.Make(1));
        _alerts.Add(AlertSamples.Make(2, scanningError: true));
        var cut = RenderFeed();

        Assert.Equal([1L], Ids(cut));
        Assert.False(Assert.Single(UseCases.Sent.OfType<ListAlerts>()).ScanningErrors);
        await Broadcaster.PublishAsync(_alerts.Add(AlertSamples.Make(3, scanningError: true)), isNew: true);
        Assert.Equal([1L], Ids(cut));

        cut.Find("input[data-testid=show-scanning-errors]").Change(true);

        cut.WaitForAssertion(() => Assert.Equal([3L, 2L, 1L], Ids(cut)));
        var links = cut.FindAll("[data-testid=alert-link]").Select(a => a.TextContent).ToList();
        Assert.StartsWith("Probable scanning error", links[0]);
        Assert.StartsWith("Probable scanning error", links[1]);
        Assert.Equal("Unknown serial number", links[2].Trim());
        Assert.Equal(2, cut.FindAll("[data-testid=scanning-error]").Count);
    }

    [Fact]
    public async Task Filters_by_kind_severity_status_and_party_apply_to_pushed_alerts_too()
    {
        _alerts.Add(AlertSamples.Make(1, AlertKind.UnknownSerial, Severity.Critical));
        _alerts.Add(AlertSamples.Make(2, AlertKind.Recalled, Severity.High));
        _alerts.Add(AlertSamples.Make(3, AlertKind.Recalled, Severity.High, scanningParty: Demo.OtherPharmacyGln));
        _alerts.Add(AlertSamples.Make(4, AlertKind.Recalled, Severity.High, status: AlertStatus.Closed));

        var cut = RenderFeed(p => p.Add(c => c.Kind, "Recalled").Add(c => c.Severity, "high").Add(c => c.Status, "open").Add(c => c.Party, Demo.PharmacyGln));

        Assert.Equal([2L], Ids(cut));
        var asked = Assert.Single(UseCases.Sent.OfType<ListAlerts>());
        Assert.Equal((AlertKind.Recalled, AlertStatus.Open, Demo.PharmacyGln), (asked.Kind, asked.Status, asked.Party));

        await Broadcaster.PublishAsync(AlertSamples.Make(5, AlertKind.UnknownSerial), isNew: true);
        await Broadcaster.PublishAsync(AlertSamples.Make(6, AlertKind.Recalled, Severity.High, scanningParty: Demo.OtherPharmacyGln), isNew: true);
        await Broadcaster.PublishAsync(AlertSamples.Make(7, AlertKind.Recalled, Severity.High), isNew: true);

        cut.WaitForAssertion(() => Assert.Equal([7L, 2L], Ids(cut)));
    }

    [Fact]
    public void A_filter_word_in_the_address_that_is_none_is_said_in_plain_words_and_nothing_is_listed()
    {
        _alerts.Add(AlertSamples.Make(1));

        var cut = RenderFeed(p => p.Add(c => c.Status, "pending"));

        cut.WaitForAssertion(() => Assert.Contains("'pending' is not an alert status", cut.Find("[data-testid=problem]").TextContent));
        Assert.Empty(UseCases.Sent.OfType<ListAlerts>());
        Assert.Empty(Ids(cut));
    }

    [Fact]
    public void The_filters_from_the_address_are_shown_in_plain_words()
    {
        var cut = RenderFeed(p => p.Add(c => c.Kind, "recalled").Add(c => c.Severity, "HIGH"));

        Assert.Equal("Recalled batch", cut.Find("input[data-testid=filter-kind]").GetAttribute("value"));
        Assert.Equal("high", cut.Find("input[data-testid=filter-severity]").GetAttribute("value"));
        Assert.Equal("All statuses", cut.Find("input[data-testid=filter-status]").GetAttribute("value"));
    }

    [Fact]
    public void An_empty_feed_says_so()
    {
        var cut = RenderFeed(p => p.Add(c => c.EmptyText, "No alerts have been raised."));
        Assert.Contains("No alerts have been raised.", cut.Find("[data-testid=empty]").TextContent);
        Assert.NotNull(cut.Find("[data-testid=live]"));
    }

    [Fact]
    public async Task After_a_dropped_connection_the_alerts_raised_meanwhile_appear_exactly_once()
    {
        _alerts.Add(AlertSamples.Make(1));
        _alerts.Add(AlertSamples.Make(2));
        var cut = RenderFeed();
        var connection = Services.GetRequiredService<CircuitConnection>();
        var listeners = Broadcaster.Count;

        await cut.InvokeAsync(() => connection.SetAsync(false));
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=offline]")));
        Assert.Equal(listeners - 1, Broadcaster.Count);

        // Raised while the feed is not listening: the pushes do not reach it.
        foreach (var id in new long[] { 3, 4, 5 })
            await Broadcaster.PublishAsync(_alerts.Add(AlertSamples.Make(id, AlertKind.StolenPack)), isNew: true);
        Assert.Equal([2L, 1L], Ids(cut));

        await cut.InvokeAsync(() => connection.SetAsync(true));

        cut.WaitForAssertion(() => Assert.Equal([5L, 4L, 3L, 2L, 1L], Ids(cut)));
        Assert.NotNull(cut.Find("[data-testid=live]"));
        Assert.Equal(listeners, Broadcaster.Count);
        var catchUp = UseCases.Sent.OfType<ListAlerts>().Single(r => r.Since is not null);
        Assert.Equal(2L, catchUp.Since);
        Assert.Equal(3, cut.FindAll("[data-testid=new]").Count);

        // A late push of one already fetched, and a new one, each still show once.
        await Broadcaster.PublishAsync(AlertSamples.Make(5, AlertKind.StolenPack), isNew: true);
        await Broadcaster.PublishAsync(_alerts.Add(AlertSamples.Make(6)), isNew: true);
        cut.WaitForAssertion(() => Assert.Equal([6L, 5L, 4L, 3L, 2L, 1L], Ids(cut)));
        Assert.Equal(6L, cut.Instance.LastAlertId);
    }

    [Fact]
    public async Task Leaving_the_feed_stops_listening()
    {
        var before = Broadcaster.Count;
        var cut = RenderFeed();
        Assert.Equal(before + 1, Broadcaster.Count);
        await DisposeComponentsAsync();
        Assert.Equal(before, Broadcaster.Count);
    }

    [Fact]
    public async Task A_party_feed_only_gets_the_alerts_that_party_may_see()
    {
        var cut = Render<AlertFeed>();
        // The regulator's context is reused with a pharmacy subscription through the real visibility rules.
        var pharmacy = new Party(Demo.OtherPharmacyGln, "Harbour Street Pharmacy", PartyRole.Pharmacy);
        var seen = new List<long>();
        var second = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var _ = Broadcaster.Subscribe(pharmacy, (a, _) =>
        {
            lock (seen) seen.Add(a.Id);
            if (a.Id == 2) second.TrySetResult();
            return Task.CompletedTask;
        });

        await Broadcaster.PublishAsync(AlertSamples.Make(1), isNew: true);
        await Broadcaster.PublishAsync(AlertSamples.Make(2, scanningParty: Demo.OtherPharmacyGln), isNew: true);
        await second.Task.WaitAsync(TimeSpan.FromSeconds(60));

        // A subscriber takes its alerts in order: had alert 1 been passed on, it would be here before 2.
        lock (seen) Assert.Equal([2L], seen);
        cut.WaitForAssertion(() => Assert.Equal([2L, 1L], Ids(cut)));
    }

    [Fact]
    public async Task The_badge_counts_unseen_alerts_and_is_reset_when_the_feed_is_viewed()
    {
        var user = new SignedInUser("Nina", AlertSamples.RegulatorGln, "NMVA", PartyRole.Regulator);
        var badge = Render<UnseenBadge>(p => p.Add(c => c.User, user));
        Assert.Empty(badge.FindAll("[data-testid=unseen-badge]"));

        await Broadcaster.PublishAsync(AlertSamples.Make(1), isNew: true);
        await Broadcaster.PublishAsync(AlertSamples.Make(2), isNew: true);
        await Broadcaster.PublishAsync(AlertSamples.Make(2, count: 2, version: 0), isNew: false);
        await Broadcaster.PublishAsync(AlertSamples.Make(3, scanningError: true), isNew: true);

        badge.WaitForAssertion(() => Assert.Equal("2", badge.Find("[data-testid=unseen-badge]").TextContent.Trim()));

        RenderFeed();
        badge.WaitForAssertion(() => Assert.Empty(badge.FindAll("[data-testid=unseen-badge]")));

        // Seen as they arrive while the feed is open; counted again once it is left. The count is fed
        // directly here, as its subscription does (the push above went through the broadcaster), so
        // that nothing is still on its way when the feed closes.
        var unseen = Services.GetRequiredService<UnseenAlerts>();
        unseen.Add(AlertDto.From(AlertSamples.Make(4)));
        Assert.Equal(0, unseen.Count);
        Assert.Empty(badge.FindAll("[data-testid=unseen-badge]"));
        await DisposeComponentsAsync();
        await Broadcaster.PublishAsync(AlertSamples.Make(5), isNew: true);
        badge = Render<UnseenBadge>(p => p.Add(c => c.User, user));
        badge.WaitForAssertion(() => Assert.Equal("1", badge.Find("[data-testid=unseen-badge]").TextContent.Trim()));
    }
}
