using System.Security.Claims;
using DrugTrace.Application.Packs;
using DrugTrace.Web.Infrastructure;
using Mediator;

namespace DrugTrace.Web.Endpoints;

public static class PackEndpoints
{
    public static RouteGroupBuilder MapPackEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/packs/{gtin}/{serial}", (string gtin, string serial, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new GetPackHistory(user.GlnOf(), gtin, serial), ct))
            .WithTags("Packs")
            .WithSummary("A pack and its hash chain, re-verified (regulator, brand owner, or a party it passed through).");
        return api;
    }
}
