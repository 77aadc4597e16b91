using Bunit;
using DrugTrace.Application.Packs;
using DrugTrace.Application.Shipping;
using DrugTrace.Application.Verification;
using DrugTrace.Domain.Parties;
using DrugTrace.Web.Components.Pages.Scan;
using DrugTrace.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace DrugTrace.Web.Tests.Components.Pages.Scan;

public sealed class CameraAndScannerTests : UiContext
{
    private static readonly PackView Pack = new("04012345000115", "SN123", "AMX24A17", new DateOnly(2029, 12, 31), "Active", Demo.PharmacyGln, "Amoxicillin 500 mg");

    public CameraAndScannerTests()
    {
        WithFakeUseCases().SignedInAs(PartyRole.Pharmacy, Demo.PharmacyGln, "Linden-Apotheke");
    }

    private IRenderedComponent<Workspace> RenderWorkspace()
    {
        Render<MudPopoverProvider>();
        return Render<Workspace>();
    }

    [Fact]
    public async Task A_camera_read_goes_to_the_same_use_case_with_its_symbology_identifier()
    {
        UseCases.On<VerifyPack>(_ => new ScanOutcome(ScanOutcome.Ok, "Genuine pack.", Pack, [], null));
        var cut = RenderWorkspace();

        await cut.InvokeAsync(() => cut.Instance.OnCameraRead("010401234500011517291231" + "10AMX24A17\u001d21SN123", "]d2", "DataMatrix"));

        var sent = Assert.IsType<VerifyPack>(Assert.Single(UseCases.Sent));
        Assert.Equal("]d2010401234500011517291231" + "10AMX24A17\u001d21SN123", sent.Code);
        Assert.Equal("ok", cut.Find("[data-testid=verdict]").GetAttribute("data-verdict"));
    }

    [Theory]
    [InlineData("denied", "not allowed to use the camera")]
    [InlineData("nocamera", "No camera was found")]
    [InlineData("insecure", "secure connection")]
    public async Task Camera_problems_say_what_to_do_and_fall_back_to_typing(string kind, string words)
    {
        var cut = RenderWorkspace();
        await cut.InvokeAsync(() => cut.Instance.OnCameraError(kind, "details"));
        Assert.Contains(words, cut.Find("[data-testid=camera-problem]").TextContent);
        Assert.Contains("type the code", cut.Find("[data-testid=camera-problem]").TextContent);
        Assert.Empty(UseCases.Sent);
    }

    [Fact]
    public void The_camera_button_loads_the_scanner_module()
    {
        var module = JSInterop.SetupModule("./js/scanner.js");
        module.Setup<bool>("start", _ => true).SetResult(true);
        var cut = RenderWorkspace();

        cut.Find("[data-testid=camera]").Click();

        Assert.Single(module.Invocations, i => i.Identifier == "start");
    }

    [Fact]
    public void The_scanner_check_shows_what_a_wedge_scanner_delivered()
    {
        UseCases.On<VerifyPack>(_ => new ScanOutcome(ScanOutcome.Ok, "Genuine pack.", Pack, [], null));
        var cut = RenderWorkspace();

        cut.Find(".scan-input input").Input("010401234500011517291231" + "10AMX24A17<GS>21SN123");
        cut.Find(".scan-input input").KeyDown(new KeyboardEventArgs { Key = "Enter" });
        cut.Find("[data-testid=scanner-check] .mud-expand-panel-header").Click();

        Assert.Contains("none sent", cut.Find("[data-testid=check-symbology]").TextContent);
        Assert.Contains("<GS>", cut.Find("[data-testid=check-separators]").TextContent);
        Assert.Contains("symbology identifier", cut.Find("[data-testid=check-advice]").TextContent);
    }

    [Fact]
    public void Bulk_mode_accumulates_scans_with_counts_and_receives_them_in_one_go()
    {
        UseCases.On<ReceiveDelivery>(r => new DeliveryReceipt(r.Codes.Count, 1, 0, 0, 1, 1,
        [
            new DeliveryItem(r.Codes[0], "ok", "Received into your stock.", Pack, []),
            new DeliveryItem(r.Codes[1], "duplicate", "Scanned twice in this delivery: received once.", null, []),
            new DeliveryItem(r.Codes[2], "unreadable", "bad", null, []),
        ]));
        var cut = RenderWorkspace();
        cut.FindComponent<MudSwitch<bool>>().Find("input").Change(true);

        foreach (var code in new[] { "(01)04012345000115(21)SN123", "(01)04012345000115(21)SN123", "(01)04012345000116(21)X" })
        {
            cut.Find(".scan-input input").Input(code);
            cut.Find(".scan-input input").KeyDown(new KeyboardEventArgs { Key = "Enter" });
        }

        // Each Enter is handled asynchronously: wait for the third to be counted rather than assume it was.
        cut.WaitForAssertion(() =>
        {
            var counts = cut.Find("[data-testid=delivery-counts]").TextContent;
            Assert.Contains("3 scanned", counts);
            Assert.Contains("1 packs", counts);
            Assert.Contains("1 scanned twice", counts);
            Assert.Contains("1 unreadable", counts);
        }, TimeSpan.FromSeconds(30));
        Assert.Empty(UseCases.Sent);

        cut.Find("[data-testid=receive-all]").Click();

        cut.WaitForAssertion(() =>
        {
            Assert.Contains("1 received", cut.Find("[data-testid=receipt-counts]").TextContent);
            Assert.Equal(3, cut.FindAll("[data-testid=receipt] tbody tr").Count);
        }, TimeSpan.FromSeconds(30));
        var sent = Assert.IsType<ReceiveDelivery>(Assert.Single(UseCases.Sent));
        Assert.Equal(3, sent.Codes.Count);
    }
}
