using System.Security.Claims;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Application.Parties;
using DrugTrace.Web.Endpoints.Contracts;
using DrugTrace.Web.Infrastructure;
using Mediator;

namespace DrugTrace.Web.Endpoints;

public static class PartyEndpoints
{
    public static RouteGroupBuilder MapPartyEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/parties").WithTags("Parties");
        group.MapPost("/", async (NewParty body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            {
                var registered = await mediator.Send(new RegisterParty(user.GlnOf(), body.Gln ?? "", body.Name ?? "", body.Role ?? ""), ct);
                return Results.Created($"/api/v1/parties/{registered.Party.Gln}", registered);
            })
            .WithSummary("Onboard a party (regulator). The API key is in the answer, once; only its hash is stored.");
        group.MapGet("/", (IPartyStore parties, CancellationToken ct) => parties.ListAsync(ct))
            .WithSummary("The registered parties: who a pack can be shipped to.");
        return api;
    }
}
