using Bunit;
using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Dashboard;
using DrugTrace.Domain.Parties;
using DrugTrace.Web.Tests.Infrastructure;
using DashboardPage = DrugTrace.Web.Components.Pages.Regulator.Dashboard;

namespace DrugTrace.Web.Tests.Components.Pages.Regulator;

public sealed class DashboardTests : UiContext
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);

    public DashboardTests() => WithFakeUseCases().SignedInAs(PartyRole.Regulator, "4012349000012", "NMVA");

    private static List<Tally> Days(Func<int, int> count) =>
        [.. Enumerable.Range(0, 14).Select(i => new Tally($"2026-02-{17 + i:00}", $"{17 + i} Feb", count(i)))];

    private static List<Tally> Hours(Func<int, int> count) =>
        [.. Enumerable.Range(0, 24).Select(i => new Tally($"h{i}", $"{i:00}:00", count(i)))];

    [Fact]
    public void Shows_the_four_charts_with_their_totals()
    {
        UseCases.On<GetDashboard>(_ => new DashboardView(Now,
            [new Tally("UnknownSerial", "UnknownSerial", 5), new Tally("ProbableScanningError", "Probable scanning error", 3)],
            Days(i => i % 3), Hours(i => 10 + i),
            [new Tally("4012347000014", "Linden-Apotheke", 4)], false));

        var cut = Render<DashboardPage>();

        Assert.Equal("13", cut.Find("[data-testid=alert-total]").TextContent.Trim());
        Assert.Equal("4", cut.Find("[data-testid=open-total]").TextContent.Trim());
        Assert.Equal("516", cut.Find("[data-testid=scan-total]").TextContent.Trim());
        foreach (var chart in new[] { "kind", "party", "day", "hour" })
            Assert.NotEmpty(cut.Find($"[data-testid=chart-{chart}]").QuerySelectorAll("svg"));
        Assert.Contains("Probable scanning error", cut.Find("[data-testid=chart-kind]").TextContent);
        Assert.Contains("Linden-Apotheke", cut.Find("[data-testid=chart-party]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=empty]"));
    }

    [Fact]
    public void With_no_alerts_and_no_scans_it_says_so()
    {
        UseCases.On<GetDashboard>(_ => new DashboardView(Now, [], Days(_ => 0), Hours(_ => 0), [], false));

        var cut = Render<DashboardPage>();

        Assert.Equal("0", cut.Find("[data-testid=alert-total]").TextContent.Trim());
        Assert.Equal("0", cut.Find("[data-testid=scan-total]").TextContent.Trim());
        Assert.Contains("No alerts in this period.", cut.Find("[data-testid=chart-kind]").TextContent);
        Assert.Contains("No open alerts.", cut.Find("[data-testid=chart-party]").TextContent);
    }

    [Fact]
    public void A_refusal_is_shown_in_words()
    {
        UseCases.On<GetDashboard>(_ => throw new ForbiddenAccessException("Only regulators may do this."));
        var cut = Render<DashboardPage>();
        Assert.Contains("You are not allowed to do this.", cut.Find("[data-testid=problem]").TextContent);
    }

    private static DashboardView View(int unknownSerials, params Tally[] kinds) => new(Now,
        kinds.Length > 0 ? kinds : [new Tally("UnknownSerial", "UnknownSerial", unknownSerials)], Days(i => i == 13 ? 3 : 0), Hours(i => i == 23 ? 748 : 0),
        [new Tally("4012347000014", "Linden-Apotheke", 3)], false);

    [Fact]
    public void The_donut_legend_gives_each_count_and_each_kind_keeps_its_colour_whatever_the_order()
    {
        var serial = new Tally("UnknownSerial", "UnknownSerial", 5);
        var lot = new Tally("UnknownLot", "UnknownLot", 2);
        var errors = new Tally(GetDashboardHandler.ScanningErrorKey, "Probable scanning error", 1);
        var views = new Queue<DashboardView>([View(0, serial, lot, errors), View(0, errors, lot, serial)]);
        UseCases.On<GetDashboard>(_ => views.Dequeue());

        var cut = Render<DashboardPage>();
        var first = Palette(cut);
        cut.Find("[data-testid=refresh]").Click();
        var second = Palette(cut);

        var legend = cut.Find("[data-testid=chart-kind]").TextContent;
        Assert.Contains("Unknown serial number: 5", legend);
        Assert.Contains("Probable scanning error: 1", legend);
        Assert.Equal(first["UnknownSerial"], second["UnknownSerial"]);
        Assert.Equal(first["UnknownLot"], second["UnknownLot"]);
        Assert.Equal("#ffb300", second[GetDashboardHandler.ScanningErrorKey]);
        Assert.Equal(3, first.Values.Distinct().Count());
    }

    private static Dictionary<string, string> Palette(IRenderedComponent<DashboardPage> cut)
    {
        var donut = cut.FindComponents<MudBlazor.MudChart<double>>().Single(c => c.Instance.ChartType == MudBlazor.ChartType.Donut).Instance;
        var labels = donut.ChartLabels;
        var palette = donut.ChartOptions!.ChartPalette;
        return labels.Select((l, i) => (Key: l.StartsWith("Unknown serial", StringComparison.Ordinal) ? "UnknownSerial"
            : l.StartsWith("Unknown batch", StringComparison.Ordinal) || l.StartsWith("Unknown lot", StringComparison.Ordinal) ? "UnknownLot"
            : GetDashboardHandler.ScanningErrorKey, Colour: palette[i])).ToDictionary(x => x.Key, x => x.Colour);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(3, 1)]
    [InlineData(13, 5)]
    [InlineData(40, 10)]
    [InlineData(748, 200)]
    public void The_y_axis_step_follows_the_counts_so_small_counts_are_not_hidden(int max, int step)
    {
        Assert.Equal(step, DashboardPage.TickStep([new Tally("a", "a", max), new Tally("b", "b", 0)]));
    }

    [Fact]
    public void The_bar_charts_use_that_step_and_write_their_values()
    {
        UseCases.On<GetDashboard>(_ => View(3));

        var cut = Render<DashboardPage>();

        var bars = cut.FindComponents<MudBlazor.MudChart<double>>().Where(c => c.Instance.ChartType == MudBlazor.ChartType.Bar).ToList();
        Assert.Equal(2, bars.Count);
        Assert.All(bars, b => Assert.Equal(1, ((MudBlazor.BarChartOptions)b.Instance.ChartOptions!).YAxisTicks));
        Assert.All(bars, b => Assert.True(((MudBlazor.BarChartOptions)b.Instance.ChartOptions!).ShowValues));
    }

    [Fact]
    public async Task A_new_alert_anywhere_updates_the_dashboard_without_a_reload()
    {
        var answers = new Queue<DashboardView>([View(2), View(3)]);
        UseCases.On<GetDashboard>(_ => answers.Dequeue());
        var cut = Render<DashboardPage>();
        Assert.Contains("Unknown serial number: 2", cut.Find("[data-testid=chart-kind]").TextContent);

        await Broadcaster.PublishAsync(DrugTrace.Web.Tests.Components.Pages.Alerts.AlertSamples.Make(7), isNew: true);

        cut.WaitForAssertion(() => Assert.Equal(2, UseCases.Sent.Count(r => r is GetDashboard)));
        cut.WaitForAssertion(() => Assert.Contains("Unknown serial number: 3", cut.Find("[data-testid=chart-kind]").TextContent));
    }
}
