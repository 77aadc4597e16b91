using System.Security.Claims;
using DrugTrace.Application.Shipping;
using DrugTrace.Web.Infrastructure;
using Mediator;

namespace DrugTrace.Web.Endpoints;

public static class DeliveryEndpoints
{
    public static RouteGroupBuilder MapDeliveryEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/deliveries/receive", (Delivery body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ReceiveDelivery(user.GlnOf(), body.Codes ?? []), ct))
            .WithTags("Scans")
            .WithSummary("Receive a whole delivery: every code through the same rules as a single receive; per-pack answers and counts.");
        return api;
    }
}

/// <summary>The codes of a delivery, as scanned.</summary>
public sealed record Delivery(IReadOnlyList<string>? Codes);
