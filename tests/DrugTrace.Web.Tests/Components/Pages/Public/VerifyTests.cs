using System.Net;
using DrugTrace.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace DrugTrace.Web.Tests.Components.Pages.Public;

/// <summary>The public Digital Link page against the real app: no sign-in, nothing about custody.</summary>
[Collection(ApiCollection.Name)]
public sealed class VerifyTests(DrugTraceFactory factory)
{
    [Fact]
    public async Task A_genuine_pack_is_confirmed_without_sign_in_and_without_custody()
    {
        var manufacturer = factory.ClientFor(Demo.ManufacturerKey);
        var (gtin, lot, _, serials) = await Api.NewLotAsync(manufacturer, 1);
        await Api.ScanAsync(manufacturer, Api.Code(gtin, serials[0], lot, "2030-06-30"), "ship", to: Demo.PharmacyGln);

        var html = await Browser.Anonymous(factory).GetStringAsync($"/01/{gtin}/21/{serials[0]}?17=300630&10={lot}");

        Assert.Contains("data-genuine=\"true\"", html);
        Assert.Contains(">Genuine</h2>", html);
        Assert.Contains("This pack is genuine", html);
        Assert.Contains("Test tablets " + gtin, html);
        Assert.DoesNotContain(Demo.PharmacyGln, html);
        Assert.DoesNotContain("Linden", html);
    }

    [Fact]
    public async Task The_lot_in_the_path_form_works_and_a_forged_lot_is_not_confirmed()
    {
        var (gtin, lot, _, serials) = await Api.NewLotAsync(factory.ClientFor(Demo.ManufacturerKey), 1);
        var client = Browser.Anonymous(factory);

        Assert.Contains("data-genuine=\"true\"", await client.GetStringAsync($"/01/{gtin}/10/{lot}/21/{serials[0]}"));
        Assert.Contains("data-genuine=\"false\"", await client.GetStringAsync($"/01/{gtin}/10/FAKE1/21/{serials[0]}"));
        Assert.Contains("We cannot confirm this pack", await client.GetStringAsync($"/01/{gtin}/21/NEVERMADE1"));
    }

    [Fact]
    public async Task A_recalled_lot_is_a_warning()
    {
        var manufacturer = factory.ClientFor(Demo.ManufacturerKey);
        var (gtin, lot, _, serials) = await Api.NewLotAsync(manufacturer, 1);
        (await manufacturer.PostAsync($"/api/v1/lots/{gtin}/{lot}/recall",
            new StringContent("{\"reason\":\"Supplier batch 4711 failed sterility\",\"publicText\":\"Sterility not assured\"}",
                System.Text.Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();

        var html = await Browser.Anonymous(factory).GetStringAsync($"/01/{gtin}/21/{serials[0]}");

        Assert.Contains("data-testid=\"recalled\"", html);
        Assert.Contains("Recalled: return it to a pharmacy", html);
        Assert.Contains("Sterility not assured", html);
        Assert.DoesNotContain("4711", html);
        Assert.DoesNotContain(">Genuine</h2>", html);
    }

    [Fact]
    public async Task An_unreadable_link_is_explained()
    {
        var html = await Browser.Anonymous(factory).GetStringAsync("/01/04012345000114/21/X1");
        Assert.Contains("data-testid=\"problem\"", html);
        Assert.Contains("check digit", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Too_many_checks_from_one_address_get_a_friendly_wait_page()
    {
        using var limited = new RateLimitedFactory();
        var client = limited.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/01/04012345000115/21/ANY1")).StatusCode);
        var refused = await client.GetAsync("/01/04012345000115/21/ANY1");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("Please wait a moment", await refused.Content.ReadAsStringAsync());
        // Other pages are not limited by it.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/signin")).StatusCode);
    }

    private sealed class RateLimitedFactory : DrugTraceFactory
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("PublicVerification:PermitsPerMinute", "3");
            builder.UseSetting("Seed:Enabled", "false");
        }
    }
}
