using System.Security.Claims;
using DrugTrace.Application.Packs;
using DrugTrace.Web.Endpoints.Contracts;
using DrugTrace.Web.Infrastructure;
using Mediator;

namespace DrugTrace.Web.Endpoints;

public static class ScanEndpoints
{
    public static RouteGroupBuilder MapScanEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/scans", async (Scan body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
                await mediator.Send(ToRequest(body, user.GlnOf()), ct))
            .AcceptsIdempotencyKey()
            .WithTags("Scans")
            .WithSummary("Scan a pack: verify it or hand it off. The verdict is ok, alert or refused.");
        return api;
    }

    /// <summary>Maps a scan's action word to its use case (<see cref="ScanRequests"/>).</summary>
    public static IRequest<ScanOutcome> ToRequest(Scan body, string actor) =>
        ScanRequests.For(actor, body.Code, body.Action, body.To, body.Reason);
}
