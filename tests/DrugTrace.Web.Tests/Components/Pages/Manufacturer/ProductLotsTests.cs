using Bunit;
using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Lots;
using DrugTrace.Application.Products;
using DrugTrace.Domain.Packs;
using DrugTrace.Domain.Parties;
using DrugTrace.Domain.Products;
using DrugTrace.Web.Components.Pages.Manufacturer;
using DrugTrace.Web.Tests.Infrastructure;
using MudBlazor;

namespace DrugTrace.Web.Tests.Components.Pages.Manufacturer;

public sealed class ProductLotsTests : UiContext
{
    private const string Gtin = "04012345000115";

    public ProductLotsTests() => WithFakeUseCases().SignedInAs(PartyRole.Manufacturer, Demo.ManufacturerGln, "Helvetia Pharma AG");

    private IRenderedComponent<MudSnackbarProvider>? _snackbars;

    private IRenderedComponent<ProductLots> RenderPage(bool ownProduct = true)
    {
        UseCases.On<ListProducts>(r => ownProduct ? (IReadOnlyList<Product>)[new Product(Gtin, "Amoxicillin 500 mg", null, null, r.ActorGln)] : []);
        UseCases.On<ListLots>(_ => (IReadOnlyList<LotState>)[]);
        Render<MudPopoverProvider>();
        _snackbars = Render<MudSnackbarProvider>();
        return Render<ProductLots>(p => p.Add(x => x.Gtin, Gtin));
    }

    private static void Type(IRenderedComponent<ProductLots> cut, string testId, string value)
    {
        var element = cut.Find($"[data-testid={testId}]");
        (element.TagName == "INPUT" ? element : element.QuerySelector("input")!).Change(value);
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("10000000", 10_000_000)]
    public void A_quantity_out_of_range_is_sent_as_typed_and_refused_in_words_not_silently_changed(string typed, int sent)
    {
        UseCases.On<RegisterLot>(r => throw new ValidationException(new Dictionary<string, string[]>
        {
            ["quantity"] = [$"A lot is commissioned with 1 to 100,000 packs per request, not {r.Quantity}."],
        }));
        var cut = RenderPage();
        Type(cut, "lot", "L42");
        Type(cut, "expiry", "2030-01-31");
        Type(cut, "quantity", typed);

        cut.Find("[data-testid=register]").Click();

        cut.WaitForAssertion(() => Assert.Contains($"not {sent}", cut.Markup));
        Assert.Equal(sent, Assert.Single(UseCases.Sent.OfType<RegisterLot>()).Quantity);
    }

    [Fact]
    public void One_pack_is_one_pack_in_the_confirmation()
    {
        UseCases.On<RegisterLot>(r => new LotCommissioned(r.Gtin, r.Lot, new DateOnly(2030, 1, 31), ["SN1"]));
        var cut = RenderPage();
        Type(cut, "lot", "L1");
        Type(cut, "expiry", "2030-01-31");
        Type(cut, "quantity", "1");

        cut.Find("[data-testid=register]").Click();

        var snackbars = _snackbars!;
        snackbars.WaitForAssertion(() => Assert.Contains("1 pack commissioned", snackbars.Markup));
        Assert.DoesNotContain("1 packs", snackbars.Markup);
    }

    [Fact]
    public void The_expiry_field_is_typed_as_its_label_says_not_a_locale_date_picker()
    {
        var expiry = RenderPage().Find("[data-testid=expiry]");
        var input = expiry.TagName == "INPUT" ? expiry : expiry.QuerySelector("input")!;
        Assert.NotEqual("date", input.GetAttribute("type"));
        Assert.Equal("2029-12-31", input.GetAttribute("placeholder"));
    }

    [Fact]
    public void Another_brands_product_offers_no_lot_registration()
    {
        var cut = RenderPage(ownProduct: false);

        Assert.Contains("not one of your products", cut.Find("[data-testid=not-yours]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=register]"));
    }
}
