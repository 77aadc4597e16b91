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
                var registered = await mediator.Send(new RegisterParty(user.GlnOf(), body.Gln ?? "", body.Name ?? "", body.Role ?? "", body.CompanyPrefixes), ct);
                return Results.Created($"/api/v1/parties/{registered.Party.Gln}", registered);
            })
            .WithSummary("Onboard a party (regulator). The API key is in the answer, once; only its hash is stored.");
        group.MapGet("/", (IPartyStore parties, CancellationToken ct) => parties.ListAsync(ct))
            .WithSummary("The registered parties: who a pack can be shipped to.");

        group.MapPost("/{gln}/keys", async (string gln, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            {
                var issued = await mediator.Send(new IssueApiKey(user.GlnOf(), gln), ct);
                return Results.Created($"/api/v1/parties/{issued.Gln}/keys/{issued.Id}", issued);
            })
            .WithSummary("A new API key for a party (the party itself or a regulator); the key is in the answer once. Rotate: issue, switch, revoke the old one.");
        group.MapGet("/{gln}/keys", async (string gln, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
                await mediator.Send(new ListApiKeys(user.GlnOf(), gln), ct))
            .WithSummary("A party's API keys by id and date, never the keys (the party itself or a regulator).");
        group.MapDelete("/{gln}/keys/{id}", async (string gln, string id, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
                await mediator.Send(new RevokeApiKey(user.GlnOf(), gln, id), ct))
            .WithSummary("Revokes one API key of a party; it is refused (401) from the next request on.");
        return api;
    }
}
