using Bunit;
using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Packs;
using DrugTrace.Application.Shipping;
using DrugTrace.Domain.Parties;
using DrugTrace.Web.Components.Pages.Scan;
using DrugTrace.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;

namespace DrugTrace.Web.Tests.Components.Pages.Scan;

public sealed class BulkReceivePanelTests : UiContext
{
    private readonly List<string?> _problems = [];
    private readonly List<bool> _busy = [];

    public BulkReceivePanelTests() => WithFakeUseCases();

    private IRenderedComponent<BulkReceivePanel> RenderPanel() =>
        Render<BulkReceivePanel>(p => p
            .Add(c => c.ActorGln, Demo.PharmacyGln)
            .Add(c => c.OnProblem, EventCallback.Factory.Create<string?>(this, m => _problems.Add(m)))
            .Add(c => c.BusyChanged, EventCallback.Factory.Create<bool>(this, b => _busy.Add(b))));

    [Fact]
    public async Task Codes_are_counted_as_scanned_and_received_in_one_request()
    {
        UseCases.On<ReceiveDelivery>(r => new DeliveryReceipt(r.Codes.Count, 2, 0, 0, 0, 0,
            [.. r.Codes.Select(c => new DeliveryItem(c, "ok", "Received into your stock.", null, []))]));
        var cut = RenderPanel();

        await cut.InvokeAsync(() => cut.Instance.Add("(01)04012345000115(21)A"));
        await cut.InvokeAsync(() => cut.Instance.Add("(01)04012345000115(21)B"));
        Assert.Contains("2 scanned", cut.Find("[data-testid=delivery-counts]").TextContent);

        cut.Find("[data-testid=receive-all]").Click();

        var sent = Assert.IsType<ReceiveDelivery>(Assert.Single(UseCases.Sent));
        Assert.Equal((Demo.PharmacyGln, 2), (sent.ActorGln, sent.Codes.Count));
        Assert.Contains("2 received", cut.Find("[data-testid=receipt-counts]").TextContent);
        Assert.Empty(cut.Instance.Codes);
        Assert.Equal([true, false], _busy);
        Assert.Equal([null], _problems);
    }

    [Fact]
    public async Task A_pallet_s_sscc_is_read_as_a_case_and_its_receipt_names_it()
    {
        const string Sscc = "340123450000000017";
        UseCases.On<ReceiveDelivery>(r => new DeliveryReceipt(r.Codes.Count, 2, 0, 0, 0, 0,
        [
            new DeliveryItem(r.Codes[0], "ok", "Received into your stock: case (00) 340123450000000017 with 40 packs.", null, [], new(Sscc, 40, 0)),
            new DeliveryItem(r.Codes[1], "ok", "Received into your stock.", null, []),
        ]));
        var cut = RenderPanel();

        await cut.InvokeAsync(() => cut.Instance.Add($"(00){Sscc}"));
        await cut.InvokeAsync(() => cut.Instance.Add("(01)04012345000115(21)A"));
        await cut.InvokeAsync(() => cut.Instance.Add($"00{Sscc}"));

        // Read as a case, not as an unreadable pack; the same SSCC written another way is a repeat.
        Assert.Contains($"case (00) {Sscc}", cut.Find("[data-testid=delivery-codes]").TextContent);
        Assert.Contains("0 unreadable", cut.Find("[data-testid=delivery-counts]").TextContent);
        Assert.Contains("1 scanned twice", cut.Find("[data-testid=delivery-counts]").TextContent);
        Assert.Equal("1 case or pallet", cut.Find("[data-testid=delivery-cases]").TextContent.Trim());

        cut.Find("[data-testid=receive-all]").Click();
        Assert.Contains($"case (00) {Sscc}", cut.Find("[data-testid=receipt]").TextContent);
    }

    [Fact]
    public async Task A_refused_delivery_keeps_its_codes_and_says_why()
    {
        UseCases.On<ReceiveDelivery>(_ => throw new ForbiddenAccessException("A manufacturer may not receive packs."));
        var cut = RenderPanel();
        await cut.InvokeAsync(() => cut.Instance.Add("(01)04012345000115(21)A"));

        cut.Find("[data-testid=receive-all]").Click();

        Assert.Contains("A manufacturer may not receive packs.", Assert.Single(_problems));
        Assert.Single(cut.Instance.Codes);
        Assert.Empty(cut.FindAll("[data-testid=receipt]"));
    }

    [Fact]
    public async Task A_code_can_be_removed_before_receiving()
    {
        var cut = RenderPanel();
        await cut.InvokeAsync(() => cut.Instance.Add("(01)04012345000115(21)A"));
        await cut.InvokeAsync(() => cut.Instance.Add("(01)04012345000115(21)B"));

        cut.FindAll("[data-testid=delivery-codes] button[aria-label=Remove]")[0].Click();

        Assert.Equal(["(01)04012345000115(21)A"], cut.Instance.Codes);
        Assert.Empty(UseCases.Sent);
    }
}
