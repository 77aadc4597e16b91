using Bunit;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Application.Packs;
using DrugTrace.Application.Shipping;
using DrugTrace.Domain.Parties;
using DrugTrace.Web.Components.Pages.Custody;
using DrugTrace.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace DrugTrace.Web.Tests.Components.Pages.Custody;

public sealed class ShipmentsTests : UiContext
{
    private static readonly ShipmentPack[] Packs =
    [
        new("04012345000115", "S1", "AMX1", new DateOnly(2029, 12, 31), "Amoxicillin 500 mg", "(01)04012345000115(17)291231(10)AMX1(21)S1"),
        new("04012345000115", "S2", "AMX1", new DateOnly(2029, 12, 31), "Amoxicillin 500 mg", "(01)04012345000115(17)291231(10)AMX1(21)S2"),
    ];

    public ShipmentsTests() => WithFakeUseCases().SignedInAs(PartyRole.Pharmacy, Demo.PharmacyGln, "Linden-Apotheke");

    private void Navigate(string path) => Services.GetRequiredService<NavigationManager>().NavigateTo(path);

    [Fact]
    public void Receive_all_sends_every_code_of_the_shipment_in_one_call_and_shows_the_problems()
    {
        var received = false;
        UseCases.On<ListShipments>(r => new ShipmentList("incoming", received ? 0 : 2, false, received ? []
            : [new Shipment(Demo.WholesalerGln, "Atlas Pharma Wholesale GmbH", new DateOnly(2026, 3, 14), 2, Packs)]));
        UseCases.On<ReceiveDelivery>(r =>
        {
            received = true;
            return new DeliveryReceipt(2, 1, 0, 1, 0, 0,
            [
                new DeliveryItem(r.Codes[0], "ok", "Received into your stock.", null, []),
                new DeliveryItem(r.Codes[1], "refused", "This pack is quarantined since 2026-03-14 while it is investigated.", null, []),
            ]);
        });
        Navigate("/shipments/incoming");

        var cut = Render<Shipments>();
        Assert.Contains("From Atlas Pharma Wholesale GmbH", cut.Find("[data-testid=shipment]").TextContent);
        cut.Find("[data-testid=receive-all]").Click();

        var sent = Assert.Single(UseCases.Sent.OfType<ReceiveDelivery>());
        Assert.Equal(Packs.Select(p => p.Code), sent.Codes);
        Assert.Contains("Received 1 of 2 packs, 1 refused", cut.Find("[data-testid=receipt]").TextContent);
        Assert.Contains("quarantined", cut.Find("[data-testid=receipt-problems]").TextContent);
        Assert.NotNull(cut.Find("[data-testid=empty]"));
    }

    [Fact]
    public void Outgoing_shipments_have_no_receive_button()
    {
        UseCases.On<ListShipments>(r => new ShipmentList("outgoing", 2, false,
            [new Shipment(Demo.PharmacyGln, "Linden-Apotheke", new DateOnly(2026, 3, 14), 2, Packs)]));
        Navigate("/shipments/outgoing");

        var cut = Render<Shipments>();

        Assert.Equal(ShipmentDirection.Outgoing, Assert.IsType<ListShipments>(UseCases.Sent[^1]).Direction);
        Assert.Contains("To Linden-Apotheke", cut.Markup);
        Assert.Empty(cut.FindAll("[data-testid=receive-all]"));
    }
}
