using Bunit;
using DrugTrace.Domain.Parties;
using DrugTrace.Web.Components.Pages.Scan;
using DrugTrace.Web.Infrastructure;
using DrugTrace.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace DrugTrace.Web.Tests.Components.Pages.Scan;

/// <summary>Two pharmacists dispense one pack at the same moment, each from their own scan workspace on the real app.</summary>
[Collection(ApiCollection.Name)]
public sealed class ConcurrentDispenseTests(DrugTraceFactory factory)
{
    [Fact]
    public async Task One_sees_success_the_other_sees_already_dispensed_with_who_and_when()
    {
        var manufacturer = factory.ClientFor(Demo.ManufacturerKey);
        var (gtin, lot, expiry, serials) = await Api.NewLotAsync(manufacturer, 1);
        var code = Api.Code(gtin, serials[0], lot, expiry);
        await Api.ScanAsync(manufacturer, code, "ship", to: Demo.PharmacyGln);
        await Api.ScanAsync(factory.ClientFor(Demo.PharmacyKey), code, "receive");

        await using var eva = Workspace("Eva Brandt");
        await using var tom = Workspace("Tom Richter");
        var a = eva.Render<Workspace>();
        var b = tom.Render<Workspace>();
        a.Find(".scan-input input").Input(code);
        b.Find(".scan-input input").Input(code);

        await Task.WhenAll(
            Task.Run(() => a.Find(".scan-input input").KeyDownAsync(new KeyboardEventArgs { Key = "Enter" })),
            Task.Run(() => b.Find(".scan-input input").KeyDownAsync(new KeyboardEventArgs { Key = "Enter" })));
        a.WaitForElement("[data-testid=verdict]", TimeSpan.FromSeconds(60));
        b.WaitForElement("[data-testid=verdict]", TimeSpan.FromSeconds(60));

        var verdicts = new[] { a, b }.Select(c => (
            Verdict: c.Find("[data-testid=verdict]").GetAttribute("data-verdict"),
            Message: c.Find("[data-testid=verdict-message]").TextContent)).ToList();
        Assert.Single(verdicts, v => v.Verdict == "ok");
        var loser = Assert.Single(verdicts, v => v.Verdict != "ok");
        Assert.Equal("alert", loser.Verdict);
        Assert.Contains("already dispensed by Linden-Apotheke (4012347000014) on ", loser.Message);
        Assert.Matches(@"\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC", loser.Message);
    }

    private UiContext Workspace(string user)
    {
        var context = new UiContext();
        context.Services.AddSingleton(factory.Services.GetRequiredService<IUseCases>());
        context.SignedInAs(PartyRole.Pharmacy, Demo.PharmacyGln, "Linden-Apotheke", user);
        context.Services.GetRequiredService<NavigationManager>().NavigateTo("/scan?action=dispense");
        context.Render<MudPopoverProvider>();
        return context;
    }
}
