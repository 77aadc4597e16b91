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
}
