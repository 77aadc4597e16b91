using DrugTrace.Application.Investigations;
using Bunit;
using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Dispensing;
using DrugTrace.Application.Packs;
using DrugTrace.Application.Verification;
using DrugTrace.Domain.Parties;
using DrugTrace.Web.Components.Pages.Scan;
using DrugTrace.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace DrugTrace.Web.Tests.Components.Pages.Scan;

public sealed class WorkspaceTests : UiContext
{
    private static readonly PackView Pack = new("04012345000115", "SN123", "AMX24A17", new DateOnly(2029, 12, 31), "Active", Demo.PharmacyGln, "Amoxicillin 500 mg");

    public WorkspaceTests()
    {
        WithFakeUseCases().SignedInAs(PartyRole.Pharmacy, Demo.PharmacyGln, "Linden-Apotheke");
    }

    private IRenderedComponent<Workspace> RenderWorkspace()
    {
        Render<MudPopoverProvider>();
        return Render<Workspace>();
    }

    private static void Scan(IRenderedComponent<Workspace> cut, string code)
    {
        cut.Find(".scan-input input").Input(code);
        cut.Find(".scan-input input").KeyDown(new KeyboardEventArgs { Key = "Enter" });
    }

    [Fact]
    public void Starts_with_an_empty_session_a_camera_button_and_a_photo_upload()
    {
        var cut = RenderWorkspace();
        Assert.Contains("No scans yet", cut.Find("[data-testid=no-scans]").TextContent);
        Assert.False(cut.Find("[data-testid=camera]").HasAttribute("disabled"));
        Assert.Contains(cut.FindComponents<MudTooltip>(), t => t.Instance.Text == "Scan with the camera");
        Assert.Equal("image/jpeg,image/png", cut.Find("[data-testid=photo] input[type=file]").GetAttribute("accept"));
    }

    [Fact]
    public void Enter_submits_the_scan_keeps_the_group_separator_and_shows_the_verdict()
    {
        UseCases.On<VerifyPack>(_ => new ScanOutcome(ScanOutcome.Ok, "Genuine pack.", Pack, [], null));
        var cut = RenderWorkspace();
        var code = "]d2010401234500011517291231" + "10AMX24A17\u001d21SN123";

        Scan(cut, code);

        // The scan is sent once the handler's awaits complete: on a busy machine, after Enter returns.
        cut.WaitForAssertion(() => Assert.Single(UseCases.Sent));
        var sent = Assert.IsType<VerifyPack>(Assert.Single(UseCases.Sent));
        Assert.Equal(code, sent.Code);
        Assert.Equal(Demo.PharmacyGln, sent.ActorGln);
        Assert.Equal("ok", cut.Find("[data-testid=verdict]").GetAttribute("data-verdict"));
        Assert.Contains("⟨GS⟩", cut.Find("[data-testid=session]").TextContent);
    }

    [Fact]
    public void The_action_comes_from_the_role_and_the_address()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/scan?action=dispense");
        UseCases.On<DispensePack>(_ => new ScanOutcome(ScanOutcome.Alert, "This pack was already dispensed by Linden-Apotheke (4012347000014) on 2026-01-02 10:00 UTC.", Pack with { Status = "Dispensed" },
            [new AlertView(null, "AlreadyInactive", "high", "This pack was already dispensed by Linden-Apotheke (4012347000014) on 2026-01-02 10:00 UTC.")], null));
        var cut = RenderWorkspace();

        Scan(cut, "(01)04012345000115(21)SN123");

        cut.WaitForAssertion(() => Assert.IsType<DispensePack>(Assert.Single(UseCases.Sent)));
        Assert.Equal("alert", cut.Find("[data-testid=verdict]").GetAttribute("data-verdict"));
        Assert.Contains("already dispensed by Linden-Apotheke", cut.Find("[data-testid=verdict-message]").TextContent);
    }

    [Fact]
    public void A_quarantine_asks_why_and_sends_the_reason_with_the_scan()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/scan?action=quarantine");
        UseCases.On<QuarantinePack>(_ => new ScanOutcome(ScanOutcome.Ok, "Quarantined.", Pack, [], null));
        var cut = RenderWorkspace();

        cut.Find("input[data-testid=note]").Input("Seal looks re-glued");
        Scan(cut, "(01)04012345000115(21)SN123");

        cut.WaitForAssertion(() => Assert.Equal("Seal looks re-glued", Assert.IsType<QuarantinePack>(Assert.Single(UseCases.Sent)).Reason));
    }

    [Fact]
    public void A_pharmacy_cannot_preselect_shipping()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/scan?action=ship");
        UseCases.On<VerifyPack>(_ => new ScanOutcome(ScanOutcome.Ok, "Genuine pack.", Pack, [], null));
        var cut = RenderWorkspace();

        Scan(cut, "(01)04012345000115(21)SN123");

        cut.WaitForAssertion(() => Assert.IsType<VerifyPack>(Assert.Single(UseCases.Sent)));
    }

    [Fact]
    public void An_unreadable_code_is_explained_in_words_and_listed_in_the_session()
    {
        UseCases.On<VerifyPack>(_ => throw new ValidationException("code", "The GTIN's check digit is wrong: expected 5, found 4."));
        var cut = RenderWorkspace();

        Scan(cut, "(01)04012345000114(21)SN123");

        Assert.Contains("check digit is wrong", cut.Find("[data-testid=problem]").TextContent);
        Assert.Contains("not read", cut.Find("[data-testid=session]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=verdict]"));
    }

    [Fact]
    public void An_empty_scan_asks_for_a_code_without_calling_anything()
    {
        var cut = RenderWorkspace();
        cut.Find(".scan-input input").KeyDown(new KeyboardEventArgs { Key = "Enter" });
        Assert.Contains("Scan a pack or type its code first.", cut.Find("[data-testid=problem]").TextContent);
        Assert.Empty(UseCases.Sent);
    }

    [Fact]
    public async Task A_scan_queued_offline_is_replayed_with_its_scan_time_and_listed_for_reconciliation()
    {
        UseCases.On<DispensePack>(_ => new ScanOutcome(ScanOutcome.Ok, "Dispensed.", Pack with { Status = "Dispensed" }, [], new EventRef(3, "ab")));
        UseCases.On<VerifyPack>(_ => throw new ValidationException("code", "The code has no GTIN."));
        var cut = RenderWorkspace();
        var at = new DateTimeOffset(2026, 12, 1, 23, 5, 7, TimeSpan.Zero);

        var first = await cut.InvokeAsync(() => cut.FindComponent<OfflineScanQueue>().Instance.ReplayQueuedAsync(new QueuedScan("id1", Demo.PharmacyGln, "(01)04012345000115(21)SN123", "dispense", null, null, at)));
        var second = await cut.InvokeAsync(() => cut.FindComponent<OfflineScanQueue>().Instance.ReplayQueuedAsync(new QueuedScan("id2", Demo.PharmacyGln, "garbage", "verify", null, null, at.AddSeconds(4))));

        Assert.Equal(("done", "done"), (first, second));
        var sent = Assert.IsType<DispensePack>(UseCases.Sent[0]);
        Assert.Equal(at, sent.ScannedAt);
        Assert.Equal(at.AddSeconds(4), Assert.IsType<VerifyPack>(UseCases.Sent[1]).ScannedAt);
        var rows = cut.FindAll("[data-testid=reconciled]");
        Assert.Equal(["ok", "problem"], rows.Select(r => r.GetAttribute("data-verdict")));
        Assert.Contains("The code has no GTIN.", rows[1].TextContent);
        Assert.Contains("1 went through, 0 raised alerts, 1 refused or not read", cut.Find("[data-testid=reconciliation-summary]").TextContent);
        Assert.Equal(2, cut.FindAll("[data-testid=queued-mark]").Count);
    }

    [Fact]
    public async Task A_scan_queued_by_another_party_is_not_sent_and_a_fault_keeps_the_scan_queued()
    {
        UseCases.On<DispensePack>(_ => throw new TimeoutException("store unreachable"));
        var cut = RenderWorkspace();
        var at = DateTimeOffset.UtcNow;

        var foreign = await cut.InvokeAsync(() => cut.FindComponent<OfflineScanQueue>().Instance.ReplayQueuedAsync(new QueuedScan("id1", "4012347999999", "(01)04012345000115(21)SN1", "dispense", null, null, at)));
        var fault = await cut.InvokeAsync(() => cut.FindComponent<OfflineScanQueue>().Instance.ReplayQueuedAsync(new QueuedScan("id2", Demo.PharmacyGln, "(01)04012345000115(21)SN2", "dispense", null, null, at)));

        Assert.Equal("done", foreign);
        Assert.Equal("later", fault);
        Assert.Single(UseCases.Sent);
        var row = Assert.Single(cut.FindAll("[data-testid=reconciled]"));
        Assert.Contains("another party", row.TextContent);
    }

    [Fact]
    public void The_offline_queue_is_attached_with_the_user_and_the_configured_limit_and_knows_the_action()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/scan?action=dispense");
        var cut = RenderWorkspace();

        var attach = JSInterop.Invocations["drugTraceOffline.attach"].Single().Arguments[1]!;
        Assert.Equal(("Test user", Demo.PharmacyGln, 500), (Prop<string>(attach, "user"), Prop<string>(attach, "gln"), Prop<int>(attach, "limit")));
        var context = JSInterop.Invocations["drugTraceOffline.setContext"][^1].Arguments[0]!;
        Assert.Equal(("dispense", "Dispense"), (Prop<string>(context, "action"), Prop<string>(context, "label")));
        Assert.True(cut.Find("#offline-queue").HasAttribute("hidden"));
    }

    [Fact]
    public void Shipping_without_a_destination_asks_for_one_and_sends_nothing()
    {
        SignedInAs(PartyRole.Wholesaler, Demo.WholesalerGln, "Atlas");
        UseCases.On<DrugTrace.Application.Parties.ListParties>(_ => (IReadOnlyList<DrugTrace.Domain.Parties.Party>)[]);
        Services.GetRequiredService<NavigationManager>().NavigateTo("/scan?action=ship");
        var cut = RenderWorkspace();

        Scan(cut, "(01)04012345000115(21)SN123");

        Assert.DoesNotContain(UseCases.Sent, r => r is DrugTrace.Application.Shipping.ShipPack);
        Assert.Contains("Choose where to ship", cut.Find("[data-testid=problem]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=session]"));
    }

    private static T Prop<T>(object o, string name) => (T)o.GetType().GetProperty(name)!.GetValue(o)!;
}
