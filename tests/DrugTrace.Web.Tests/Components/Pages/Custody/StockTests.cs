using Bunit;
using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Stock;
using DrugTrace.Domain.Parties;
using DrugTrace.Web.Components.Pages.Custody;
using DrugTrace.Web.Tests.Infrastructure;

namespace DrugTrace.Web.Tests.Components.Pages.Custody;

public sealed class StockTests : UiContext
{
    public StockTests() => WithFakeUseCases().SignedInAs(PartyRole.Pharmacy, Demo.PharmacyGln, "Linden-Apotheke");

    private static StockPage Page(params StockLine[] lines) =>
        new(lines.Length, lines.Sum(l => l.Total), 0, Stock.PageSize, new DateOnly(2026, 6, 1), lines);

    [Fact]
    public void Lines_show_counts_and_flags_for_near_expiry_and_recalls()
    {
        UseCases.On<GetStock>(_ => Page(
            new StockLine("04012345000115", "Amoxicillin 500 mg", "AMX1", new DateOnly(2026, 5, 1), 7, 2, false, true, false),
            new StockLine("04012345000122", "Ibuprofen 400 mg", "IBU9", new DateOnly(2029, 1, 31), 3, 0, true, false, false)));

        var cut = Render<Stock>();

        var rows = cut.FindAll("[data-testid=stock-line]");
        Assert.Equal(2, rows.Count);
        Assert.Contains("Amoxicillin 500 mg", rows[0].TextContent);
        Assert.Contains("7", rows[0].TextContent);
        Assert.NotNull(rows[0].QuerySelector("[data-testid=near-expiry]"));
        Assert.Null(rows[1].QuerySelector("[data-testid=near-expiry]"));
        Assert.NotNull(rows[1].QuerySelector("[data-testid=recalled]"));
        Assert.Contains("12 packs in 2 lots", cut.Find("[data-testid=summary]").TextContent);
    }

    [Fact]
    public void Filters_are_sent_to_the_use_case_with_the_signed_in_party()
    {
        UseCases.On<GetStock>(_ => Page());
        var cut = Render<Stock>();

        cut.Find(".filter-lot input").Input("AMX1");
        cut.Find(".filter-before input").Input("2027-01-01");
        cut.Find("[data-testid=apply]").Click();

        var last = Assert.IsType<GetStock>(UseCases.Sent[^1]);
        Assert.Equal((Demo.PharmacyGln, "AMX1", "2027-01-01", (string?)null), (last.ActorGln, last.Lot, last.ExpiringBefore, last.Gtin));
        Assert.Contains("match these filters", cut.Find("[data-testid=empty]").TextContent);
    }

    [Fact]
    public void A_bad_filter_is_explained_in_plain_words()
    {
        UseCases.On<GetStock>(r => r.ExpiringBefore is null ? Page()
            : throw new ValidationException("expiringBefore", "'soon' is not a date: write it as yyyy-MM-dd, for example 2027-06-30."));
        var cut = Render<Stock>();
        cut.Find(".filter-before input").Input("soon");
        cut.Find("[data-testid=apply]").Click();
        Assert.Contains("is not a date", cut.Find("[data-testid=problem]").TextContent);
    }
}
