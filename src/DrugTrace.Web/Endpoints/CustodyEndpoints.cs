using System.Security.Claims;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Application.Shipping;
using DrugTrace.Application.Stock;
using DrugTrace.Web.Infrastructure;
using Mediator;

namespace DrugTrace.Web.Endpoints;

/// <summary>What the caller holds and what is on its way to or from it.</summary>
public static class CustodyEndpoints
{
    public static RouteGroupBuilder MapCustodyEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/stock", (string? gtin, string? lot, string? expiringBefore, int? skip, int? take,
                    ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new GetStock(user.GlnOf(), gtin, lot, expiringBefore, skip ?? 0, take ?? 50), ct))
            .WithTags("Stock")
            .WithSummary("Packs in your custody by product and lot: available and held counts, expiry, near-expiry and recall flags. "
                + "expiringBefore=yyyy-MM-dd keeps lots expiring before that day.");
        var shipments = api.MapGroup("/shipments").WithTags("Stock");
        shipments.MapGet("/incoming", (ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ListShipments(user.GlnOf(), ShipmentDirection.Incoming), ct))
            .WithSummary("Packs shipped to you and not yet received, by sender and day, each with the code that receives it.");
        shipments.MapGet("/outgoing", (ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ListShipments(user.GlnOf(), ShipmentDirection.Outgoing), ct))
            .WithSummary("Packs you shipped that the recipient has not yet received, by recipient and day.");
        return api;
    }
}
