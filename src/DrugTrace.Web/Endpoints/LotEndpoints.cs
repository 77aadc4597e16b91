using System.Security.Claims;
using DrugTrace.Application.Lots;
using DrugTrace.Web.Endpoints.Contracts;
using DrugTrace.Web.Infrastructure;
using Mediator;

namespace DrugTrace.Web.Endpoints;

public static class LotEndpoints
{
    public static RouteGroupBuilder MapLotEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/lots").WithTags("Lots");
        group.MapPost("/", async (NewLot body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            {
                var lot = await mediator.Send(new RegisterLot(user.GlnOf(), body.Gtin ?? "", body.Lot ?? "", body.Expiry ?? "", body.Quantity), ct);
                return Results.Created($"/api/v1/lots/{lot.Gtin}/{Uri.EscapeDataString(lot.Lot)}/packs", lot);
            })
            .AcceptsIdempotencyKey()
            .WithSummary("Register a lot and commission its packs with random serials (manufacturer, own products).");
        group.MapGet("/{gtin}/{lot}/packs", (string gtin, string lot, int? skip, int? take, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new GetLotPacks(user.GlnOf(), gtin, lot, skip ?? 0, take ?? 100), ct))
            .WithSummary("A page of a lot's packs (brand owner or regulator).");
        group.MapPost("/{gtin}/{lot}/recall", (string gtin, string lot, Recall body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new RecallLot(user.GlnOf(), gtin, lot, body.Reason ?? "", body.PublicText), ct))
            .WithSummary("Recall a lot (brand owner): its packs can no longer be shipped, received or dispensed. "
                + "reason is internal; publicText (optional) is what the public check shows.");
        return api;
    }
}
