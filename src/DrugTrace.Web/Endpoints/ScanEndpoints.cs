using System.Security.Claims;
using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Decommissioning;
using DrugTrace.Application.Dispensing;
using DrugTrace.Application.Packs;
using DrugTrace.Application.Shipping;
using DrugTrace.Application.Verification;
using DrugTrace.Web.Endpoints.Contracts;
using DrugTrace.Web.Infrastructure;
using Mediator;

namespace DrugTrace.Web.Endpoints;

public static class ScanEndpoints
{
    public const string Actions = "verify, receive, ship, dispense, undo-dispense, decommission, unlock";

    public static RouteGroupBuilder MapScanEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/scans", async (Scan body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
                await mediator.Send(ToRequest(body, user.GlnOf()), ct))
            .WithTags("Scans")
            .WithSummary("Scan a pack: verify it or hand it off. The verdict is ok, alert or refused.");
        return api;
    }

    /// <summary>Maps a scan's action to its use case.</summary>
    public static IRequest<ScanOutcome> ToRequest(Scan body, string actor)
    {
        var code = body.Code ?? "";
        return body.Action?.Trim().ToLowerInvariant() switch
        {
            "verify" or null or "" => new VerifyPack(actor, code),
            "receive" => new ReceivePack(actor, code),
            "ship" => new ShipPack(actor, code, body.To),
            "dispense" => new DispensePack(actor, code),
            "undo-dispense" or "undo" => new UndoDispense(actor, code),
            "decommission" => new DecommissionPack(actor, code, body.Reason),
            "unlock" => new UnlockPack(actor, code),
            var other => throw new ValidationException("action", $"'{other}' is not an action; use one of: {Actions}."),
        };
    }
}
