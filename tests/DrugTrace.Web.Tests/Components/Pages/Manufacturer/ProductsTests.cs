using Bunit;
using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Products;
using DrugTrace.Domain.Parties;
using DrugTrace.Domain.Products;
using DrugTrace.Web.Components.Pages.Manufacturer;
using DrugTrace.Web.Tests.Infrastructure;
using MudBlazor;

namespace DrugTrace.Web.Tests.Components.Pages.Manufacturer;

public sealed class ProductsTests : UiContext
{
    public ProductsTests() => WithFakeUseCases().SignedInAs(PartyRole.Manufacturer, Demo.ManufacturerGln, "Helvetia Pharma AG");

    private IRenderedComponent<MudSnackbarProvider>? _toasts;

    private IRenderedComponent<Products> RenderPage()
    {
        Render<MudPopoverProvider>();
        _toasts = Render<MudSnackbarProvider>();
        return Render<Products>();
    }

    [Fact]
    public void Lists_the_manufacturers_products_with_links_to_their_lots()
    {
        UseCases.On<ListProducts>(r => (IReadOnlyList<Product>)[new Product("04012345000115", "Amoxicillin 500 mg", "capsule", "500 mg", r.ActorGln)]);

        var cut = RenderPage();

        Assert.Contains("Amoxicillin 500 mg", cut.Find("[data-testid=products]").TextContent);
        Assert.Contains("manufacturer/products/04012345000115", cut.Markup);
        Assert.Equal(Demo.ManufacturerGln, Assert.IsType<ListProducts>(UseCases.Sent[0]).ActorGln);
    }

    [Fact]
    public void Without_products_it_says_how_to_start()
    {
        UseCases.On<ListProducts>(_ => (IReadOnlyList<Product>)[]);
        Assert.Contains("no products yet", RenderPage().Find("[data-testid=empty]").TextContent);
    }

    [Fact]
    public void Validation_errors_appear_under_their_fields()
    {
        UseCases.On<ListProducts>(_ => (IReadOnlyList<Product>)[]);
        UseCases.On<RegisterProduct>(_ => throw new ValidationException(new Dictionary<string, string[]>
        {
            ["gtin"] = ["The GTIN's check digit is wrong."],
            ["name"] = ["The product needs a name."],
        }));
        var cut = RenderPage();

        cut.Find("[data-testid=register]").Click();

        Assert.Contains("The GTIN's check digit is wrong.", cut.Markup);
        Assert.Contains("The product needs a name.", cut.Markup);
        Assert.Empty(cut.FindAll("[data-testid=problem]"));
    }

    [Fact]
    public void A_refusal_from_the_server_is_shown_in_words()
    {
        UseCases.On<ListProducts>(_ => (IReadOnlyList<Product>)[]);
        UseCases.On<RegisterProduct>(_ => throw new ConflictException("A product with GTIN 04012345000115 is already registered."));
        var cut = RenderPage();

        cut.Find("[data-testid=register]").Click();

        Assert.Contains("already registered", cut.Find("[data-testid=problem]").TextContent);
    }

    [Theory]
    [InlineData("4012345000115", "Amoxicillin registered with GTIN 04012345000115 (the 13-digit 4012345000115 padded to 14 digits with leading zeros).")]
    [InlineData("04012345000115", "Amoxicillin registered.")]
    public void A_registered_GTIN_that_is_not_what_was_typed_says_it_was_padded(string typed, string toast)
    {
        UseCases.On<ListProducts>(_ => (IReadOnlyList<Product>)[]);
        UseCases.On<RegisterProduct>(r => new Product("04012345000115", r.Name, r.Form, r.Strength, r.ActorGln));
        var cut = RenderPage();

        cut.Find("input[data-testid=gtin]").Change(typed);
        cut.Find("input[data-testid=name]").Change("Amoxicillin");
        cut.Find("[data-testid=register]").Click();

        var toasts = _toasts!;
        toasts.WaitForAssertion(() => Assert.Contains(toast, toasts.Find(".mud-snackbar").TextContent));
        Assert.Equal(typed, Assert.Single(UseCases.Sent.OfType<RegisterProduct>()).Gtin);
    }
}
